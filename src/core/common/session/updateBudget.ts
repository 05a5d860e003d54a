/**
 * How big one change may be when it reaches the relay: the relay's default limits (src/core/node/relay/
 * limits.ts takes them from here) and what the app checks before it sends, so the app never sends an
 * update the relay would refuse (docs/protocol/relay.md, "Limits").
 */
export const UPDATE_BUDGET = {
  /** Largest frame, in bytes. */
  maxMessageBytes: 8 * 1024 * 1024,
  /** Characters (or bytes, or JSON values) in one Yjs item's content: one record write, or one batch of them. */
  maxItemContentLength: 256 * 1024,
  /** Structs (items, GC and skip runs) in one update. */
  maxStructsPerUpdate: 20_000,
} as const

/**
 * The size the relay counts for a JSON-like value (updateCost.ts): one per value, plus string lengths
 * and object keys. Stops counting past `cap`.
 */
export function valueSize(value: unknown, cap: number = Infinity): number {
  let size = 0
  const stack: unknown[] = [value]
  while (stack.length > 0 && size <= cap) {
    const v = stack.pop()
    size += 1
    if (typeof v === 'string') size += v.length
    else if (v instanceof Uint8Array) size += v.byteLength
    else if (Array.isArray(v)) for (const x of v as unknown[]) stack.push(x)
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        size += k.length
        stack.push(x)
      }
    }
  }
  return size
}
