import * as Y from 'yjs'
import { z } from 'zod'
import { Participant } from '../../../shared/model/participant'
import { DOC_KEYS, WORKSHOP_KEYS } from '../board/docSchema'
import { readAgenda, writeAgenda } from '../board/workshopState'
import {
  Ballot,
  ballotKey,
  FACILITATION_KEYS,
  FACILITATION_MAP,
  LockEntry,
  RevealState,
  Spotlight,
  STRUCTURE_LOCK_KEY,
  TimerState,
  VotingRound,
  type Agenda,
} from './schema'
import { IDLE_TIMER } from './timer'

/**
 * Reading and writing facilitation state in a session Y.Doc. Every read validates with zod and treats
 * an invalid value as absent; every write validates first and throws on bad input (a programming error).
 */
const workshop = (doc: Y.Doc) => doc.getMap<unknown>(DOC_KEYS.workshop)
const facilitation = (doc: Y.Doc) => doc.getMap<unknown>(FACILITATION_MAP)

function plain(v: unknown): unknown {
  return v instanceof Y.AbstractType ? (v.toJSON() as unknown) : v
}

export function readTimer(doc: Y.Doc): TimerState {
  const p = TimerState.safeParse(plain(workshop(doc).get(WORKSHOP_KEYS.timer)))
  return p.success ? p.data : IDLE_TIMER
}

export function writeTimer(doc: Y.Doc, timer: TimerState, origin: unknown = null): void {
  const v = TimerState.parse(timer)
  doc.transact(() => workshop(doc).set(WORKSHOP_KEYS.timer, v), origin)
}

/** Agenda and timer together, in one transaction (moving to another activity changes both). */
export function writeAgendaAndTimer(
  doc: Y.Doc,
  agenda: Agenda,
  timer: TimerState,
  origin: unknown = null,
): void {
  const t = TimerState.parse(timer)
  doc.transact(() => {
    writeAgenda(doc, agenda, origin)
    workshop(doc).set(WORKSHOP_KEYS.timer, t)
  }, origin)
}

export { readAgenda, writeAgenda }

export function readReveal(doc: Y.Doc): RevealState {
  const p = RevealState.safeParse(plain(workshop(doc).get(WORKSHOP_KEYS.reveal)))
  return p.success ? p.data : {}
}

export function isRevealed(doc: Y.Doc, activityId: string): boolean {
  return readReveal(doc)[activityId] !== undefined
}

export function reveal(doc: Y.Doc, activityId: string, relayNow: number, origin: unknown = null): void {
  doc.transact(() => {
    const cur = readReveal(doc)
    if (cur[activityId] !== undefined) return
    workshop(doc).set(WORKSHOP_KEYS.reveal, RevealState.parse({ ...cur, [activityId]: relayNow }))
  }, origin)
}

// --- voting -----------------------------------------------------------------------------------------

export function readRounds(doc: Y.Doc): VotingRound[] {
  const out: VotingRound[] = []
  doc.getMap<unknown>(DOC_KEYS.voting).forEach((v, k) => {
    const p = VotingRound.safeParse(plain(v))
    if (p.success && p.data.id === k) out.push(p.data)
  })
  return out.sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : 1))
}

export function readRound(doc: Y.Doc, id: string): VotingRound | null {
  const p = VotingRound.safeParse(plain(doc.getMap<unknown>(DOC_KEYS.voting).get(id)))
  return p.success && p.data.id === id ? p.data : null
}

export function writeRound(doc: Y.Doc, round: VotingRound, origin: unknown = null): void {
  const v = VotingRound.parse(round)
  doc.transact(() => doc.getMap<unknown>(DOC_KEYS.voting).set(v.id, v), origin)
}

export function closeRound(doc: Y.Doc, id: string, relayNow: number, origin: unknown = null): void {
  const r = readRound(doc, id)
  if (!r || r.status === 'closed') return
  writeRound(doc, { ...r, status: 'closed', closedAt: relayNow }, origin)
}

/** All published ballots as [map key, raw value], for tallies. */
export function readBallotEntries(doc: Y.Doc): Array<readonly [string, unknown]> {
  return [...doc.getMap<unknown>(DOC_KEYS.ballots).entries()].map(([k, v]) => [k, plain(v)] as const)
}

export function hasPublishedBallot(doc: Y.Doc, roundId: string, participantId: string): boolean {
  return doc.getMap<unknown>(DOC_KEYS.ballots).has(ballotKey(roundId, participantId))
}

/**
 * Publishes a voter's ballot. Refused (returns false) while the round is open or unknown: votes stay
 * on the voter's device until the round closes. Publishing twice keeps the first ballot.
 */
export function publishBallot(doc: Y.Doc, ballot: Ballot, origin: unknown = null): boolean {
  const b = Ballot.parse(ballot)
  const round = readRound(doc, b.roundId)
  if (!round || round.status !== 'closed') return false
  if (hasPublishedBallot(doc, b.roundId, b.participantId)) return false
  doc.transact(
    () => doc.getMap<unknown>(DOC_KEYS.ballots).set(ballotKey(b.roundId, b.participantId), b),
    origin,
  )
  return true
}

