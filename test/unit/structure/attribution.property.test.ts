import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  attributeCard,
  attributeCards,
  cellKey,
  cellRect,
  createAttributor,
  gridCellRect,
  sameCell,
  structureBounds,
} from '../../../src/core/common/structure/attribution'
import { BoardStructure, type CellRef, type GridStructure } from '../../../src/shared/model/structure'
import { cardSizeArb, dyadic, frac, gridArb, zonesArb } from './structureArbitraries'

const RUNS = { numRuns: 300 }

/** A card of size (w, h) whose centre is exactly (cx, cy) (exact for 1/8-step inputs). */
const cardAt = (cx: number, cy: number, w: number, h: number) => ({ x: cx - w / 2, y: cy - h / 2, w, h })

/** Every cell of a grid with its rectangle. */
function allCells(
  g: GridStructure,
): { ref: CellRef; rect: { x: number; y: number; w: number; h: number } }[] {
  return g.stages.flatMap((s) =>
    g.lanes.map((l) => ({
      ref: { type: 'cell' as const, stageId: s.id, laneId: l.id },
      rect: gridCellRect(g, s.id, l.id)!,
    })),
  )
}

const inHalfOpen = (r: { x: number; y: number; w: number; h: number }, x: number, y: number) =>
  x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h

describe('attribution (property tests)', () => {
  it('generated grids and zones are valid board structures', () => {
    fc.assert(
      fc.property(fc.oneof(gridArb(), zonesArb()), (s) => {
        expect(BoardStructure.safeParse(s).success).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('a card centred in cell (i, j) is attributed to (i, j), for grids of any shape', () => {
    fc.assert(
      fc.property(gridArb(), fc.nat(), fc.nat(), cardSizeArb, (g, a, b, size) => {
        const stage = g.stages[a % g.stages.length]!
        const lane = g.lanes[b % g.lanes.length]!
        const r = gridCellRect(g, stage.id, lane.id)!
        const ref = attributeCard(g, cardAt(r.x + r.w / 2, r.y + r.h / 2, size.w, size.h))
        expect(ref).toEqual({ type: 'cell', stageId: stage.id, laneId: lane.id })
      }),
      RUNS,
    )
  })

  it('holds for arbitrary (non-exact) doubles too: the centre of a cell rectangle is in that cell', () => {
    fc.assert(
      fc.property(gridArb({ anyDoubles: true }), fc.nat(), fc.nat(), (g, a, b) => {
        const stage = g.stages[a % g.stages.length]!
        const lane = g.lanes[b % g.lanes.length]!
        const r = gridCellRect(g, stage.id, lane.id)!
        const ref = attributeCard(g, { x: r.x + r.w / 2, y: r.y + r.h / 2, w: 0, h: 0 })
        expect(ref).toEqual({ type: 'cell', stageId: stage.id, laneId: lane.id })
      }),
      RUNS,
    )
  })

  it('every point belongs to at most one cell, and that cell is the attributed one', () => {
    fc.assert(
      fc.property(gridArb({ maxStages: 12, maxLanes: 12 }), frac(0, 1), frac(0, 1), (g, u, v) => {
        const b = structureBounds(g)
        // sample around the grid, including outside it
        const px = b.x - 100 + u * (b.w + 200)
        const py = b.y - 100 + v * (b.h + 200)
        const holding = allCells(g).filter((c) => inHalfOpen(c.rect, px, py))
        expect(holding.length).toBeLessThanOrEqual(1)
        const ref = attributeCard(g, { x: px, y: py, w: 0, h: 0 })
        if (holding.length === 0) expect(ref).toEqual({ type: 'unplaced' })
        else expect(ref).toEqual(holding[0]!.ref)
      }),
      RUNS,
    )
  })

  it('a centre exactly on a border belongs to the later (right / lower) cell; outer right and bottom edges are outside', () => {
    fc.assert(
      fc.property(gridArb(), fc.nat(), fc.nat(), cardSizeArb, (g, a, b, size) => {
        const si = a % g.stages.length
        const li = b % g.lanes.length
        const r = gridCellRect(g, g.stages[si]!.id, g.lanes[li]!.id)!
        // on the left border of the cell: belongs to this cell
        expect(attributeCard(g, cardAt(r.x, r.y + r.h / 2, size.w, size.h))).toEqual({
          type: 'cell',
          stageId: g.stages[si]!.id,
          laneId: g.lanes[li]!.id,
        })
        // on the top border: belongs to this cell
        expect(attributeCard(g, cardAt(r.x + r.w / 2, r.y, size.w, size.h))).toMatchObject({
          laneId: g.lanes[li]!.id,
        })
        // on the right border: the next stage, or unplaced after the last stage
        const right = attributeCard(g, cardAt(r.x + r.w, r.y + r.h / 2, size.w, size.h))
        if (si + 1 < g.stages.length) expect(right).toMatchObject({ stageId: g.stages[si + 1]!.id })
        else expect(right).toEqual({ type: 'unplaced' })
        // on the bottom border: the next lane, or unplaced after the last lane
        const below = attributeCard(g, cardAt(r.x + r.w / 2, r.y + r.h, size.w, size.h))
        if (li + 1 < g.lanes.length) expect(below).toMatchObject({ laneId: g.lanes[li + 1]!.id })
        else expect(below).toEqual({ type: 'unplaced' })
      }),
      RUNS,
    )
  })

  it('cards on the headers or outside the grid are unplaced', () => {
    fc.assert(
      fc.property(gridArb(), frac(0, 0.999), (g, u) => {
        const b = structureBounds(g)
        // in the stage header row, above any lane
        expect(
          attributeCard(g, {
            x: b.x + g.laneHeaderWidth + u * (b.w - g.laneHeaderWidth),
            y: b.y + u * g.headerHeight,
            w: 0,
            h: 0,
          }),
        ).toEqual({ type: 'unplaced' })
        // in the lane header column
        expect(
          attributeCard(g, {
            x: b.x + u * g.laneHeaderWidth,
            y: b.y + g.headerHeight + u * (b.h - g.headerHeight),
            w: 0,
            h: 0,
          }),
        ).toEqual({ type: 'unplaced' })
        // left of, above, right of and below the grid
        expect(attributeCard(g, { x: b.x - 1, y: b.y + b.h / 2, w: 0, h: 0 }).type).toBe('unplaced')
        expect(attributeCard(g, { x: b.x + b.w / 2, y: b.y - 1, w: 0, h: 0 }).type).toBe('unplaced')
        expect(attributeCard(g, { x: b.x + b.w + 1, y: b.y + b.h / 2, w: 0, h: 0 }).type).toBe('unplaced')
        expect(attributeCard(g, { x: b.x + b.w / 2, y: b.y + b.h + 1, w: 0, h: 0 }).type).toBe('unplaced')
      }),
      RUNS,
    )
  })

  it('moving the structure and the cards by the same offset keeps every attribution', () => {
    fc.assert(
      fc.property(
        gridArb({ maxStages: 20, maxLanes: 20 }),
        fc.array(
          fc.record({
            u: frac(-0.2, 1.2),
            v: frac(-0.2, 1.2),
            size: cardSizeArb,
          }),
          { maxLength: 30 },
        ),
        dyadic(-50_000, 50_000),
        dyadic(-50_000, 50_000),
        (g, spots, dx, dy) => {
          const b = structureBounds(g)
          // card centres on the 1/8 grid so that the sums are exact
          const cards = spots.map((s, i) => {
            const cx = Math.round((b.x + s.u * b.w) * 8) / 8
            const cy = Math.round((b.y + s.v * b.h) * 8) / 8
            return { id: `c${i}`, ...cardAt(cx, cy, s.size.w, s.size.h) }
          })
          const moved = { ...g, x: g.x + dx, y: g.y + dy }
          const before = attributeCards(g, cards)
          const after = attributeCards(
            moved,
            cards.map((c) => ({ ...c, x: c.x + dx, y: c.y + dy })),
          )
          expect([...after.entries()]).toEqual([...before.entries()])
        },
      ),
      RUNS,
    )
  })

  it('moved structures with arbitrary doubles: cards well inside their cell keep it', () => {
    fc.assert(
      fc.property(
        gridArb({ anyDoubles: true, maxStages: 10, maxLanes: 10 }),
        fc.nat(),
        fc.nat(),
        frac(0.01, 0.99),
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        (g, a, b, t, dx) => {
          const stage = g.stages[a % g.stages.length]!
          const lane = g.lanes[b % g.lanes.length]!
          const r = gridCellRect(g, stage.id, lane.id)!
          const card = { x: r.x + t * r.w, y: r.y + t * r.h, w: 0, h: 0 }
          const moved = { ...g, x: g.x + dx, y: g.y - dx }
          expect(attributeCard(moved, { ...card, x: card.x + dx, y: card.y - dx })).toEqual(
            attributeCard(g, card),
          )
        },
      ),
      RUNS,
    )
  })

  it('scaling the structure and the card positions by a power of two keeps every attribution (resized structure)', () => {
    fc.assert(
      fc.property(
        gridArb({ maxStages: 10, maxLanes: 10 }),
        frac(-0.1, 1.1),
        frac(-0.1, 1.1),
        fc.constantFrom(0.5, 2, 4),
        (g, u, v, k) => {
          const b = structureBounds(g)
          const p = {
            x: Math.round((b.x + u * b.w) * 8) / 8,
            y: Math.round((b.y + v * b.h) * 8) / 8,
            w: 0,
            h: 0,
          }
          const scaled: GridStructure = {
            ...g,
            x: g.x * k,
            y: g.y * k,
            headerHeight: g.headerHeight * k,
            laneHeaderWidth: g.laneHeaderWidth * k,
            stages: g.stages.map((s) => ({ ...s, width: s.width * k })),
            lanes: g.lanes.map((l) => ({ ...l, height: l.height * k })),
          }
          expect(attributeCard(scaled, { x: p.x * k, y: p.y * k, w: 0, h: 0 })).toEqual(attributeCard(g, p))
        },
      ),
      RUNS,
    )
  })

  it('the binary-search attributor agrees with a plain scan over every cell', () => {
    fc.assert(
      fc.property(
        gridArb({ maxStages: 15, maxLanes: 15, anyDoubles: true }),
        fc.array(fc.tuple(frac(-0.1, 1.1), frac(-0.1, 1.1)), { maxLength: 40 }),
        (g, pts) => {
          const b = structureBounds(g)
          const attribute = createAttributor(g)
          const cells = allCells(g)
          for (const [u, v] of pts) {
            const x = b.x + u * b.w
            const y = b.y + v * b.h
            const scan = cells.find((c) => inHalfOpen(c.rect, x, y))?.ref ?? { type: 'unplaced' }
            expect(attribute({ x, y, w: 0, h: 0 })).toEqual(scan)
          }
        },
      ),
      RUNS,
    )
  })

  it('zones: the topmost (last) zone holding the centre wins; elsewhere unplaced', () => {
    fc.assert(
      fc.property(zonesArb(), frac(-0.1, 1.1), frac(-0.1, 1.1), (s, u, v) => {
        const b = structureBounds(s)
        const x = b.x + u * b.w
        const y = b.y + v * b.h
        const holding = s.zones.filter((z) => inHalfOpen(z, x, y))
        const ref = attributeCard(s, { x, y, w: 0, h: 0 })
        if (holding.length === 0) expect(ref).toEqual({ type: 'unplaced' })
        else expect(ref).toEqual({ type: 'zone', zoneId: holding[holding.length - 1]!.id })
        if (ref.type === 'zone') expect(inHalfOpen(cellRect(s, ref)!, x, y)).toBe(true)
      }),
      RUNS,
    )
  })
})

describe('attribution (examples)', () => {
  const g: GridStructure = {
    type: 'grid',
    x: 0,
    y: 0,
    headerHeight: 100,
    laneHeaderWidth: 200,
    stages: [
      { id: 'a', label: 'A', prompt: '', easyRead: '', kinds: [], width: 300 },
      { id: 'b', label: 'B', prompt: '', easyRead: '', kinds: [], width: 300 },
    ],
    lanes: [{ id: 'x', label: 'X', prompt: '', easyRead: '', kinds: [], height: 200 }],
  }

  it('uses the card centre, not its corner', () => {
    // top-left corner in stage a, centre in stage b
    expect(attributeCard(g, { x: 420, y: 150, w: 200, h: 100 })).toEqual({
      type: 'cell',
      stageId: 'b',
      laneId: 'x',
    })
  })

  it('no structure, NaN or infinite bounds give unplaced', () => {
    expect(attributeCard(null, { x: 300, y: 150, w: 10, h: 10 })).toEqual({ type: 'unplaced' })
    expect(attributeCard(undefined, { x: 300, y: 150, w: 10, h: 10 })).toEqual({ type: 'unplaced' })
    expect(attributeCard(g, { x: Number.NaN, y: 150, w: 10, h: 10 })).toEqual({ type: 'unplaced' })
    expect(attributeCard(g, { x: 300, y: Number.POSITIVE_INFINITY, w: 10, h: 10 })).toEqual({
      type: 'unplaced',
    })
  })

  it('cellRect and gridCellRect return null for unknown ids and wrong structure types', () => {
    expect(gridCellRect(g, 'nope', 'x')).toBeNull()
    expect(gridCellRect(g, 'a', 'nope')).toBeNull()
    expect(cellRect(g, { type: 'zone', zoneId: 'a' })).toBeNull()
    expect(cellRect(g, { type: 'unplaced' })).toBeNull()
    expect(cellRect(g, { type: 'cell', stageId: 'b', laneId: 'x' })).toEqual({
      x: 500,
      y: 100,
      w: 300,
      h: 200,
    })
  })

  it('sameCell and cellKey', () => {
    const a: CellRef = { type: 'cell', stageId: 'a', laneId: 'x' }
    expect(sameCell(a, { type: 'cell', stageId: 'a', laneId: 'x' })).toBe(true)
    expect(sameCell(a, { type: 'cell', stageId: 'b', laneId: 'x' })).toBe(false)
    expect(sameCell({ type: 'unplaced' }, { type: 'unplaced' })).toBe(true)
    expect(sameCell({ type: 'zone', zoneId: 'a' }, a)).toBe(false)
    expect(cellKey(a)).toBe('cell:a/x')
    expect(cellKey({ type: 'zone', zoneId: 'q' })).toBe('zone:q')
    expect(cellKey({ type: 'unplaced' })).toBe('unplaced')
  })
})
