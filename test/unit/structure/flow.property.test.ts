import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attributeCard, cellRect } from '../../../src/core/common/structure/attribution'
import { applyStructureEdit, type StructureEdit } from '../../../src/core/common/structure/edits'
import {
  CARD_FLOW,
  cellLayout,
  nearestCell,
  nextSlot,
  reflowAfterEdit,
  settleArrivals,
  spotInCell,
  tidyBoard,
  tidyCell,
  type FlowCard,
} from '../../../src/core/common/structure/placement'
import type {
  BoardStructure,
  CellRef,
  GridStructure,
  ZoneStructure,
} from '../../../src/shared/model/structure'
import { dyadic } from './structureArbitraries'
import { apply, cells, checkBoard, gridArb, item, zonesArb } from './flowHelpers'

type Op =
  | { op: 'add'; cell: number; burst: number }
  | { op: 'delete'; card: number }
  | { op: 'drag'; card: number; cell: number; fx: number; fy: number }
  | { op: 'edit'; kind: number; a: number; b: number; size: number }
  | { op: 'tidy'; cell: number; all: boolean }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      cell: fc.nat(),
      burst: fc.integer({ min: 1, max: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), card: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('drag' as const),
      card: fc.nat(),
      cell: fc.nat(),
      fx: fc.double({ min: 0, max: 0.999, noNaN: true }),
      fy: fc.double({ min: 0, max: 0.999, noNaN: true }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('edit' as const),
      kind: fc.integer({ min: 0, max: 7 }),
      a: fc.nat(),
      b: fc.nat(),
      size: dyadic(40, 900),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('tidy' as const), cell: fc.nat(), all: fc.boolean() }),
  },
)

/** A zone edit that keeps zones apart: a zone resized (narrower or shorter only) or removed. */
function zoneEditFor(s: ZoneStructure, o: Extract<Op, { op: 'edit' }>): StructureEdit {
  const z = s.zones[o.a % s.zones.length]!
  if (o.kind < 2) return { type: 'removeZone', id: z.id }
  return { type: 'setZoneRect', id: z.id, x: z.x, y: z.y, w: Math.min(z.w, o.size), h: Math.min(z.h, o.size) }
}

function editFor(g: GridStructure, o: Extract<Op, { op: 'edit' }>, n: number): StructureEdit {
  const st = g.stages[o.a % g.stages.length]!
  const ln = g.lanes[o.a % g.lanes.length]!
  switch (o.kind) {
    case 0:
      return {
        type: 'addStage',
        index: o.b % (g.stages.length + 1),
        stage: { id: `ns${n}`, label: 'N', width: o.size },
      }
    case 1:
      return {
        type: 'addLane',
        index: o.b % (g.lanes.length + 1),
        lane: { id: `nl${n}`, label: 'N', height: o.size },
      }
    case 2:
      return { type: 'removeStage', id: st.id }
    case 3:
      return { type: 'removeLane', id: ln.id }
    case 4:
      return { type: 'moveStage', id: st.id, toIndex: o.b % g.stages.length }
    case 5:
      return { type: 'moveLane', id: ln.id, toIndex: o.b % g.lanes.length }
    case 6:
      return { type: 'resizeStage', id: st.id, width: o.size }
    default:
      return { type: 'resizeLane', id: ln.id, height: o.size }
  }
}

