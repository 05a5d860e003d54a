import type * as Y from 'yjs'
import { sessionMap, STRUCTURE_LOCK_KEY } from '../session/docSchema'
import { plain } from '../session/read'
import { LockEntry } from './schema'

export { STRUCTURE_LOCK_KEY } from '../session/docSchema'

/**
 * Facilitator locks, in the document's `locks` map: shape id → { by, at } for a locked card, and
 * STRUCTURE_LOCK_KEY for the structure.
 */
export function readLocks(doc: Y.Doc): Map<string, LockEntry> {
  const out = new Map<string, LockEntry>()
  sessionMap(doc, 'locks').forEach((v, k) => {
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
    const m = sessionMap(doc, 'locks')
    if (by === null) m.delete(key)
    else m.set(key, LockEntry.parse({ by, at }))
  }, origin)
}

export function isStructureLocked(doc: Y.Doc): boolean {
  return readLocks(doc).has(STRUCTURE_LOCK_KEY)
}
