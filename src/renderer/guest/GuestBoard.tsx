import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { GuestSessionInfo } from '../../shared/api/contract'
import type { CardKind } from '../../shared/model/cardKinds'
import { readAgenda } from '../../core/common/facilitation/state'
import { readStructure } from '../../core/common/session/read'
import { currentActivity } from '../../core/common/facilitation/agenda'
import { readReveal } from '../../core/common/facilitation/state'
import type { BoardApi, BoardIdentity, BoardStatus } from '../board/Board'
import { useDocValue } from '../session/useDoc'
import type { GuestProfile, GuestRole } from './guestIdentity'
import {
  guestSyncUrl,
  isDeadLinkClose,
  isPermanentClose,
  lookUpGuestSession,
  type JoinLink,
} from './joinLink'
import { SimpleComposer } from './SimpleComposer'
import { closeWords, PERMISSION_DENIED_CLOSE, tooLargeWords } from '../board/sync/closeMessage'
import type { MessageKey } from '../../shared/i18n'
import { roleShort, useT } from '../device/i18n'
import { GuestOutline } from './GuestOutline'
import { cellLabel, targetCell } from './targetCell'
import { LoadedBoard } from '../board/loadBoard'
import { holdCanvasCards, isHeldOnDevice } from './heldCanvasCards'
import { approvalCopy, ForApproval } from './phone/ForApproval'
import { useModeration } from '../session/moderation'
import { BoardSession } from '../session/BoardSession'
import { phoneViewUrl } from './phone/screenChoice'
import { BoardSessionContext } from '../session/useBoardSession'
import { BoardAnnouncer } from '../features/a11y/BoardAnnouncer'
import { FacilitationLayer } from '../features/facilitation/canvas/FacilitationLayer'

/** The binding's filter for a guest's board: cards held for the facilitator stay on this device. */
const keepHeldOnDevice = (r: Parameters<typeof isHeldOnDevice>[0]) => !isHeldOnDevice(r)

export interface GuestBoardProps {
  link: JoinLink
  info: GuestSessionInfo
  profile: GuestProfile & { coproRole: GuestRole }
  /** The link stopped working (revoked, expired or refused). */
  onDead(): void
}

const CONNECTION_WORDS: Record<BoardStatus['connection'], MessageKey> = {
  connecting: 'conn.connecting',
  connected: 'conn.connected',
  offline: 'conn.offline',
}

/**
 * The guest's board: the shared canvas (read-only for observers) filling the screen, a slim top bar,
 * and for participants the simple composer, below the canvas on a phone and beside it on a wider
 * screen (never over the canvas's bottom-right corner).
 */
/** What a guest's canvas draws over the board (the workbench's come from the features' contributions). */
const GUEST_LAYERS = [FacilitationLayer]

