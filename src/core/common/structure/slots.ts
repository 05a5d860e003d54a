import type { Rect } from './attribution'

/** One cell's slots: the geometry of the card flow (ADR 0030); the board-level flow is in flow.ts. */

type Box = Rect

/** A card the flow can move: its id and box. */
export interface FlowCard extends Box {
  readonly id: string
}

/**
 * The card flow (ADR 0030). A cell lays its cards out in slots in reading order — rows left to right,
 * top to bottom, `gap` apart, `padding` from the cell's edges. Every card in a cell has the same size,
 * and that size follows the cell: the widest card (at most `maxWidth`, `aspect` high) such that all
 * the cell's cards fit. A cell that is full makes its cards shrink together down to `minWidth`; below
 * that its lane grows (grid boards, when the caller may change the structure). When it may not grow
 * (a zone, a guest's client, the structure locked, or the lane at its largest size) the cards shrink
 * further, gaps too, so they always fit. Cards are never piled up and never cross a cell's edge.
 *
 * The bounds are chosen for the room (docs/adr/0030-card-flow-layout.md): the Service Journey Map's
 * 480 × 340 cells hold six square cards of 144 × 144 (3 × 2) without growing, which fitted on a
 * 1920 × 1080 wall (zoom ≈ 0.46) is ≈ 67 × 67 CSS px: below the card's head and footer, two lines of
 * text at 36 page px (≥ 16 CSS px), or three at 28 (≥ 12 CSS px). Cards 0.7 as high (144 × 101) left
 * room for one line only, under 16 px on the wall.
 */
export const CARD_FLOW = {
  padding: 12,
  gap: 12,
  minWidth: 140,
  maxWidth: 280,
  /** Card height / width: square, like a sticky note (ADR 0030). */
  aspect: 1,
  /** A lane never grows past this height (the structure's own limit). */
  maxLaneHeight: 20000,
} as const

/** How one cell lays out `count` cards: `cols` columns of w × h cards from (x0, y0). */
export interface CellLayout {
  readonly x0: number
  readonly y0: number
  readonly cols: number
  readonly w: number
  readonly h: number
  readonly gapX: number
  readonly gapY: number
  /** The inner height (inside the padding) the layout needs; more than the cell has when it must grow. */
  readonly needInnerHeight: number
  /** How many rows of cards fit in the cell as it is. */
  readonly rowsFit: number
}

/** A cell's rectangle inside its padding (smaller padding for very small cells). */
export const inner = (rect: Box) => {
  const p = Math.min(CARD_FLOW.padding, rect.w / 8, rect.h / 8)
  return { x: rect.x + p, y: rect.y + p, w: rect.w - 2 * p, h: rect.h - 2 * p, pad: p }
}

const rowsFor = (count: number, cols: number) => Math.max(1, Math.ceil(count / cols))
const heightOf = (rows: number, h: number, gap: number) => rows * h + (rows - 1) * gap

/**
 * The layout of `count` cards in a cell with rectangle `rect`. With `canGrow`, a cell too small for
 * its cards at `minWidth` keeps that size and reports the height it needs (needInnerHeight); without,
 * cards (and gaps) shrink until they fit.
 */
export function cellLayout(rect: Box, count: number, canGrow = true): CellLayout {
  const box = inner(rect)
  const n = Math.max(1, count)
  const { gap, minWidth, maxWidth, aspect } = CARD_FLOW
  // as many columns as cards of this width fit side by side (at least `c`)
  const make = (c: number, w: number, g: number): CellLayout => {
    const cols = Math.max(c, Math.floor((box.w + g + 1e-9) / (w + g)))
    return {
      x0: box.x,
      y0: box.y,
      cols,
      w,
      h: w * aspect,
      gapX: g,
      gapY: g,
      needInnerHeight: heightOf(rowsFor(n, cols), w * aspect, g),
      rowsFit: Math.max(1, Math.floor((box.h + g + 1e-9) / (w * aspect + g))),
    }
  }
  // the widest card of at least minWidth that fits: one column more at a time
  let smallest: CellLayout | null = null
  for (let c = 1; c <= n; c++) {
    const w = Math.min(maxWidth, (box.w - (c - 1) * gap) / c)
    if (w < minWidth && c > 1) break
    const layout = make(c, w, gap)
    if (layout.needInnerHeight <= box.h + 1e-6) return layout
    smallest = layout
    if (w < minWidth) break
  }
  if (canGrow && smallest && smallest.w >= minWidth) return smallest
  // shrink below minWidth: gaps shrink with the card; pick the column count with the widest card
  let best: CellLayout | null = null
  for (let c = 1; c <= n; c++) {
    const rows = rowsFor(n, c)
    const k = gap / minWidth
    const byWidth = box.w / (c + (c - 1) * k)
    const byHeight = box.h / (rows * aspect + (rows - 1) * k)
    const w = Math.min(maxWidth, byWidth, byHeight)
    if (!best || w > best.w) best = make(c, w, Math.min(gap, k * w))
  }
  return best!
}

/**
 * How many slots a layout offers for `count` cards: every slot that fits in the cell (a dropped card
 * may take any free one), and at least `count`.
 */
export function slotCount(layout: CellLayout, count: number): number {
  return Math.max(count, layout.cols * layout.rowsFit)
}

/** The box of slot `i` (reading order) of a layout. */
export function slotBox(layout: CellLayout, i: number): Box {
  const col = i % layout.cols
  const row = Math.floor(i / layout.cols)
  return {
    x: layout.x0 + col * (layout.w + layout.gapX),
    y: layout.y0 + row * (layout.h + layout.gapY),
    w: layout.w,
    h: layout.h,
  }
}

const EPS = 0.5
/** Whether two boxes are the same slot (to half a unit). */
export const sameBox = (a: Box, b: Box) =>
  Math.abs(a.x - b.x) < EPS &&
  Math.abs(a.y - b.y) < EPS &&
  Math.abs(a.w - b.w) < EPS &&
  Math.abs(a.h - b.h) < EPS

/**
 * Cards in reading order: rows top to bottom (a card whose top is above the middle of the row's first
 * card joins that row), left to right in a row; ties by id.
 */
export function inReadingOrder<T extends FlowCard>(cards: readonly T[]): T[] {
  const byTop = [...cards].sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const out: T[] = []
  let row: T[] = []
  let rowEnd = -Infinity
  const flush = () => {
    row.sort((a, b) => a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    out.push(...row)
    row = []
  }
  for (const c of byTop) {
    if (row.length > 0 && c.y >= rowEnd) flush()
    if (row.length === 0) rowEnd = c.y + c.h / 2
    row.push(c)
  }
  flush()
  return out
}

/** The slot of `layout` (among the first `count`) nearest to a point. */
export function nearestSlot(
  layout: CellLayout,
  count: number,
  at: { x: number; y: number },
  free?: Set<number>,
) {
  let best = -1
  let bestD = Infinity
  for (let i = 0; i < count; i++) {
    if (free && !free.has(i)) continue
    const b = slotBox(layout, i)
    const d = (b.x + b.w / 2 - at.x) ** 2 + (b.y + b.h / 2 - at.y) ** 2
    if (d < bestD) {
      bestD = d
      best = i
    }
  }
  return best
}