describe('the card flow (issue 14 item 1)', () => {
  it('after any sequence of placements, bursts, deletions, drags, structure edits and tidies, placed cards are inside their cell and never overlap', () => {
    fc.assert(
      fc.property(
        fc.oneof(gridArb, zonesArb),
        fc.array(opArb, { maxLength: 30 }),
        fc.boolean(),
        (g0, ops, canGrow) => {
          let s: BoardStructure = g0
          let cards: FlowCard[] = []
          let n = 0
          for (const o of ops) {
            const g = s as GridStructure
            const all = cells(s)
            if (o.op === 'add') {
              const cell = all[o.cell % all.length]!
              const ids: string[] = []
              for (let k = 0; k < o.burst; k++) {
                const inCell = cards.filter(
                  (c) => attributeCard(s, c).type !== 'unplaced' && sameRef(attributeCard(s, c), cell),
                )
                const at = spotInCell(s, cell, { w: 200, h: 140 }, cards, { x: 0, y: 0, w: 0, h: 0 })
                const slot = nextSlot(s, cell, inCell)!
                expect(at).toEqual(slot)
                const id = `c${n++}`
                cards.push({ id, ...slot })
                ids.push(id)
                // the slot given to a writer is in the cell
                expect(sameRef(attributeCard(s, { ...slot }), cell)).toBe(true)
              }
              ;[s, cards] = apply(
                s,
                cards,
                settleArrivals(
                  s,
                  cards,
                  ids.map((id) => ({ id })),
                  { canGrow },
                ),
              )
            } else if (o.op === 'delete') {
              if (cards.length > 0) cards.splice(o.card % cards.length, 1)
            } else if (o.op === 'drag') {
              if (cards.length === 0) continue
              const i = o.card % cards.length
              const r = cellRect(s, all[o.cell % all.length]!)!
              const at = { x: r.x + o.fx * r.w, y: r.y + o.fy * r.h }
              const c = cards[i]!
              cards[i] = { ...c, x: at.x - c.w / 2, y: at.y - c.h / 2 }
              ;[s, cards] = apply(s, cards, settleArrivals(s, cards, [{ id: c.id, at }], { canGrow }))
            } else if (o.op === 'edit') {
              const r = applyStructureEdit(
                s,
                cards,
                s.type === 'grid' ? editFor(g, o, n++) : zoneEditFor(s, o),
              )
              if (!r.ok) continue
              const byId = new Map(r.moves.map((m) => [m.id, m]))
              cards = cards.map((c) => {
                const m = byId.get(c.id)
                return m ? { ...c, x: m.x, y: m.y } : c
              })
              const before = s
              s = r.structure
              ;[s, cards] = apply(s, cards, reflowAfterEdit(before, s, cards))
            } else {
              const plan = o.all
                ? tidyBoard(s, cards, { canGrow })
                : tidyCell(s, cards, all[o.cell % all.length]!, { canGrow })
              ;[s, cards] = apply(s, cards, plan)
            }
            checkBoard(s, cards)
          }
        },
      ),
      { numRuns: 150 },
    )
  }, 120_000)

  it('tidy is idempotent: a tidy board has nothing left to move', () => {
    fc.assert(
      fc.property(
        gridArb,
        fc.array(fc.tuple(fc.nat(), dyadic(0, 1), dyadic(0, 1)), { maxLength: 40 }),
        (g, drops) => {
          const all = cells(g)
          let s: BoardStructure = g
          let cards: FlowCard[] = drops.map(([k, fx, fy], i) => {
            const r = cellRect(g, all[k % all.length]!)!
            return { id: `c${i}`, x: r.x + fx * (r.w - 1), y: r.y + fy * (r.h - 1), w: 2, h: 2 }
          })
          ;[s, cards] = apply(s, cards, tidyBoard(s, cards))
          checkBoard(s, cards)
          const again = tidyBoard(s, cards)
          expect(again.moves).toEqual([])
          expect(again.structure).toBeNull()
        },
      ),
    )
  })
})

function sameRef(a: CellRef, b: CellRef) {
  return JSON.stringify(a) === JSON.stringify(b)
}

describe('cellLayout', () => {
  const cell = { x: 0, y: 0, w: 480, h: 340 }

  it('gives one card the largest size and fills rows left to right', () => {
    const one = cellLayout(cell, 1)
    expect(one.w).toBe(CARD_FLOW.maxWidth)
    const three = cellLayout(cell, 3)
    expect(three.cols).toBeGreaterThanOrEqual(1)
    expect(three.h).toBeCloseTo(three.w * CARD_FLOW.aspect)
  })

  it('fits six cards in a Service Journey Map cell (480 × 340) without growing, each at least 140 wide', () => {
    const six = cellLayout(cell, 6)
    expect(six.needInnerHeight).toBeLessThanOrEqual(340 - 2 * CARD_FLOW.padding)
    expect(six.w).toBeGreaterThanOrEqual(CARD_FLOW.minWidth)
    expect(six.cols).toBe(3)
  })

  it('asks for more height when cards would go below the lower bound, or shrinks them when it may not grow', () => {
    const many = cellLayout(cell, 20, true)
    expect(many.w).toBeGreaterThanOrEqual(CARD_FLOW.minWidth)
    expect(many.needInnerHeight).toBeGreaterThan(340 - 2 * CARD_FLOW.padding)
    const squeezed = cellLayout(cell, 20, false)
    expect(squeezed.w).toBeLessThan(CARD_FLOW.minWidth)
    expect(squeezed.needInnerHeight).toBeLessThanOrEqual(340 - 2 * CARD_FLOW.padding + 1e-9)
  })
})

