import type * as Y from 'yjs'
import { sessionMap } from '../../core/common/session/docSchema'
import { readAgenda, readReveal, readTimerState } from '../../core/common/facilitation/state'
import type { Agenda, RevealState, TimerState } from '../../core/common/facilitation/schema'
import { readRounds, type VotingRound } from '../../core/common/voting/round'

/**
 * The workshop state of a session document as the renderer's features read it (agenda, timer,
 * reveal, voting rounds), read with core's readers (invalid values read as absent), and when to read
 * it again. Shared by the announcer, the outline and the voting bridge.
 */
export interface WorkshopSnapshot {
  readonly agenda: Agenda
  readonly timer: TimerState | null
  readonly reveal: RevealState
  readonly rounds: readonly VotingRound[]
}

export function readWorkshopSnapshot(doc: Y.Doc): WorkshopSnapshot {
  return {
    agenda: readAgenda(doc),
    timer: readTimerState(doc),
    reveal: readReveal(doc),
    rounds: readRounds(doc),
  }
}

/** Calls back after changes to the workshop state (structure, agenda, timer, reveal) or voting rounds. */
export function observeWorkshop(doc: Y.Doc, listener: () => void): () => void {
  const maps = [sessionMap(doc, 'workshop'), sessionMap(doc, 'voting')]
  const fn = () => listener()
  for (const m of maps) m.observeDeep(fn)
  return () => maps.forEach((m) => m.unobserveDeep(fn))
}
