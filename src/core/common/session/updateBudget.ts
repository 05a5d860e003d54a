/**
 * How much one transaction of records may carry. Records written in one transaction are appended with
 * one push, which Yjs sends as ONE item; the relay refuses an item of more than `maxItemContentLength`
 * (256 Ki characters by default, docs/security.md) with close code 4413 — so a large paste, import or
 * template seeded in one transaction would be shown locally and never saved. Writers split such a write
 * into batches of at most this many characters of JSON, one transaction each (each its own update).
 * A quarter of the relay's default leaves room for the entry keys and a relay configured lower.
 */
export const RECORD_BATCH_CHARS = 64 * 1024

/**
 * Splits `entries` into consecutive batches of at most `budget` characters (an entry larger than the
 * budget on its own gets a batch of its own). Keeps order; never returns an empty batch.
 */
export function batchesWithinBudget<E>(
  entries: readonly E[],
  sizeOf: (entry: E) => number = (e) => JSON.stringify(e)?.length ?? 0,
  budget: number = RECORD_BATCH_CHARS,
): E[][] {
  const batches: E[][] = []
  let current: E[] = []
  let size = 0
  for (const e of entries) {
    const s = sizeOf(e)
    if (current.length > 0 && size + s > budget) {
      batches.push(current)
      current = []
      size = 0
    }
    current.push(e)
    size += s
  }
  if (current.length > 0) batches.push(current)
  return batches
}
