import type * as Y from 'yjs'

/**
 * The update's item holding `id`, from its items grouped by client and sorted by clock (binary search);
 * null when the update does not hold it. Shared by the cost check (updateCost.ts) and the rights check
 * (updateTouches.ts), which both resolve an item's parent through the update before the document.
 */
export function findInUpdate(byClient: ReadonlyMap<number, readonly Y.Item[]>, id: Y.ID): Y.Item | null {
  const list = byClient.get(id.client)
  if (!list) return null
  let lo = 0
  let hi = list.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = list[mid]!
    if (id.clock < s.id.clock) hi = mid - 1
    else if (id.clock >= s.id.clock + s.length) lo = mid + 1
    else return s
  }
  return null
}
