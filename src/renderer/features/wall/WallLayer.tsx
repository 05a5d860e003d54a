import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { currentActivity } from '../../../core/common/facilitation/agenda'
import { passCount, readAgenda, readTimer } from '../../../core/common/facilitation/state'
import { formatRemaining, remainingMs } from '../../../core/common/facilitation/timer'
import { readStructure } from '../../../core/common/session/read'
import { readRounds, readShowResults } from '../../../core/common/voting/round'
import { isFacilitatorRole } from '../../../core/common/permissions'
import type { BoardSession } from '../../session/BoardSession'
import { useBoardSession } from '../../session/useBoardSession'
import { useMapsValue, useTick } from '../../session/useDoc'
import { useServices } from '../../workbench/context'
import { timerControls } from '../../workbench/timerControls'
import { wallArea, wallLayout } from './wallLayout'
import { wallKey, type WallAction, type WallState } from './wallState'
import { openWallLink, wallSessionFromUrl } from './wallWindow'
import { WallResults } from './WallResults'
import { I18nProvider, useT } from '../../device/i18n'
import { useSessionLanguage } from '../../session/useSessionLanguage'
import { directionOf, htmlLangOf, type Language, type MessageKey } from '../../../shared/i18n'
import './wall.css'

/** What the wall reads of the document: agenda, timer, rounds, structure (never the cards). */
function readWall(doc: Y.Doc) {
  const agenda = readAgenda(doc)
  const activity = currentActivity(agenda)
  return {
    agenda,
    activity,
    timer: readTimer(doc),
    rounds: readRounds(doc),
    showResults: readShowResults(doc),
    structure: readStructure(doc),
    passes: activity ? passCount(doc, activity.id) : 0,
  }
}

/** The keys of wall mode (also listed on the wall itself). */
export const WALL_KEYS: ReadonlyArray<readonly [MessageKey | string, MessageKey]> = [
  ['wall.key.nextKeys', 'wall.key.next'],
  ['wall.key.previousKeys', 'wall.key.previous'],
  ['wall.key.space', 'wall.key.timer'],
  ['R', 'wall.key.results'],
  ['B', 'wall.key.back'],
  ['S', 'wall.key.fit'],
  ['Esc', 'wall.key.leave'],
]

/**
 * Wall mode (ADR 0033), mounted once in the workbench: for the active session, when its wall state is
 * on, the whole window shows the board fitted (the activity's cells or the whole structure) beside a
 * panel with the activity, its prompt, a timer readable across a hall, passes and the content note;
 * or the results of a closed voting round. Side bars, menus and tldraw's own chrome are hidden
 * (wall.css) — tldraw's watermark stays where it is, uncovered. Also: this window's end of the link
 * with the other windows, and, in a window opened as a wall (`?wall=<id>`), opening that session.
 */
export function WallLayer() {
  const services = useServices()
  const { sessions, store, host } = services
  const session = useBoardSession()
  const t = useT()

  // messages from the other windows (and this window's palette commands) for any open session
  useEffect(() => {
    const link = openWallLink(({ sessionId, action }) => {
      const s = sessions.get(sessionId)
      if (s && !s.disposed) s.scoped(wallKey).apply(action)
    })
    return () => link.close()
  }, [sessions])

  // a window opened as the wall: open that session's tab and show it as the wall once it is there
  const [wallFor] = useState(() => wallSessionFromUrl(window.location.href))
  useEffect(() => {
    if (!wallFor) return
    let live = true
    void host.call('sessions.get', { id: wallFor }).then((r) => {
      if (!live) return
      if (!r.ok) return store.notify('error', t('wall.error.show', { message: r.error.message }))
      store.set({ activeView: null })
      store.openSessionTab(wallFor, r.value.title)
    })
    const enter = () => {
      const s = sessions.get(wallFor)
      if (!s || s.disposed) return false
      const wall = s.scoped(wallKey)
      wall.set({ secondWindow: true })
      wall.apply({ type: 'enter' })
      return true
    }
    if (enter()) return
    const off = sessions.subscribe(() => {
      if (enter()) off()
    })
    return () => {
      live = false
      off()
    }
  }, [wallFor, host, sessions, store, t])

  if (!session || session.disposed) return null
  return <SessionWall key={session.sessionId} session={session} />
}

