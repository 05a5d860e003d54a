import * as Y from 'yjs'
import { DOC_KEYS, META_KEYS, WORKSHOP_KEYS } from '../board/docSchema'

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
}

/**
 * Reads a session Y.Doc without changing it. (Constructing a YKeyValue would delete duplicate
 * entries, i.e. write to the document, so the array is read directly here.)
 */
export function readSession(doc: Y.Doc): RawSession {
  const latest = new Map<string, unknown>()
  const entries = doc.getArray<unknown>(DOC_KEYS.records).toArray()
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]
    if (typeof e !== 'object' || e === null) continue
    const key = (e as { key?: unknown }).key
    if (typeof key !== 'string' || latest.has(key)) continue
    latest.set(key, plain((e as { val?: unknown }).val))
  }
  const meta = mapToObject(doc.getMap(DOC_KEYS.meta))
  const workshop = doc.getMap(DOC_KEYS.workshop)
  const withdrawn = new Set<string>()
  doc.getMap(DOC_KEYS.withdrawn).forEach((_v, k) => withdrawn.add(k))
  return {
    records: [...latest.values()],
    meta,
    structure: parseMaybeJson(plain(workshop.get(WORKSHOP_KEYS.structure))),
    participants: mapValues(doc.getMap(DOC_KEYS.participants)),
    rounds: mapValues(doc.getMap(DOC_KEYS.voting)),
    ballots: [...doc.getMap(DOC_KEYS.ballots).entries()].map(([k, v]) => [k, plain(v)] as const),
    withdrawn,
  }
}

export const META = META_KEYS

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

/** Nested Yjs types (should writers use them) become plain JSON. */
function plain(v: unknown): unknown {
  return v instanceof Y.AbstractType ? (v.toJSON() as unknown) : v
}

function parseMaybeJson(v: unknown): unknown {
  if (typeof v !== 'string') return v
  try {
    return JSON.parse(v) as unknown
  } catch {
    return null
  }
}
