import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { Editor } from 'tldraw'
import { currentActivity } from '../../../../core/common/facilitation/agenda'
import {
  passCount,
  readAgenda,
  readFollowLead,
  readReveal,
  readRounds,
  readShareBalance,
  readShowResults,
  readSpotlight,
  readTimer,
  recordPass,
} from '../../../../core/common/facilitation/state'
import { formatRemaining, remainingMs } from '../../../../core/common/facilitation/timer'
import type { BoardApi, BoardIdentity } from '../../../board/Board'
import { useFacilitationEffects } from './canvasEffects'
import { relayClockFor } from '../../../session/relayClock'
import { isFacilitatorRole } from '../sound'
import { SpotlightOverlay } from './SpotlightOverlay'
import { useDocValue, useTick } from '../../../session/useDoc'
import { useTimerCues } from './useTimerCues'
import { VoteOverlay } from './VoteOverlay'
import { BalanceTable } from '../BalanceTable'
import { liveVoiceBalance } from '../../../../core/common/facilitation/balance'
import './facilitation.css'

export interface FacilitationLayerProps {
  editor: Editor
  doc: Y.Doc
  api: BoardApi
  sessionId: string
  syncUrl: string
  identity: BoardIdentity
}

const dismissedKey = (sessionId: string, activityId: string) => `copro.contentNote.${sessionId}.${activityId}`

function randomNonce(): string {
  const b = crypto.getRandomValues(new Uint8Array(9))
  return btoa(String.fromCharCode(...b)).replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''))
}

/**
 * Everything facilitation draws over the canvas: the activity banner with the shared countdown,
 * instructions and a Pass button; the content-note interstitial; the spotlight; vote controls and
 * results on cards. Mounted by Board once the editor exists.
 */