describe('settling arrivals', () => {
  const g: GridStructure = {
    type: 'grid',
    x: 0,
    y: 0,
    headerHeight: 180,
    laneHeaderWidth: 300,
    stages: [
      { ...item('a'), width: 480 },
      { ...item('b'), width: 480 },
    ],
    lanes: [
      { ...item('top'), height: 340 },
      { ...item('low'), height: 340 },
    ],
  }
  const cell: CellRef = { type: 'cell', stageId: 'a', laneId: 'top' }

  it('a new card takes the next free slot and moves nobody', () => {
    let cards: FlowCard[] = []
    for (let i = 0; i < 4; i++) {
      const slot = nextSlot(g, cell, cards)!
      cards.push({ id: `c${i}`, ...slot })
      const plan = settleArrivals(g, cards, [{ id: `c${i}` }])
      expect(plan.structure).toBeNull()
      cards = apply(g, cards, plan)[1]
    }
    // reading order: the second card is right of the first, on the same row
    expect(cards[1]!.y).toBe(cards[0]!.y)
    expect(cards[1]!.x).toBeGreaterThan(cards[0]!.x)
    // a deleted card leaves a gap the next card fills
    const gap = cards[1]!
    cards.splice(1, 1)
    const next = nextSlot(g, cell, cards)!
    expect({ x: next.x, y: next.y }).toEqual({ x: gap.x, y: gap.y })
  })

  it('a full cell grows its lane and the lanes below move down with their cards', () => {
    const below: FlowCard = { id: 'b', ...nextSlot(g, { type: 'cell', stageId: 'a', laneId: 'low' }, [])! }
    const cards: FlowCard[] = [below]
    const ids: string[] = []
    for (let i = 0; i < 12; i++) {
      const inCell = cards.filter((c) => c.id !== 'b')
      cards.push({ id: `c${i}`, ...nextSlot(g, cell, inCell)! })
      ids.push(`c${i}`)
    }
    const plan = settleArrivals(
      g,
      cards,
      ids.map((id) => ({ id })),
    )
    expect(plan.structure).not.toBeNull()
    const grown = plan.structure as GridStructure
    expect(grown.lanes[0]!.height).toBeGreaterThan(340)
    const [s2, after] = apply(g, cards, plan)
    checkBoard(s2, after)
    const moved = after.find((c) => c.id === 'b')!
    expect(moved.y - below.y).toBe(grown.lanes[0]!.height - 340)
    expect(attributeCard(s2, moved)).toEqual({ type: 'cell', stageId: 'a', laneId: 'low' })
    // without the right to grow, the cards shrink instead
    const noGrow = settleArrivals(
      g,
      cards,
      ids.map((id) => ({ id })),
      { canGrow: false },
    )
    expect(noGrow.structure).toBeNull()
    checkBoard(g, apply(g, cards, noGrow)[1])
  })

  it('a card dropped in the middle of an emptier cell stays near where it was let go', () => {
    const r = { x: 300, y: 180, w: 480, h: 340 }
    const at = { x: r.x + r.w / 2, y: r.y + r.h / 2 }
    const card: FlowCard = { id: 'd', x: at.x - 100, y: at.y - 70, w: 200, h: 140 }
    const [, after] = apply(g, [card], settleArrivals(g, [card], [{ id: 'd', at }]))
    const c = after[0]!
    expect(Math.abs(c.x + c.w / 2 - at.x)).toBeLessThan(c.w)
    expect(Math.abs(c.y + c.h / 2 - at.y)).toBeLessThan(c.h)
    checkBoard(g, after)
    // the next new card still takes the first free slot, top left
    const next = nextSlot(g, cell, after)!
    expect({ x: next.x, y: next.y }).toEqual({ x: r.x + CARD_FLOW.padding, y: r.y + CARD_FLOW.padding })
  })

  it('a dropped card takes the slot nearest the drop point', () => {
    const cards: FlowCard[] = []
    for (let i = 0; i < 3; i++) cards.push({ id: `c${i}`, ...nextSlot(g, cell, cards)! })
    // drop c0 on the third slot's place: the cards re-flow with c0 there
    const third = cards[2]!
    const at = { x: third.x + third.w / 2, y: third.y + third.h / 2 }
    cards[0] = { ...cards[0]!, x: at.x - 10, y: at.y - 10 }
    const after = apply(g, cards, settleArrivals(g, cards, [{ id: 'c0', at }]))[1]
    checkBoard(g, after)
    const c0 = after.find((c) => c.id === 'c0')!
    expect({ x: c0.x, y: c0.y }).toEqual({ x: third.x, y: third.y })
  })
})

describe('nearestCell', () => {
  it('is the cell at the point, or the nearest cell of the structure when the point is outside every cell', () => {
    fc.assert(
      fc.property(gridArb, dyadic(-5000, 8000), dyadic(-5000, 8000), (g, x, y) => {
        const ref = nearestCell(g, { x, y })!
        expect(ref.type).toBe('cell')
        const here = attributeCard(g, { x, y, w: 0, h: 0 })
        if (here.type !== 'unplaced') expect(ref).toEqual(here)
        // a card there gets a slot inside that cell
        const slot = nextSlot(g, ref, [])!
        expect(attributeCard(g, slot)).toEqual(ref)
      }),
    )
  })
})