function useWallState(wall: WallState) {
  return useSyncExternalStore(wall.subscribe, wall.get)
}

function SessionWall({ session }: { session: BoardSession }) {
  const wall = useMemo(() => session.scoped(wallKey), [session])
  const state = useWallState(wall)
  const board = session.board
  // the wall speaks the session's language, whatever the language of this window's menus (issue 19)
  const { language } = useSessionLanguage()
  // a wall window is a screen, not one more facilitator: it shows no presence of its own
  const quiet = state.on && state.secondWindow
  useEffect(() => {
    if (!board || !quiet) return
    board.setQuietPresence(true)
    return () => board.setQuietPresence(false)
  }, [board, quiet])
  if (!state.on || !board) return null
  return (
    <I18nProvider locale={language}>
      <WallScreen session={session} wall={wall} doc={board.doc} language={language} />
    </I18nProvider>
  )
}

function WallScreen({
  session,
  wall,
  doc,
  language,
}: {
  session: BoardSession
  wall: WallState
  doc: Y.Doc
  language: Language
}) {
  const { host, store } = useServices()
  const t = useT()
  const state = useWallState(wall)
  const data = useMapsValue(doc, ['workshop', 'voting', 'facilitation'], readWall)
  const relayNow = useMemo(() => () => session.facilitation?.relayNow() ?? Date.now(), [session])
  const controls = useMemo(
    () => timerControls({ doc, sessionId: session.sessionId, relayNow, host, store }),
    [doc, session, relayNow, host, store],
  )
  const facilitator = isFacilitatorRole(session.facilitation?.sessionRole ?? 'participant')
  useTick(250, data.timer.status === 'running')

  // the screen size: the layout and the fit follow a window moved to the projector or resized
  const [screen, setScreen] = useState(() => ({ w: window.innerWidth, h: window.innerHeight }))
  useEffect(() => {
    const onResize = () => setScreen({ w: window.innerWidth, h: window.innerHeight })
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])

  const area = wallArea(data.structure, data.activity, state.fit)
  const layout = wallLayout(screen, area ?? { w: screen.w, h: screen.h })
  const areaKey = area ? `${area.x},${area.y},${area.w},${area.h}` : ''
  const insetsKey = JSON.stringify(layout.insets)

  // the chrome goes (wall.css) before the board is fitted into the space it leaves
  // leaving the wall gives the laptop back the view it had before (not the wall's fit under its chrome)
  useLayoutEffect(() => {
    const root = document.documentElement
    const restoreCamera = session.board?.holdCamera()
    root.dataset.coproWall = 'on'
    return () => {
      delete root.dataset.coproWall
      restoreCamera?.()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // fit the board now that the chrome is gone (layout effect: before the browser paints the wall)
  useLayoutEffect(() => {
    const board = session.board
    if (!board) return
    const bounds = area ?? null
    if (bounds) board.fitInto(bounds, layout.insets)
    else board.fitStructureOrContent()
    performance.mark('copro:wall:fitted')
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, state.fitSeq, areaKey, insetsKey, screen.w, screen.h])

  // a round that closes while the wall is up shows its results
  const closedIds = data.rounds.filter((r) => r.status === 'closed').map((r) => r.id)
  const seenClosed = useRef<Set<string> | null>(null)
  useEffect(() => {
    const prev = seenClosed.current
    seenClosed.current = new Set(closedIds)
    if (!prev) return
    const fresh = closedIds.find((id) => !prev.has(id))
    if (fresh) wall.apply({ type: 'results', roundId: fresh })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [closedIds.join('\n'), wall])

  // the keyboard: a presenter's clicker sends Page Down / Page Up; the canvas never sees these keys
  const latest = useRef({ data, controls, facilitator })
  latest.current = { data, controls, facilitator }
  useEffect(() => {
    const act = (a: WallAction) => wall.apply(a)
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const t = e.target as HTMLElement | null
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return
      const { data, controls, facilitator } = latest.current
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key
      let done = true
      switch (key) {
        case 'Escape':
          act({ type: 'leave' })
          break
        case 'ArrowRight':
        case 'PageDown':
        case 'n':
          if (facilitator) controls.next()
          break
        case 'ArrowLeft':
        case 'PageUp':
          if (facilitator && data.agenda.currentIndex > 0) controls.goTo(data.agenda.currentIndex - 1)
          break
        case ' ':
        case 't':
          if (!facilitator) break
          if (data.timer.status === 'running') controls.pause()
          else controls.start()
          break
        case 'r':
          act({ type: 'results' })
          break
        case 'b':
          act({ type: 'board' })
          break
        case 's':
          act({ type: 'fit' })
          break
        default:
          done = false
      }
      if (!done) return
      e.preventDefault()
      e.stopPropagation()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [wall])

  const resultsRound =
    state.view === 'results'
      ? (data.rounds.find((r) => r.id === state.roundId && r.status === 'closed') ??
        data.rounds.find((r) => r.id === data.showResults && r.status === 'closed') ??
        [...data.rounds].reverse().find((r) => r.status === 'closed') ??
        null)
      : null
  const { activity, timer, agenda } = data
  const timed = activity && timer.activityId === activity.id
  const remaining = timed ? remainingMs(timer, relayNow()) : (activity?.durationMs ?? 0)
  return (
    <div
      className={`wall wall--${layout.panel}`}
      data-testid="wall"
      data-view={state.view}
      lang={htmlLangOf(language)}
      dir={directionOf(language)}
      style={{ ['--wall-panel' as string]: `${layout.panelSize}px` }}
    >
      <section className="wall-panel" aria-label={t('wall.panel')} data-testid="wall-panel">
        <div className="wall-panel__main">
          {activity ? (
            <>
              <p className="wall-step">
                {t('wall.step', { n: agenda.currentIndex + 1, total: agenda.activities.length })}
              </p>
              <h1 className="wall-title" data-testid="wall-title">
                {activity.title}
              </h1>
              {activity.instructions && (
                <p className="wall-prompt" data-testid="wall-prompt">
                  {activity.instructions}
                </p>
              )}
              {activity.contentNote && (
                <p className="wall-note" data-testid="wall-content-note">
                  <strong>{t('wall.contentNote')}</strong> {activity.contentNote}
                </p>
              )}
            </>
          ) : (
            <h1 className="wall-title" data-testid="wall-title">
              {agenda.activities.length > 0 && agenda.currentIndex >= agenda.activities.length
                ? t('wall.end')
                : t('wall.welcome')}
            </h1>
          )}
        </div>
        {activity && (
          <div className="wall-timerbox">
            <div
              className="wall-timer"
              role="timer"
              aria-live="off"
              data-testid="wall-timer"
              data-status={timed ? timer.status : 'idle'}
            >
              {formatRemaining(remaining)}
            </div>
            <p className="wall-timer__state">
              {!timed || timer.status === 'idle'
                ? t('wall.timer.idle')
                : timer.status === 'paused'
                  ? t('wall.timer.paused')
                  : timer.status === 'done'
                    ? t('wall.timer.done')
                    : t('wall.timer.running')}
              {data.passes > 0 && (
                <span data-testid="wall-passes"> · {t('wall.passes', { count: data.passes })}</span>
              )}
            </p>
          </div>
        )}
        <dl className="wall-keys" aria-label={t('wall.keys')}>
          {WALL_KEYS.map(([k, what]) => (
            <div key={k}>
              <dt>{k.startsWith('wall.') ? t(k as MessageKey) : k}</dt>
              <dd>{t(what)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {resultsRound && <WallResults doc={doc} round={resultsRound} />}
      {state.view === 'results' && !resultsRound && (
        <section className="wall-results" aria-label={t('wall.results')} data-testid="wall-results">
          <h1 className="wall-title">{t('wall.noRound')}</h1>
          <p className="wall-prompt">{t('wall.backHint')}</p>
        </section>
      )}
    </div>
  )
}
