import { useCallback, useEffect, useMemo, useState } from 'react'
import { currentActivity } from '../../../../core/common/facilitation/agenda'
import {
  passCount,
  readAgenda,
  readFollowLead,
  readReveal,
  readShareBalance,
  readSpotlight,
  readTimer,
} from '../../../../core/common/facilitation/state'
import { readRounds, readShowResults } from '../../../../core/common/voting/round'
import { remainingMs } from '../../../../core/common/facilitation/timer'
import type * as Y from 'yjs'
import type { CanvasLayerProps } from '../../../board/Board'
import { isFacilitatorRole } from '../../../../core/common/permissions'
import type { BoardSession } from '../../../session/BoardSession'
import { useBoardSession } from '../../../session/useBoardSession'
import { useDocValue, useTick } from '../../../session/useDoc'
import { ActivityBanner } from './ActivityBanner'
import { useFacilitationEffects } from './canvasEffects'
import { ContentNote } from './ContentNote'
import { SpotlightOverlay } from './SpotlightOverlay'
import { useFollowLead } from './useFollowLead'
import { useTimerCues } from './useTimerCues'
import { VoteOverlay } from './VoteOverlay'
import './facilitation.css'

/** What facilitation reads of the shared document, in one pass per document change. */
function readFacilitation(d: Y.Doc) {
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
}

/**
 * Everything facilitation draws over the canvas: the activity banner with the shared countdown, the
 * content-note interstitial, the spotlight, vote controls and results on cards; and the rules the
 * canvas enforces (canvasEffects). A canvas layer (facilitation.contribution.ts; the guest mounts it
 * too), inside the board's session.
 */
export function FacilitationLayer(props: CanvasLayerProps) {
  const session = useBoardSession()
  return session ? <SessionFacilitation {...props} session={session} /> : null
}

function SessionFacilitation(props: CanvasLayerProps & { session: BoardSession }) {
  const { editor, doc, api, sessionId, syncUrl, session } = props
  const identityJson = JSON.stringify(props.identity)
  // the host passes a fresh identity object on every render: keep one per distinct value
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const identity = useMemo(() => props.identity, [identityJson])
  const clock = useMemo(() => session.relayClock(syncUrl), [session, syncUrl])
  useEffect(() => clock.retain(), [clock])
  const relayNow = useCallback(() => clock.now(), [clock])
  useFacilitationEffects({ editor, doc, session, identity, relayNow })

  const state = useDocValue(doc, readFacilitation)
  useTick(250, state?.timer.status === 'running')
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
  const follow = useFollowLead(api, state?.followLead ?? null, identity.id)

  if (!state) return null
  const { activity } = state
  const openRound = state.rounds.find((r) => r.status === 'open') ?? null
  const resultsRound = state.rounds.find((r) => r.id === state.showResults && r.status === 'closed') ?? null
  return (
    <>
      {state.spotlight && <SpotlightOverlay editor={editor} spotlight={state.spotlight} />}
      {(openRound || resultsRound) && (
        <VoteOverlay
          editor={editor}
          doc={doc}
          votes={session.votes}
          identity={identity}
          openRound={openRound}
          resultsRound={resultsRound}
        />
      )}
      <ActivityBanner
        doc={doc}
        identity={identity}
        facilitator={isFacilitatorRole(identity.sessionRole)}
        agenda={state.agenda}
        activity={activity}
        timer={state.timer}
        isPrivate={activity?.private === true && state.reveal[activity.id] === undefined}
        passes={state.passes}
        shareBalance={state.shareBalance === true}
        clock={clock}
        cue={cue}
        follow={follow}
      />
      <ContentNote sessionId={sessionId} activity={activity} />
    </>
  )
}
