import type * as Y from 'yjs'
import { z } from 'zod'
import { FACILITATION_KEYS, sessionMap, WORKSHOP_KEYS } from '../session/docSchema'
import { plain } from '../session/read'
import { Agenda, RevealState, Spotlight, TimerState } from './schema'
import { IDLE_TIMER } from './timer'

/**
 * Reading and writing facilitation state in a session Y.Doc: agenda, timer, reveal (workshop map),
 * spotlight, follow-the-lead, shared balance and passes (facilitation map). Every read validates with
 * zod and treats an invalid value as absent; every write validates first and throws on bad input (a
 * programming error). Locks are in locks.ts; voting rounds and ballots in voting/.
 */
const workshop = (doc: Y.Doc) => sessionMap(doc, 'workshop')
const facilitation = (doc: Y.Doc) => sessionMap(doc, 'facilitation')

export function readAgenda(doc: Y.Doc): Agenda {
  const parsed = Agenda.safeParse(workshop(doc).get(WORKSHOP_KEYS.agenda))
  return parsed.success ? parsed.data : { activities: [], currentIndex: -1 }
}

export function writeAgenda(doc: Y.Doc, agenda: Agenda, origin: unknown = null): void {
  const value = Agenda.parse(agenda)
  doc.transact(() => workshop(doc).set(WORKSHOP_KEYS.agenda, value), origin)
}

/** The shared timer, or null when the document holds none (or an invalid one). */
export function readTimerState(doc: Y.Doc): TimerState | null {
  const p = TimerState.safeParse(plain(workshop(doc).get(WORKSHOP_KEYS.timer)))
  return p.success ? p.data : null
}

/** The shared timer; idle when the document holds none. */
export function readTimer(doc: Y.Doc): TimerState {
  return readTimerState(doc) ?? IDLE_TIMER
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
