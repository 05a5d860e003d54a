export { placeNewCard } from '../../core/common/structure/placement'

/** A card's box on the page, enough to order it. */
export interface OrderBox {
  id: string
  x: number
  y: number
  w: number
  h: number
}

/**
 * Cards in reading order: top-to-bottom by rows, left-to-right within a row. A card joins the current
 * row when its top is above the middle of the row's first card, so slightly uneven rows still read
 * left to right.
 */
export function readingOrder<T extends OrderBox>(boxes: readonly T[]): T[] {
  const byTop = [...boxes].sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))
  const out: T[] = []
  let row: T[] = []
  let rowLimit = -Infinity
  for (const b of byTop) {
    if (row.length > 0 && b.y >= rowLimit) {
      out.push(...row.sort((a, c) => a.x - c.x || a.y - c.y))
      row = []
    }
    if (row.length === 0) rowLimit = b.y + b.h / 2
    row.push(b)
  }
  out.push(...row.sort((a, c) => a.x - c.x || a.y - c.y))
  return out
}

/**
 * The id after (dir 1) or before (dir -1) `current` in reading order; first/last if none. Past the end
 * it wraps round, or with `wrap` false gives null (Tab then leaves the canvas: no keyboard trap).
 */
export function adjacentInReadingOrder(
  boxes: readonly OrderBox[],
  current: string | null,
  dir: 1 | -1,
  wrap = true,
): string | null {
  const order = readingOrder(boxes)
  if (order.length === 0) return null
  const i = current === null ? -1 : order.findIndex((b) => b.id === current)
  if (i < 0) return (dir === 1 ? order[0] : order[order.length - 1])!.id
  const j = i + dir
  if (!wrap && (j < 0 || j >= order.length)) return null
  return order[(j + order.length) % order.length]!.id
}