export function GuestBoard({ link, info, profile, onDead }: GuestBoardProps) {
  const t = useT()
  const observer = info.role === 'observer'
  // the guest's one BoardSession, made and disposed here (in an effect, so StrictMode's re-run gets a fresh one)
  const [session, setSession] = useState<BoardSession | null>(null)
  useEffect(() => {
    const s = new BoardSession(link.sessionId)
    setSession(s)
    return () => s.dispose()
  }, [link.sessionId])
  const [api, setApi] = useState<BoardApi | null>(null)
  const approval = useModeration(session?.moderation)
  const [connection, setConnection] = useState<BoardStatus['connection']>('connecting')
  const onDeadRef = useRef(onDead)
  onDeadRef.current = onDead
  const identity = useMemo<BoardIdentity>(
    () => ({
      id: profile.id,
      name: profile.anonymous ? '' : profile.name,
      anonymous: profile.anonymous,
      coproRole: profile.coproRole,
      sessionRole: observer ? 'observer' : 'participant',
    }),
    [profile, observer],
  )
  const syncUrl = useMemo(() => guestSyncUrl(), [])

  // A permanent close (4400–4499) stops reconnecting. Token and session closes mean the link is dead;
  // for any other (e.g. a malformed message) ask the server, and offer a reload if the link still works.
  const [closedFor, setClosedFor] = useState<number | null>(null)
  /** Plain words about a change that was not saved (refused, or too large to send). */
  const [notice, setNotice] = useState<string | null>(null)
  // "List view": the outline instead of the canvas, for screen readers and keyboards.
  const [listView, setListView] = useState(false)
  const onStatus = useCallback(
    (s: BoardStatus) => {
      setConnection(s.connection)
      setNotice(
        s.lastClose?.code === PERMISSION_DENIED_CLOSE
          ? closeWords(t, s.lastClose.code)
          : tooLargeWords(t, s.tooLarge),
      )
      const code = s.lastClose?.code
      // a refused change (4430): the board has started again by itself from a fresh copy
      if (code === undefined || !isPermanentClose(code) || code === PERMISSION_DENIED_CLOSE) return
      if (isDeadLinkClose(code)) return onDeadRef.current()
      void lookUpGuestSession(link).then((r) => {
        if (r.kind === 'refused') onDeadRef.current()
        else setClosedFor(code)
      })
    },
    [link, t],
  )
  // Offline without a close code (e.g. the sharing listener closed): ask whether the link still works.
  useEffect(() => {
    if (connection !== 'offline') return
    let live = true
    const check = () =>
      void lookUpGuestSession(link).then((r) => {
        if (live && r.kind === 'refused') onDeadRef.current()
      })
    check()
    const timer = setInterval(check, 5000)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [connection, link])

  // a small screen starts with the whole board (its structure, else every card) in view
  const detach = useRef<(() => void) | null>(null)
  useEffect(() => () => detach.current?.(), [session])
  const onReady = useCallback(
    (a: BoardApi) => {
      setApi(a)
      detach.current?.()
      const off = session?.attachBoard({ ...a, sessionId: link.sessionId, identity }) ?? null
      // while the facilitator moderates, this guest's new cards go to the relay's inbox (heldCanvasCards.ts)
      const offHold = session ? holdCanvasCards(a.editor, session.moderation, identity.id) : null
      detach.current = () => {
        off?.()
        offHold?.()
      }
      if (!a.zoomToStructure()) a.zoomToFit()
    },
    [session, link.sessionId, identity],
  )

  const place = useDocValue(api?.doc ?? null, (d) => ({ agenda: readAgenda(d), structure: readStructure(d) }))
  const placeLabel = (kind: CardKind) =>
    place ? cellLabel(place.structure, targetCell(place.agenda, place.structure, kind)) : null

  const post = (kind: CardKind, text: string): string | null => {
    if (!api || api.cards.readOnly()) return null
    const doc = api.doc
    const agenda = readAgenda(doc)
    const structure = readStructure(doc)
    const cell = targetCell(agenda, structure, kind)
    const id = cell ? api.cards.add(kind, text, cell) : api.addCard(kind, text)
    if (!id) return null
    if (cell) api.cards.reveal(id)
    const activity = currentActivity(agenda)
    const where = cellLabel(structure, cell)
    if (activity?.private && readReveal(doc)[activity.id] === undefined) {
      return t('guestBoard.savedPrivate')
    }
    if (approval.mine?.moderated) return approvalCopy(t).sent
    return where ? t('guest.postedIn', { where }) : t('guest.posted')
  }

  if (!session) return null
  return (
    <BoardSessionContext.Provider value={session}>
      <div
        className={`guest-shell${observer ? ' guest-shell--observer' : ''}`}
        data-testid="guest-board"
        data-role={info.role}
      >
        <header className="guest-bar">
          <h1 className="guest-bar__title" dir="auto">
            {info.title}
          </h1>
          <span className="guest-bar__who">
            {profile.anonymous ? t('guestBoard.anonymous') : <bdi>{profile.name}</bdi>} ·{' '}
            {roleShort(t, profile.coproRole)}
            {observer ? ` · ${t('guest.watching')}` : ''}
          </span>
          {api && (
            <button
              type="button"
              className="guest-btn guest-bar__view"
              aria-pressed={listView}
              data-testid="guest-list-view"
              onClick={() => setListView((v) => !v)}
            >
              {listView ? t('guestBoard.showBoard') : t('guestBoard.listView')}
            </button>
          )}
          <a
            className="guest-btn guest-bar__view"
            href={phoneViewUrl(link.sessionId)}
            data-testid="guest-simple-screen"
          >
            {t('guestBoard.simpleScreen')}
          </a>
          <span
            className="guest-bar__status"
            role="status"
            data-testid="guest-connection"
            data-connection={connection}
          >
            {closedFor !== null ? t('conn.disconnected') : t(CONNECTION_WORDS[connection])}
          </span>
          {closedFor !== null && (
            <p className="guest-closed" role="alert" data-testid="guest-closed" data-code={closedFor}>
              {closeWords(t, closedFor) ?? t('guestBoard.closed')}{' '}
              <button type="button" className="guest-btn" onClick={() => window.location.reload()}>
                {t('guestBoard.reconnect')}
              </button>
            </p>
          )}
          {notice !== null && closedFor === null && (
            <p className="guest-closed" role="status" data-testid="guest-notice">
              {notice}
            </p>
          )}
        </header>
        {approval.mine?.moderated || approval.mine?.decisions.length ? (
          <div className="guest-approval">
            <ForApproval view={approval} />
          </div>
        ) : null}
        {listView && api && (
          <main className="guest-list" aria-label={t('guestBoard.listLabel')}>
            <GuestOutline api={api} sessionId={link.sessionId} identity={identity} title={info.title} />
          </main>
        )}
        <div className="guest-canvas" hidden={listView}>
          <Suspense fallback={<p className="guest-message">{t('guestBoard.loading')}</p>}>
            <LoadedBoard
              sessionId={link.sessionId}
              syncUrl={syncUrl}
              token={link.token}
              identity={identity}
              readOnly={observer}
              licenseKey={import.meta.env.VITE_TLDRAW_LICENSE_KEY || undefined}
              onStatus={onStatus}
              onReady={onReady}
              layers={GUEST_LAYERS}
              structureUndo={session.structureUndo}
              shouldSync={keepHeldOnDevice}
            />
          </Suspense>
        </div>
        {!observer && api && <SimpleComposer placeFor={placeLabel} onPost={post} />}
        {api && <BoardAnnouncer board={{ ...api, sessionId: link.sessionId, identity }} />}
      </div>
    </BoardSessionContext.Provider>
  )
}