export function FacilitationLayer(props: FacilitationLayerProps) {
  const { editor, doc, api, sessionId, syncUrl } = props
  const identityJson = JSON.stringify(props.identity)
  // the host passes a fresh identity object on every render: keep one per distinct value
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const identity = useMemo(() => props.identity, [identityJson])
  const clock = useMemo(() => relayClockFor(syncUrl), [syncUrl])
  useEffect(() => clock.retain(), [clock])
  const relayNow = useCallback(() => clock.now(), [clock])
  useFacilitationEffects({ editor, doc, sessionId, identity, relayNow })

  const state = useDocValue(doc, (d) => {
    const agenda = readAgenda(d)
    const activity = currentActivity(agenda)
    return {
      agenda,
      activity,
      timer: readTimer(d),
      reveal: readReveal(d),
      spotlight: readSpotlight(d),
      followLead: readFollowLead(d),
      rounds: readRounds(d),
      showResults: readShowResults(d),
      passes: activity ? passCount(d, activity.id) : 0,
      shareBalance: readShareBalance(d),
    }
  })
  const facilitator = isFacilitatorRole(identity.sessionRole)
  const running = state?.timer.status === 'running'
  useTick(250, running)
  const [cue, setCue] = useState<string | null>(null)
  useTimerCues({
    doc,
    sessionId,
    timer: state?.timer ?? null,
    relayNow,
    // the facilitator's client; a co-facilitator's when no facilitator is here
    isLead: () =>
      identity.sessionRole === 'facilitator' ||
      (identity.sessionRole === 'co-facilitator' &&
        !api.getPeers().some((p) => p.user.sessionRole === 'facilitator')),
    onCue: (title) => setCue(title),
  })
  useEffect(() => {
    if (state?.timer.status === 'running' && remainingMs(state.timer, relayNow()) > 0) setCue(null)
  }, [state?.timer, relayNow])

  // follow the facilitator (participants may leave with Escape or the button)
  const [leftLead, setLeftLead] = useState<string | null>(null)
  const lead = state?.followLead ?? null
  const following = lead !== null && lead !== identity.id && leftLead !== lead
  // only undo a follow this layer started: people may also follow someone by themselves
  const followingLead = useRef(false)
  useEffect(() => {
    if (following && lead) {
      followingLead.current = api.followUser(lead)
    } else if (followingLead.current) {
      followingLead.current = false
      api.followUser(null)
    }
  }, [api, following, lead])
  useEffect(() => {
    if (!following) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      setLeftLead(lead)
      api.followUser(null)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [api, following, lead])

  // content note: shown once per activity on this device, before anything else
  const [dismissed, setDismissed] = useState(0)
  const activity = state?.activity ?? null
  const showNote =
    activity !== null &&
    activity.contentNote.trim() !== '' &&
    (() => {
      void dismissed
      try {
        return sessionStorage.getItem(dismissedKey(sessionId, activity.id)) === null
      } catch {
        return true
      }
    })()
  const dismissNote = () => {
    if (!activity) return
    try {
      sessionStorage.setItem(dismissedKey(sessionId, activity.id), '1')
    } catch {
      // shown again next time
    }
    setDismissed((n) => n + 1)
  }

  const [passed, setPassed] = useState<Record<string, boolean>>({})
  const [balanceOpen, setBalanceOpen] = useState(false)
  const showBalanceButton = state?.shareBalance === true && !facilitator
  if (!state) return null
  const { agenda, timer } = state
  const remaining = remainingMs(timer, relayNow())
  const timerForCurrent = activity !== null && timer.activityId === activity.id
  const openRound = state.rounds.find((r) => r.status === 'open') ?? null
  const resultsRound = state.rounds.find((r) => r.id === state.showResults && r.status === 'closed') ?? null
  const isPrivate = activity?.private === true && state.reveal[activity.id] === undefined

  return (
    <>
      {state.spotlight && <SpotlightOverlay editor={editor} spotlight={state.spotlight} />}
      {(openRound || resultsRound) && (
        <VoteOverlay
          editor={editor}
          doc={doc}
          sessionId={sessionId}
          identity={identity}
          openRound={openRound}
          resultsRound={resultsRound}
        />
      )}
      {(activity || showBalanceButton || (lead !== null && lead !== identity.id)) && (
        <section
          className={`facil-banner${cue ? ' facil-banner--done' : ''}`}
          aria-label="Current activity"
          data-testid="facil-banner"
          data-clock-source={clock.source}
          data-clock-offset={Math.round(clock.offsetMs())}
        >
          {activity && (
            <>
              <div className="facil-banner__row">
                <span className="facil-banner__step">
                  {agenda.currentIndex + 1} of {agenda.activities.length}
                </span>
                <strong className="facil-banner__title">{activity.title}</strong>
                {isPrivate && <span className="facil-banner__tag">Private writing</span>}
                <span
                  className="facil-banner__time"
                  role="timer"
                  aria-live="off"
                  data-testid="facil-remaining"
                  data-remaining-ms={timerForCurrent ? Math.round(remaining) : ''}
                  data-status={timerForCurrent ? timer.status : 'idle'}
                >
                  {timerForCurrent
                    ? `${formatRemaining(remaining)}${timer.status === 'paused' ? ' (paused)' : ''}`
                    : formatRemaining(activity.durationMs)}
                </span>
              </div>
              {cue && (
                <p className="facil-banner__cue" role="alert">
                  Time is up for “{cue}”.
                </p>
              )}
              {activity.instructions && <p className="facil-banner__text">{activity.instructions}</p>}
              {isPrivate && (
                <p className="facil-banner__text">
                  Your new cards stay on this device until the facilitator reveals them.
                </p>
              )}
            </>
          )}
          <div className="facil-banner__row">
            {activity && identity.sessionRole !== 'observer' && !facilitator && (
              <button
                type="button"
                className="facil-btn"
                disabled={passed[activity.id] === true}
                onClick={() => {
                  recordPass(doc, activity.id, randomNonce())
                  setPassed((p) => ({ ...p, [activity.id]: true }))
                }}
              >
                {passed[activity.id] ? 'You passed' : 'Pass'}
              </button>
            )}
            {activity && facilitator && state.passes > 0 && (
              <span className="facil-banner__muted">{state.passes} passed</span>
            )}
            {lead !== null && lead !== identity.id && (
              <button
                type="button"
                className="facil-btn"
                onClick={() => {
                  if (following) {
                    setLeftLead(lead)
                    api.followUser(null)
                  } else setLeftLead(null)
                }}
              >
                {following ? 'Stop following (Esc)' : 'Follow the facilitator'}
              </button>
            )}
            {showBalanceButton && (
              <button
                type="button"
                className="facil-btn"
                aria-expanded={balanceOpen}
                onClick={() => setBalanceOpen((o) => !o)}
              >
                Voice balance
              </button>
            )}
          </div>
          {showBalanceButton && balanceOpen && (
            <div className="facil-balance" data-testid="facil-shared-balance">
              <SharedBalance doc={doc} />
            </div>
          )}
        </section>
      )}
      {showNote && activity && (
        <div className="facil-note" role="dialog" aria-modal="false" aria-labelledby="facil-note-title">
          <h2 id="facil-note-title">Before “{activity.title}”</h2>
          <p>{activity.contentNote}</p>
          <p className="facil-banner__muted">
            You can pass on any prompt, or step out for a while: no need to explain.
          </p>
          <button type="button" className="facil-btn facil-btn--primary" autoFocus onClick={dismissNote}>
            Continue
          </button>
        </div>
      )}
    </>
  )
}

function SharedBalance({ doc }: { doc: Y.Doc }) {
  const vb = useDocValue(doc, liveVoiceBalance, [], 1000)
  return vb ? <BalanceTable vb={vb} /> : null
}
