/**
 * Where a link's line runs (issue: the rehearsal's link drawn through an unrelated card's text). A link
 * is a straight tldraw arrow bound to two cards (ADR 0035); tldraw aims each end at an anchor inside its
 * card (the centre unless the binding is precise) and stops the line at the card's edge. Centre to
 * centre, the line strikes through whatever card lies between. Here each end gets an anchor on its
 * card's edge — the middle or a quarter of a side — chosen so the line crosses as few other cards as
 * possible, never runs back over its own cards, and is as short as can be; and the label (the link's
 * kind) sits at the point nearest the middle of the line where it covers no card (or, when there is
 * none, as two cards side by side leave no room, where it covers the least of them).
 *
 * Pure: page rectangles in, normalised anchors (0–1 of the card's width and height) and the label's
 * position along the line (0–1, tldraw's `labelPosition`) out.
 */

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

export interface Point {
  x: number
  y: number
}

export interface LinkRoute {
  /** Normalised anchor on the start card (tldraw binding `normalizedAnchor`, precise). */
  start: Point
  /** Normalised anchor on the end card. */
  end: Point
  /** Where the label sits along the line, 0 (start) to 1 (end). */
  labelPosition: number
  /** How many other cards the line crosses (0 unless no route avoids them all). */
  crossings: number
}

/** Anchors on a card's edge, normalised: the middle and the quarters of each side. */
const SIDE_STOPS = [0.5, 0.25, 0.75] as const
const ANCHORS: readonly Point[] = SIDE_STOPS.flatMap((s) => [
  { x: s, y: 0 },
  { x: 1, y: s },
  { x: s, y: 1 },
  { x: 0, y: s },
])

/** tldraw finds the edge by intersecting the line with the card: the anchor sits just inside it. */
const INSIDE = 0.02

/** A route that leaves a side off its middle costs this many page px more (straight lines look calm). */
const OFF_MIDDLE_COST = 24

/** Positions tried for the label, nearest the middle first. */
const LABEL_STOPS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82]

const at = (b: Box, n: Point): Point => ({ x: b.x + n.x * b.w, y: b.y + n.y * b.h })

const shrink = (b: Box, by: number): Box => ({
  x: b.x + by,
  y: b.y + by,
  w: Math.max(0, b.w - 2 * by),
  h: Math.max(0, b.h - 2 * by),
})

/** Whether segment p→q passes through the inside of `b` (Liang–Barsky clipping). */
export function segmentCrossesBox(p: Point, q: Point, b: Box): boolean {
  if (b.w <= 0 || b.h <= 0) return false
  const dx = q.x - p.x
  const dy = q.y - p.y
  let t0 = 0
  let t1 = 1
  const edges: [number, number][] = [
    [-dx, p.x - b.x],
    [dx, b.x + b.w - p.x],
    [-dy, p.y - b.y],
    [dy, b.y + b.h - p.y],
  ]
  for (const [pp, qq] of edges) {
    if (pp === 0) {
      if (qq <= 0) return false
      continue
    }
    const r = qq / pp
    if (pp < 0) {
      if (r > t1) return false
      if (r > t0) t0 = r
    } else {
      if (r < t0) return false
      if (r < t1) t1 = r
    }
  }
  return t1 - t0 > 1e-9
}

const boxesOverlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

const overlapArea = (a: Box, b: Box): number =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y))

/** Whether an anchor is the middle of a side. */
const isMiddle = (n: Point) => n.x === 0.5 || n.y === 0.5

/**
 * The route of a link from card `from` to card `to`, around `others` (the other cards near them, page
 * px); `label` is the label's size on the page.
 */
export function routeLink(
  from: Box,
  to: Box,
  others: readonly Box[],
  label: { w: number; h: number },
): LinkRoute {
  // a line merely grazing a card's border does not strike its text
  const obstacles = others.map((o) => shrink(o, 2))
  const ownFrom = shrink(from, 1)
  const ownTo = shrink(to, 1)
  let best: { a: Point; b: Point; na: Point; nb: Point; crossings: number; cost: number } | null = null
  for (const na of ANCHORS) {
    const a = at(from, na)
    for (const nb of ANCHORS) {
      const b = at(to, nb)
      if (segmentCrossesBox(a, b, ownFrom) || segmentCrossesBox(a, b, ownTo)) continue
      let crossings = 0
      for (const o of obstacles) if (segmentCrossesBox(a, b, o)) crossings++
      const cost =
        Math.hypot(b.x - a.x, b.y - a.y) +
        (isMiddle(na) ? 0 : OFF_MIDDLE_COST) +
        (isMiddle(nb) ? 0 : OFF_MIDDLE_COST)
      if (!best || crossings < best.crossings || (crossings === best.crossings && cost < best.cost))
        best = { a, b, na, nb, crossings, cost }
    }
  }
  if (!best) {
    // the cards overlap so much that every edge-to-edge line runs over one of them: centre to centre
    const c = { x: 0.5, y: 0.5 }
    return { start: c, end: c, labelPosition: 0.5, crossings: 0 }
  }
  const cards = [from, to, ...others]
  const labelAt = (t: number): Box => ({
    x: best.a.x + (best.b.x - best.a.x) * t - label.w / 2,
    y: best.a.y + (best.b.y - best.a.y) * t - label.h / 2,
    w: label.w,
    h: label.h,
  })
  // where no spot is free (two cards side by side), the spot that covers the least of them
  const covered = (t: number) => cards.reduce((sum, c) => sum + overlapArea(labelAt(t), c), 0)
  const labelPosition =
    LABEL_STOPS.find((t) => !cards.some((c) => boxesOverlap(labelAt(t), c))) ??
    LABEL_STOPS.reduce((best, t) => (covered(t) < covered(best) - 1e-6 ? t : best), 0.5)
  const inward = (n: Point): Point => ({
    x: Math.min(1 - INSIDE, Math.max(INSIDE, n.x)),
    y: Math.min(1 - INSIDE, Math.max(INSIDE, n.y)),
  })
  return { start: inward(best.na), end: inward(best.nb), labelPosition, crossings: best.crossings }
}
