import * as Y from 'yjs'
import { BoardStructure } from '../../../shared/model/structure'
import { Participant } from '../../../shared/model/participant'
import { META_KEYS, recordsArray, sessionMap, WORKSHOP_KEYS } from './docSchema'

/**
 * Reading a session Y.Doc without changing it: the raw snapshot exports start from, and the validated
 * session-level values (meta, structure, participants, withdrawals). Every validated read treats an
 * invalid value as absent, never as a crash. Facilitation and voting values are read by their own
 * modules (facilitation/state.ts, voting/round.ts, voting/ballots.ts) through the same accessors.
 */

/** Nested Yjs types (should writers use them) become plain JSON. */
export function plain(v: unknown): unknown {
  return v instanceof Y.AbstractType ? (v.toJSON() as unknown) : v
}

/** The raw, unvalidated contents of a session document that exports read. */
export interface RawSession {
  /** Latest value per tldraw record id (rightmost entry wins, as in y-utility's YKeyValue). */
  readonly records: unknown[]
  readonly meta: Readonly<Record<string, unknown>>
  readonly structure: unknown
  readonly participants: unknown[]
  readonly rounds: unknown[]
  /** Ballot map key → ballot value. */
  readonly ballots: ReadonlyArray<readonly [string, unknown]>
  readonly withdrawn: ReadonlySet<string>
  /** Theme map key → raw theme value (themes/theme.ts validates). */
  readonly themes: ReadonlyArray<readonly [string, unknown]>
  /** The facilitator's report settings (export/report.ts validates). */
  readonly report: unknown
}

/** Latest value per tldraw record id, read directly from the array (KeyedRecords would write). */
export function readRecords(doc: Y.Doc): unknown[] {
  const latest = new Map<string, unknown>()
  const entries = recordsArray(doc).toArray()
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]
    if (typeof e !== 'object' || e === null) continue
    const key = (e as { key?: unknown }).key
    if (typeof key !== 'string' || latest.has(key)) continue
    latest.set(key, plain((e as { val?: unknown }).val))
  }
  return [...latest.values()]
}

/**
 * Reads a session Y.Doc without changing it. (Constructing a YKeyValue would delete duplicate
 * entries, i.e. write to the document, so the array is read directly here.)
 */
export function readSession(doc: Y.Doc): RawSession {
  return { records: readRecords(doc), meta: mapToObject(sessionMap(doc, 'meta')), ...readSessionValues(doc) }
}

/**
 * The session's values besides its records and meta — structure, participants, voting rounds, ballots,
 * withdrawals, report settings, themes — as stored (not validated). Reads only those small maps, never `tl_records`.
 */
export function readSessionValues(doc: Y.Doc): Omit<RawSession, 'records' | 'meta'> {
  const workshop = sessionMap(doc, 'workshop')
  return {
    structure: parseMaybeJson(plain(workshop.get(WORKSHOP_KEYS.structure))),
    participants: mapValues(sessionMap(doc, 'participants')),
    rounds: mapValues(sessionMap(doc, 'voting')),
    ballots: readBallotEntries(doc),
    withdrawn: readWithdrawn(doc),
    report: plain(workshop.get(WORKSHOP_KEYS.report)),
    themes: [...sessionMap(doc, 'themes').entries()].map(([k, v]) => [k, plain(v)] as const),
  }
}

/** All published ballots as [map key, raw value], for tallies. */
export function readBallotEntries(doc: Y.Doc): Array<readonly [string, unknown]> {
  return [...sessionMap(doc, 'ballots').entries()].map(([k, v]) => [k, plain(v)] as const)
}

/** Ids of the participants who withdrew (their cards and votes leave exports). */
export function readWithdrawn(doc: Y.Doc): Set<string> {
  return new Set(sessionMap(doc, 'withdrawn').keys())
}

export function readStructure(doc: Y.Doc): BoardStructure | null {
  const parsed = BoardStructure.safeParse(sessionMap(doc, 'workshop').get(WORKSHOP_KEYS.structure))
  return parsed.success ? parsed.data : null
}

export interface SessionMeta {
  sessionId: string
  title: string
  templateId: string | null
  createdAt: string
}

export function readMeta(doc: Y.Doc): Partial<SessionMeta> & { docVersion?: number } {
  const m = sessionMap(doc, 'meta')
  const str = (k: string) => (typeof m.get(k) === 'string' ? (m.get(k) as string) : undefined)
  const v = m.get(META_KEYS.docVersion)
  return {
    ...(typeof v === 'number' ? { docVersion: v } : {}),
    ...(str(META_KEYS.sessionId) ? { sessionId: str(META_KEYS.sessionId)! } : {}),
    ...(str(META_KEYS.title) ? { title: str(META_KEYS.title)! } : {}),
    templateId: str(META_KEYS.templateId) ?? null,
    ...(str(META_KEYS.createdAt) ? { createdAt: str(META_KEYS.createdAt)! } : {}),
  }
}

export function readParticipants(doc: Y.Doc): Participant[] {
  const out: Participant[] = []
  sessionMap(doc, 'participants').forEach((v, k) => {
    const p = Participant.safeParse(plain(v))
    if (p.success && p.data.id === k) out.push(p.data)
  })
  return out.sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1))
}

/** How many entries the participant map holds (valid or not): a cheap count for lists. */
export function participantCount(doc: Y.Doc): number {
  return sessionMap(doc, 'participants').size
}

function mapValues(m: Y.Map<unknown>): unknown[] {
  return [...m.values()].map(plain)
}

function mapToObject(m: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  m.forEach((v, k) => {
    out[k] = plain(v)
  })
  return out
}

function parseMaybeJson(v: unknown): unknown {
  if (typeof v !== 'string') return v
  try {
    return JSON.parse(v) as unknown
  } catch {
    return null
  }
}
