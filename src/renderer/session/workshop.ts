import * as Y from 'yjs'
import { DOC_KEYS, WORKSHOP_KEYS } from '../../core/common/board/docSchema'
import { readAgenda } from '../../core/common/board/workshopState'
import { RevealState, TimerState, VotingRound, type Agenda } from '../../core/common/facilitation/schema'

/**
 * The workshop state of a session document as the renderer's features read it (agenda, timer,
 * reveal, voting rounds), validated with zod (invalid values read as absent), and when to read it
 * again. Shared by the announcer, the outline and the voting bridge.
 */
export interface WorkshopSnapshot {
  readonly agenda: Agenda
  readonly timer: TimerState | null
  readonly reveal: RevealState
  readonly rounds: readonly VotingRound[]
}

const plain = (v: unknown): unknown => (v instanceof Y.AbstractType ? (v.toJSON() as unknown) : v)

export function readWorkshopSnapshot(doc: Y.Doc): WorkshopSnapshot {
  const workshop = doc.getMap<unknown>(DOC_KEYS.workshop)
  const timer = TimerState.safeParse(plain(workshop.get(WORKSHOP_KEYS.timer)))
  const reveal = RevealState.safeParse(plain(workshop.get(WORKSHOP_KEYS.reveal)))
  const rounds: VotingRound[] = []
  doc.getMap<unknown>(DOC_KEYS.voting).forEach((v, k) => {
    const p = VotingRound.safeParse(plain(v))
    if (p.success && p.data.id === k) rounds.push(p.data)
  })
  rounds.sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : 1))
  return {
    agenda: readAgenda(doc),
    timer: timer.success ? timer.data : null,
    reveal: reveal.success ? reveal.data : {},
    rounds,
  }
}

/** Calls back after changes to the workshop state (structure, agenda, timer, reveal) or voting rounds. */
export function observeWorkshop(doc: Y.Doc, listener: () => void): () => void {
  const maps = [doc.getMap(DOC_KEYS.workshop), doc.getMap(DOC_KEYS.voting)]
  const fn = () => listener()
  for (const m of maps) m.observeDeep(fn)
  return () => maps.forEach((m) => m.unobserveDeep(fn))
}
