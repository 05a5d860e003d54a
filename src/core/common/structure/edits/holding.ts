import type { Rect } from '../attribution'
import type { CardBounds } from '../../cards/cardRecord'

/**
 * Card placement shared by grid and zone structure edits: the card and move types, offsets that
 * shrink with their band, and the holding area to the right of the structure.
 */

export interface EditCard extends CardBounds {
  readonly id: string
}

export interface CardMove {
  readonly id: string
  readonly x: number
  readonly y: number
  /** A new size too (the card flow resizes cards with their cell); absent: the size stays. */
  readonly w?: number
  readonly h?: number
}

/** Gap between the structure and the holding area, and between cards stacked in it. */
export const HOLDING_GAP = 80
export const HOLDING_STACK_GAP = 20

/** Offset inside a band that shrinks in proportion when the band shrinks. */
export const scaleOffset = (rel: number, oldSize: number, newSize: number) =>
  newSize >= oldSize ? rel : (rel * newSize) / oldSize

export function isFiniteCard(c: CardBounds): boolean {
  return [c.x, c.y, c.w, c.h].every(Number.isFinite)
}

export function isInsideRect(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h
}

export function centreIn(r: Rect, c: CardBounds): { x: number; y: number } {
  return { x: r.x + r.w / 2 - c.w / 2, y: r.y + r.h / 2 - c.h / 2 }
}

/**
 * Stacks cards in columns to the right of the structure and of every card already right of it,
 * starting level with the structure's top; a new column starts when a column passes its bottom.
 */
export function placeInHolding(
  bounds: Rect,
  toHolding: readonly EditCard[],
  cards: readonly EditCard[],
  placed: Map<string, { x: number; y: number }>,
): void {
  if (toHolding.length === 0) return
  const right = bounds.x + bounds.w
  const bottom = bounds.y + Math.max(bounds.h, 1000)
  const moving = new Set(toHolding.map((c) => c.id))
  let x = right
  for (const c of cards) {
    if (moving.has(c.id) || !isFiniteCard(c)) continue
    const p = placed.get(c.id) ?? { x: c.x, y: c.y }
    if (p.x + c.w / 2 >= right && p.y < bottom && p.y + c.h > bounds.y) x = Math.max(x, p.x + c.w)
  }
  x += HOLDING_GAP
  let y = bounds.y
  let columnWidth = 0
  for (const c of toHolding) {
    if (y > bounds.y && y + c.h > bottom) {
      x += columnWidth + HOLDING_STACK_GAP
      y = bounds.y
      columnWidth = 0
    }
    placed.set(c.id, { x, y })
    y += c.h + HOLDING_STACK_GAP
    columnWidth = Math.max(columnWidth, c.w)
  }
}

export function movesFrom(
  cards: readonly EditCard[],
  placed: ReadonlyMap<string, { x: number; y: number }>,
): CardMove[] {
  const moves: CardMove[] = []
  for (const c of cards) {
    const p = placed.get(c.id)
    if (p && (p.x !== c.x || p.y !== c.y)) moves.push({ id: c.id, x: p.x, y: p.y })
  }
  return moves
}
