/**
 * Where to put a card so it does not cover others: the first free slot, scanning a region row by row.
 * Pure (no tldraw), so it is unit-tested. `accept` lets the caller insist on a property of the spot,
 * e.g. that the card's centre is attributed to the target cell.
 */
export interface Box {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

export interface Size {
  readonly w: number
  readonly h: number
}

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/**
 * Returns the top-left corner for a card of `size` inside `region`: the first slot (rows top to bottom,
 * left to right, `gap` apart) that overlaps no box of `occupied` and passes `accept`. When none is
 * free, a slot cascading from the region's centre that passes `accept` (cards may then overlap); when
 * even that fails, the region's centre.
 */
export function findFreeSpot(
  region: Box,
  size: Size,
  occupied: readonly Box[],
  accept: (at: { x: number; y: number }) => boolean = () => true,
  gap = 16,
): { x: number; y: number } {
  const fitsX = region.w >= size.w + 2 * gap
  const fitsY = region.h >= size.h + 2 * gap
  if (fitsX && fitsY) {
    for (let y = region.y + gap; y + size.h <= region.y + region.h - gap; y += size.h + gap) {
      for (let x = region.x + gap; x + size.w <= region.x + region.w - gap; x += size.w + gap) {
        const box = { x, y, w: size.w, h: size.h }
        if (!occupied.some((o) => overlaps(o, box)) && accept({ x, y })) return { x, y }
      }
    }
  }
  const cx = region.x + region.w / 2 - size.w / 2
  const cy = region.y + region.h / 2 - size.h / 2
  for (let i = 0; i < 12; i++) {
    const at = { x: cx + (i % 4) * 12, y: cy + i * 8 }
    // the centre must stay inside the region for the card to belong to it
    const centreX = at.x + size.w / 2
    const centreY = at.y + size.h / 2
    if (centreX >= region.x + region.w || centreY >= region.y + region.h) break
    if (accept(at)) return at
  }
  return { x: cx, y: cy }
}
