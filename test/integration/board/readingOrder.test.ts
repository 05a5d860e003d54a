import { describe, expect, it } from 'vitest'
import { adjacentInReadingOrder, placeNewCard, readingOrder } from '../../../src/renderer/board/readingOrder'

const box = (id: string, x: number, y: number, w = 200, h = 140) => ({ id, x, y, w, h })

describe('reading order of cards', () => {
  it('reads rows top to bottom and left to right, tolerating uneven rows', () => {
    const cards = [
      box('row2-right', 500, 310),
      box('row1-right', 480, 20), // a little lower than row1-left, still the same row
      box('row1-left', 0, 0),
      box('row2-left', 10, 300),
      box('row3', 250, 600),
    ]
    expect(readingOrder(cards).map((c) => c.id)).toEqual([
      'row1-left',
      'row1-right',
      'row2-left',
      'row2-right',
      'row3',
    ])
  })

  it('moves forwards and backwards with wrap-around, starting at either end', () => {
    const cards = [box('b', 300, 0), box('a', 0, 0), box('c', 0, 400)]
    expect(adjacentInReadingOrder(cards, null, 1)).toBe('a')
    expect(adjacentInReadingOrder(cards, null, -1)).toBe('c')
    expect(adjacentInReadingOrder(cards, 'a', 1)).toBe('b')
    expect(adjacentInReadingOrder(cards, 'c', 1)).toBe('a')
    expect(adjacentInReadingOrder(cards, 'a', -1)).toBe('c')
    expect(adjacentInReadingOrder([], null, 1)).toBeNull()
  })

  it('without wrapping, goes nowhere past the last or before the first card (Tab then leaves the canvas)', () => {
    const cards = [box('a', 0, 0), box('b', 300, 0), box('c', 0, 300)]
    expect(adjacentInReadingOrder(cards, 'c', 1, false)).toBeNull()
    expect(adjacentInReadingOrder(cards, 'a', -1, false)).toBeNull()
    expect(adjacentInReadingOrder(cards, 'a', 1, false)).toBe('b')
    expect(adjacentInReadingOrder(cards, null, 1, false)).toBe('a')
  })

  it('places a new card beside the selection, else centred in the viewport', () => {
    const size = { w: 200, h: 140 }
    const viewport = { x: 100, y: 50, w: 1000, h: 800 }
    expect(placeNewCard(size, viewport, null)).toEqual({ x: 500, y: 380 })
    expect(placeNewCard(size, viewport, { x: 10, y: 20, w: 300, h: 100 })).toEqual({ x: 334, y: 20 })
  })
})
