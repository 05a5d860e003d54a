/**
 * Where a control or badge drawn over a card (a vote button, a result, a comments badge) goes on the
 * screen so that it covers no card's words. Pure: screen boxes in, positions out (useOverlayPlacement
 * measures and writes them).
 *
 * In turn, for each overlay: at its full size (a 44 px tap target), in the gap outside its card (above
 * the top-right corner, right of it, below the bottom-right corner, left of it) where it covers no card
 * and no header of the structure at all; else where it covers no card's text and no header (another
 * card's author line, its own head row when that is tall enough); else collapsed to a compact marker as
 * tall as the card's head row, in a gap that touches no card, else over its own head's top-right corner
 * (the role badge), never over text.
 */

export interface Box {
  left: number
  top: number
  right: number
  bottom: number
}

export interface OverlayCard {
  /** The card's box on the screen. */
  box: Box
  /** The height of its head row (kind and role) on the screen: its text starts below it. */
  headH: number
}

export interface OverlayItem {
  /** The card it belongs to. */
  card: OverlayCard
  /** Its full size, px. */
  w: number
  h: number
  /** How many square markers its compact form holds in a row (one unless it has several buttons). */
  compactCount?: number
}

export interface Placement {
  left: number
  top: number
  /** Drawn as the compact marker, `size` px tall. */
  compact: boolean
  size: number
}

/** The gap kept between an overlay and a card's edge, px. */
const GAP = 2
/** The smallest compact marker, px (smaller is not seen). */
export const COMPACT_MIN = 8
/** The largest compact marker, px. */
export const COMPACT_MAX = 20

const overlaps = (a: Box, b: Box) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5

/** Kept between an overlay and a card's text, px (sub-pixel layout and borders). */
const MARGIN = 1

/** The part of a card that holds words other than its head (its text, its author line), with a margin. */
export const textBox = (c: OverlayCard): Box => ({
  left: c.box.left - MARGIN,
  top: c.box.top + c.headH - MARGIN,
  right: c.box.right + MARGIN,
  bottom: c.box.bottom + MARGIN,
})

/** A uniform grid of boxes, to find the few near a candidate among thousands. */
class Grid {
  private readonly cells = new Map<string, Box[]>()
  constructor(private readonly size: number) {}
  private *keys(b: Box) {
    const s = this.size
    for (let x = Math.floor(b.left / s); x <= Math.floor(b.right / s); x++)
      for (let y = Math.floor(b.top / s); y <= Math.floor(b.bottom / s); y++) yield `${x},${y}`
  }
  add(b: Box) {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k)
      if (list) list.push(b)
      else this.cells.set(k, [b])
    }
  }
  hits(b: Box): boolean {
    for (const k of this.keys(b)) for (const o of this.cells.get(k) ?? []) if (overlaps(b, o)) return true
    return false
  }
}

/** Candidate boxes of size w×h around a card, in order of preference (outside it, in the gaps). */
function outside(c: Box, w: number, h: number): Box[] {
  const at = (left: number, top: number): Box => ({ left, top, right: left + w, bottom: top + h })
  return [
    at(c.right - w, c.top - GAP - h), // above, at the right corner
    at(c.right + GAP, c.top), // right of the top-right corner
    at(c.right - w, c.bottom + GAP), // below, at the right corner
    at(c.left - GAP - w, c.top), // left of the top-left corner
    at(c.left, c.top - GAP - h), // above, at the left corner
  ]
}

/**
 * Positions for `items` (in their order) in an area `width`×`height` with `cards` (all cards on the
 * screen), `reserved` boxes nothing may cover (tldraw's watermark) and `avoid` boxes kept clear
 * like a card's text (the structure's stage, lane and zone headers, whose prompts are words too).
 */
export function placeOverlays(
  items: readonly OverlayItem[],
  cards: readonly OverlayCard[],
  area: { width: number; height: number },
  reserved: readonly Box[] = [],
  avoid: readonly Box[] = [],
): Placement[] {
  const cell = 64
  const wholeCards = new Grid(cell)
  const texts = new Grid(cell)
  for (const c of cards) {
    wholeCards.add(c.box)
    texts.add(textBox(c))
  }
  for (const b of avoid) {
    wholeCards.add(b)
    texts.add(b)
  }
  const placed = new Grid(cell)
  for (const r of reserved) placed.add(r)
  const inArea = (b: Box) => b.left >= 0 && b.top >= 0 && b.right <= area.width && b.bottom <= area.height
  const free = (b: Box, avoid: Grid) => inArea(b) && !avoid.hits(b) && !placed.hits(b)

  return items.map((it) => {
    const c = it.card.box
    const take = (b: Box, compact: boolean, size: number): Placement => {
      placed.add(b)
      return { left: b.left, top: b.top, compact, size }
    }
    const full = outside(c, it.w, it.h)
    // own head row, at the right, when it is tall enough to hold the overlay
    const head: Box = { left: c.right - it.w, top: c.top, right: c.right, bottom: c.top + it.h }
    for (const b of full) if (free(b, wholeCards)) return take(b, false, it.h)
    for (const b of [...full, ...(it.h <= it.card.headH ? [head] : [])])
      if (free(b, texts)) return take(b, false, it.h)
    // compact: a marker as tall as the head row (within the bounds above)
    const s = Math.max(COMPACT_MIN, Math.min(COMPACT_MAX, Math.floor(it.card.headH)))
    const w = s * Math.max(1, it.compactCount ?? 1)
    const compactAt = (top: number): Box => ({ left: c.right - w, top, right: c.right, bottom: top + s })
    // on its own head's top-right corner (the role badge), reaching above the card when the head is
    // lower than the marker, never into the text
    const edge = compactAt(Math.min(c.top + MARGIN, c.top + it.card.headH - MARGIN - s))
    const around = outside(c, w, s)
    // in a gap that touches no card; else on its own top edge; else over another card's head or foot
    for (const b of around) if (free(b, wholeCards)) return take(b, true, s)
    for (const b of [edge, ...around]) if (free(b, texts)) return take(b, true, s)
    // crowded by other overlays: on the top edge all the same (it covers no text)
    return take(edge, true, s)
  })
}
