import type * as Y from 'yjs'

/**
 * Pending data: structs and deletions a Y.Doc received but could not integrate because they depend on
 * updates it does not have (Yjs keeps them in `doc.store.pendingStructs` / `pendingDs` and includes them
 * in every `encodeStateAsUpdate`). A session never keeps them: the relay refuses updates that would leave
 * any (docs/security.md, "Limits and hostile traffic"), and a stored session that has some opens,
 * exports and duplicates without them.
 */
interface PendingStore {
  pendingStructs: unknown
  pendingDs: unknown
}

/** Whether the doc holds pending structs or deletions. */
export function hasPendingUpdates(doc: Y.Doc): boolean {
  const store = doc.store as unknown as PendingStore
  return store.pendingStructs !== null || store.pendingDs !== null
}

/** Forgets the doc's pending structs and deletions (never integrated, so nothing else changes); true if there were any. */
export function dropPendingUpdates(doc: Y.Doc): boolean {
  if (!hasPendingUpdates(doc)) return false
  const store = doc.store as unknown as PendingStore
  store.pendingStructs = null
  store.pendingDs = null
  return true
}

/** Takes the doc's pending structs and deletions out (as v2 updates, to re-apply later with Y.applyUpdateV2). */
export function takePendingUpdates(doc: Y.Doc): Uint8Array[] {
  const store = doc.store as unknown as {
    pendingStructs: { update: Uint8Array } | null
    pendingDs: Uint8Array | null
  }
  const taken: Uint8Array[] = []
  if (store.pendingStructs) taken.push(store.pendingStructs.update)
  if (store.pendingDs) taken.push(store.pendingDs)
  store.pendingStructs = null
  store.pendingDs = null
  return taken
}