// --- attention ----------------------------------------------------------------------------------------

export function readSpotlight(doc: Y.Doc): Spotlight | null {
  const p = Spotlight.safeParse(plain(facilitation(doc).get(FACILITATION_KEYS.spotlight)))
  return p.success ? p.data : null
}

export function writeSpotlight(doc: Y.Doc, s: Spotlight | null, origin: unknown = null): void {
  const v = s === null ? null : Spotlight.parse(s)
  doc.transact(() => {
    if (v === null) facilitation(doc).delete(FACILITATION_KEYS.spotlight)
    else facilitation(doc).set(FACILITATION_KEYS.spotlight, v)
  }, origin)
}

export function readFollowLead(doc: Y.Doc): string | null {
  const v = facilitation(doc).get(FACILITATION_KEYS.followLead)
  return typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? v : null
}

export function writeFollowLead(doc: Y.Doc, id: string | null, origin: unknown = null): void {
  doc.transact(() => {
    if (id === null) facilitation(doc).delete(FACILITATION_KEYS.followLead)
    else
      facilitation(doc).set(
        FACILITATION_KEYS.followLead,
        z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/)
          .parse(id),
      )
  }, origin)
}

export function readShareBalance(doc: Y.Doc): boolean {
  return facilitation(doc).get(FACILITATION_KEYS.shareBalance) === true
}

export function writeShareBalance(doc: Y.Doc, shared: boolean, origin: unknown = null): void {
  doc.transact(() => facilitation(doc).set(FACILITATION_KEYS.shareBalance, shared), origin)
}

/**
 * Records one "pass" on an activity's prompt. The key holds a random nonce only: nothing says who
 * passed. (Concurrent passes never collide, unlike a shared counter.)
 */
export function recordPass(doc: Y.Doc, activityId: string, nonce: string, origin: unknown = null): void {
  const key = `${FACILITATION_KEYS.passPrefix}${z.string().min(1).max(64).parse(activityId)}/${z
    .string()
    .regex(/^[A-Za-z0-9_-]{6,64}$/)
    .parse(nonce)}`
  doc.transact(() => facilitation(doc).set(key, 1), origin)
}

export function passCount(doc: Y.Doc, activityId: string): number {
  const prefix = `${FACILITATION_KEYS.passPrefix}${activityId}/`
  let n = 0
  for (const k of facilitation(doc).keys()) if (k.startsWith(prefix)) n++
  return n
}

// --- locks --------------------------------------------------------------------------------------------

export function readLocks(doc: Y.Doc): Map<string, LockEntry> {
  const out = new Map<string, LockEntry>()
  doc.getMap<unknown>(DOC_KEYS.locks).forEach((v, k) => {
    const p = LockEntry.safeParse(plain(v))
    if (p.success) out.set(k, p.data)
  })
  return out
}

export function setLock(
  doc: Y.Doc,
  key: string,
  by: string | null,
  at: number,
  origin: unknown = null,
): void {
  doc.transact(() => {
    const m = doc.getMap<unknown>(DOC_KEYS.locks)
    if (by === null) m.delete(key)
    else m.set(key, LockEntry.parse({ by, at }))
  }, origin)
}

export function isStructureLocked(doc: Y.Doc): boolean {
  return readLocks(doc).has(STRUCTURE_LOCK_KEY)
}

// --- participants -------------------------------------------------------------------------------------

export function readParticipants(doc: Y.Doc): Participant[] {
  const out: Participant[] = []
  doc.getMap<unknown>(DOC_KEYS.participants).forEach((v, k) => {
    const p = Participant.safeParse(plain(v))
    if (p.success && p.data.id === k) out.push(p.data)
  })
  return out.sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1))
}

/**
 * Registers (or updates) a person in the participant map. joinedAt is kept from the first join;
 * nothing is written when nothing changed. Returns whether it wrote.
 */
export function registerParticipant(
  doc: Y.Doc,
  p: Omit<Participant, 'joinedAt'>,
  now: number,
  origin: unknown = null,
): boolean {
  const m = doc.getMap<unknown>(DOC_KEYS.participants)
  const prev = Participant.safeParse(plain(m.get(p.id)))
  const next = Participant.parse({
    ...p,
    name: p.anonymous ? '' : p.name,
    joinedAt: prev.success ? prev.data.joinedAt : Math.max(0, Math.floor(now)),
  })
  if (prev.success && JSON.stringify(prev.data) === JSON.stringify(next)) return false
  doc.transact(() => m.set(p.id, next), origin)
  return true
}

export function readShowResults(doc: Y.Doc): string | null {
  const v = facilitation(doc).get(FACILITATION_KEYS.showResults)
  return typeof v === 'string' && v.length <= 64 ? v : null
}

export function writeShowResults(doc: Y.Doc, roundId: string | null, origin: unknown = null): void {
  doc.transact(() => {
    if (roundId === null) facilitation(doc).delete(FACILITATION_KEYS.showResults)
    else facilitation(doc).set(FACILITATION_KEYS.showResults, z.string().min(1).max(64).parse(roundId))
  }, origin)
}
