import { describe, expect, it } from 'vitest'
import { freeUnplacedOverlaps } from '../../../src/core/common/structure/placement'
import { BoardStructure } from '../../../src/shared/model/structure'

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/** Private cards written on two devices took the same free place; after the reveal one moves. */
describe('freeUnplacedOverlaps (revealed private cards outside the cells)', () => {
  const card = (id: string, x: number, y: number) => ({ id, x, y, w: 200, h: 140 })

  it('moves an arriving card that covers another to the first free place beside it', () => {
    const cards = [card('fac', 16, 16), card('guest', 16, 16), card('other', 232, 16)]
    const moves = freeUnplacedOverlaps(null, cards, ['guest'])
    expect(moves).toHaveLength(1)
    const moved = moves[0]!
    expect(moved).toMatchObject({ id: 'guest', w: 200, h: 140 })
    for (const c of cards.filter((c) => c.id !== 'guest')) expect(overlaps(moved, c)).toBe(false)
    // the nearest free place: right of the two cards already in the row
    expect(moved).toEqual({ id: 'guest', x: 448, y: 16, w: 200, h: 140 })
  })

  it('leaves cards that cover nothing, and cards that are not arriving', () => {
    const cards = [card('a', 0, 0), card('b', 100, 50), card('c', 600, 0)]
    expect(freeUnplacedOverlaps(null, cards, ['c'])).toEqual([])
    expect(freeUnplacedOverlaps(null, cards, [])).toEqual([])
  })

  it('two arriving cards on the same place end apart from each other and the rest', () => {
    const cards = [card('fac', 0, 0), card('g1', 0, 0), card('g2', 0, 0)]
    const moves = freeUnplacedOverlaps(null, cards, ['g1', 'g2'])
    const final = cards.map((c) => moves.find((m) => m.id === c.id) ?? c)
    for (let i = 0; i < final.length; i++)
      for (let j = i + 1; j < final.length; j++) expect(overlaps(final[i]!, final[j]!)).toBe(false)
  })

  it('leaves a card in a cell to the flow', () => {
    const structure = BoardStructure.parse({
      type: 'zones',
      zones: [{ id: 'z', label: 'Zone', prompt: '', easyRead: '', kinds: [], x: 0, y: 0, w: 800, h: 600 }],
    })
    const cards = [card('a', 100, 100), card('b', 100, 100)]
    expect(freeUnplacedOverlaps(structure, cards, ['b'])).toEqual([])
  })
})
