import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  attributeCards,
  cellKey,
  gridCellRect,
  structureBounds,
} from '../../../src/core/common/structure/attribution'
import {
  applyMoves,
  applyStructureEdit,
  type EditCard,
  type StructureEdit,
} from '../../../src/core/common/structure/edits'
import type { BoardStructure, GridStructure, ZoneStructure } from '../../../src/shared/model/structure'
import { cardSizeArb, dyadic, gridArb, zonesArb } from './structureArbitraries'

/** Cards spread over and around the structure (some in cells, some on headers, some outside). */
function cardsArb(maxCards = 40) {
  return fc.array(
    fc.record({
      // fractions of the structure's size, from -0.3 to 1.3 (integers spread better than biased doubles)
      u: fc.integer({ min: -300, max: 1300 }).map((n) => n / 1000),
      v: fc.integer({ min: -300, max: 1300 }).map((n) => n / 1000),
      size: cardSizeArb,
    }),
    { minLength: 1, maxLength: maxCards },
  )
}

function placeCards(
  s: BoardStructure,
  spots: { u: number; v: number; size: { w: number; h: number } }[],
): EditCard[] {
  const b = structureBounds(s)
  return spots.map((p, i) => ({
    id: `c${i}`,
    // on the 1/8 grid, so that every sum in the tests is exact
    x: Math.round((b.x + p.u * b.w - p.size.w / 2) * 8) / 8,
    y: Math.round((b.y + p.v * b.h - p.size.h / 2) * 8) / 8,
    w: p.size.w,
    h: p.size.h,
  }))
}

const keys = (s: BoardStructure, cards: EditCard[]) =>
  new Map([...attributeCards(s, cards)].map(([id, ref]) => [id, cellKey(ref)]))

/** Grid edits other than removal, with ids and indexes chosen from the current structure. */
function gridEditArb(g: GridStructure, n: number): fc.Arbitrary<StructureEdit> {
  const stageId = fc.constantFrom(...g.stages.map((s) => s.id))
  const laneId = fc.constantFrom(...g.lanes.map((l) => l.id))
  const size = dyadic(40, 1500)
  return fc.oneof(
    fc.record({
      type: fc.constant('addStage' as const),
      index: fc.integer({ min: 0, max: g.stages.length }),
      stage: fc.record({ id: fc.constant(`ns${n}`), label: fc.constant('New stage'), width: size }),
    }),
    fc.record({
      type: fc.constant('addLane' as const),
      index: fc.integer({ min: 0, max: g.lanes.length }),
      lane: fc.record({ id: fc.constant(`nl${n}`), label: fc.constant('New lane'), height: size }),
    }),
    fc.record({
      type: fc.constant('rename' as const),
      id: fc.oneof(stageId, laneId),
      label: fc.constant('Renamed <b>'),
    }),
    fc.record({
      type: fc.constant('moveStage' as const),
      id: stageId,
      toIndex: fc.integer({ min: 0, max: g.stages.length - 1 }),
    }),
    fc.record({
      type: fc.constant('moveLane' as const),
      id: laneId,
      toIndex: fc.integer({ min: 0, max: g.lanes.length - 1 }),
    }),
    fc.record({ type: fc.constant('resizeStage' as const), id: stageId, width: size }),
    fc.record({ type: fc.constant('resizeLane' as const), id: laneId, height: size }),
    fc.record({ type: fc.constant('resizeHeaders' as const), headerHeight: size, laneHeaderWidth: size }),
    fc.record({
      type: fc.constant('moveStructure' as const),
      dx: dyadic(-3000, 3000),
      dy: dyadic(-3000, 3000),
    }),
  )
}

describe('structure edits (property tests)', () => {
  it('after any sequence of non-removing edits, every card keeps its stage and lane (or stays unplaced)', () => {
    fc.assert(
      fc.property(
        gridArb({ maxStages: 12, maxLanes: 12 }),
        cardsArb(),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.infiniteStream(fc.nat()),
        (g0, spots, steps, seeds) => {
          let s: BoardStructure = g0
          let cards = placeCards(g0, spots)
          const before = keys(g0, cards)
          const it = seeds[Symbol.iterator]()
          for (let n = 0; n < steps.length; n++) {
            const g = s as GridStructure
            const [edit] = fc.sample(gridEditArb(g, n), { numRuns: 1, seed: it.next().value as number })
            const r = applyStructureEdit(s, cards, edit!)
            if (!r.ok) {
              // only the limits may refuse (e.g. the 51st stage)
              expect(r.message).toMatch(/at most/)
              continue
            }
            expect(r.displaced).toEqual([])
            s = r.structure
            cards = applyMoves(cards, r.moves)
            expect(keys(s, cards)).toEqual(before)
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it('cards keep their exact offset inside their cell when the cell itself is not resized', () => {
    fc.assert(
      fc.property(gridArb({ maxStages: 10, maxLanes: 10 }), cardsArb(), fc.nat(), (g, spots, seed) => {
        const [edit] = fc.sample(
          gridEditArb(g, 0).filter((e) => e.type !== 'resizeStage' && e.type !== 'resizeLane'),
          { numRuns: 1, seed },
        )
        const cards = placeCards(g, spots)
        const r = applyStructureEdit(g, cards, edit!)
        if (!r.ok) return
        const moved = applyMoves(cards, r.moves)
        const refs = attributeCards(g, cards)
        cards.forEach((c, i) => {
          const ref = refs.get(c.id)!
          if (ref.type !== 'cell') return
          const a = gridCellRect(g, ref.stageId, ref.laneId)!
          const b = gridCellRect(r.structure as GridStructure, ref.stageId, ref.laneId)!
          expect(moved[i]!.x - b.x).toBe(c.x - a.x)
          expect(moved[i]!.y - b.y).toBe(c.y - a.y)
        })
      }),
      { numRuns: 300 },
    )
  })

  it('removing a stage or lane makes exactly its cards unplaced, moves them right of the grid, and keeps every other card', () => {
    fc.assert(
      fc.property(
        gridArb({ maxStages: 10, maxLanes: 10 }),
        cardsArb(),
        fc.boolean(),
        fc.nat(),
        (g, spots, stage, k) => {
          fc.pre(stage ? g.stages.length > 1 : g.lanes.length > 1)
          const cards = placeCards(g, spots)
          const id = stage ? g.stages[k % g.stages.length]!.id : g.lanes[k % g.lanes.length]!.id
          const before = attributeCards(g, cards)
          const r = applyStructureEdit(
            g,
            cards,
            stage ? { type: 'removeStage', id } : { type: 'removeLane', id },
          )
          expect(r.ok).toBe(true)
          if (!r.ok) return
          const after = attributeCards(r.structure, applyMoves(cards, r.moves))
          const moved = new Map(r.moves.map((m) => [m.id, m]))
          const right = structureBounds(r.structure).x + structureBounds(r.structure).w
          for (const c of cards) {
            const ref = before.get(c.id)!
            const inRemoved = ref.type === 'cell' && (stage ? ref.stageId === id : ref.laneId === id)
            if (inRemoved) {
              expect(r.displaced).toContain(c.id)
              expect(after.get(c.id)).toEqual({ type: 'unplaced' })
              expect(moved.get(c.id)!.x).toBeGreaterThanOrEqual(right)
            } else {
              expect(r.displaced).not.toContain(c.id)
              expect(cellKey(after.get(c.id)!)).toBe(cellKey(ref))
            }
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it('zones: after moving, resizing, adding and renaming zones, every card keeps its zone or is reported as displaced', () => {
    fc.assert(
      fc.property(
        zonesArb(),
        cardsArb(),
        fc.array(
          fc.record({
            kind: fc.constantFrom('move', 'add', 'rename', 'whole'),
            k: fc.nat(),
            x: dyadic(-6000, 6000),
            y: dyadic(-6000, 6000),
            w: dyadic(40, 3000),
            h: dyadic(40, 3000),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (z0, spots, steps) => {
          let s: BoardStructure = z0
          let cards = placeCards(z0, spots)
          const before = keys(z0, cards)
          const displaced = new Set<string>()
          steps.forEach((st, n) => {
            const zs = (s as ZoneStructure).zones
            const id = zs[st.k % zs.length]!.id
            const edit: StructureEdit =
              st.kind === 'move'
                ? { type: 'setZoneRect', id, x: st.x, y: st.y, w: st.w, h: st.h }
                : st.kind === 'add'
                  ? {
                      type: 'addZone',
                      zone: { id: `nz${n}`, label: 'New', x: st.x, y: st.y, w: st.w, h: st.h },
                    }
                  : st.kind === 'rename'
                    ? { type: 'rename', id, label: 'Renamed' }
                    : { type: 'moveStructure', dx: st.x, dy: st.y }
            const r = applyStructureEdit(s, cards, edit)
            if (!r.ok) {
              expect(r.message).toMatch(/at most/)
              return
            }
            r.displaced.forEach((d) => displaced.add(d))
            s = r.structure
            cards = applyMoves(cards, r.moves)
          })
          const after = keys(s, cards)
          for (const [id, key] of before) {
            if (displaced.has(id)) expect(after.get(id)).toBe('unplaced')
            else expect(after.get(id)).toBe(key)
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('structure edits (examples)', () => {
  const item = (id: string) => ({ id, label: id, prompt: '', easyRead: '', kinds: [] })
  const g: GridStructure = {
    type: 'grid',
    x: 0,
    y: 0,
    headerHeight: 100,
    laneHeaderWidth: 100,
    stages: [
      { ...item('a'), width: 400 },
      { ...item('b'), width: 400 },
    ],
    lanes: [
      { ...item('x'), height: 300 },
      { ...item('y'), height: 300 },
    ],
  }
  const card = (id: string, cx: number, cy: number): EditCard => ({
    id,
    x: cx - 50,
    y: cy - 40,
    w: 100,
    h: 80,
  })

  it('adding a stage in front shifts the later columns and their cards by its width', () => {
    const cards = [card('in-a', 300, 250), card('in-b', 700, 250), card('holding', 1100, 250)]
    const r = applyStructureEdit(g, cards, {
      type: 'addStage',
      index: 0,
      stage: { id: 'new', label: 'New', width: 250 },
    })
    expect(r.ok && r.moves).toEqual([
      { id: 'in-a', x: 500, y: 210 },
      { id: 'in-b', x: 900, y: 210 },
      { id: 'holding', x: 1300, y: 210 },
    ])
  })

  it('shrinking a stage squeezes its cards in proportion; growing it leaves them where they are', () => {
    const cards = [card('left', 200, 250), card('right', 450, 250)]
    const shrink = applyStructureEdit(g, cards, { type: 'resizeStage', id: 'a', width: 200 })
    expect(shrink.ok && shrink.moves).toEqual([
      { id: 'left', x: 100 + 50 - 50, y: 210 },
      { id: 'right', x: 100 + 175 - 50, y: 210 },
    ])
    const grow = applyStructureEdit(g, cards, { type: 'resizeStage', id: 'a', width: 800 })
    expect(grow.ok && grow.moves).toEqual([])
  })

  it('reordering stages carries their cards along', () => {
    const r = applyStructureEdit(g, [card('in-a', 300, 250)], { type: 'moveStage', id: 'a', toIndex: 1 })
    expect(r.ok && r.structure.type === 'grid' && r.structure.stages.map((s) => s.id)).toEqual(['b', 'a'])
    expect(r.ok && r.moves).toEqual([{ id: 'in-a', x: 650, y: 210 }])
  })

  it('removed lane: its cards go to the holding area right of the grid and of cards already there', () => {
    const cards = [card('in-y', 300, 550), card('also-y', 700, 550), card('parked', 1000, 200)]
    const r = applyStructureEdit(g, cards, { type: 'removeLane', id: 'y' })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.displaced).toEqual(['in-y', 'also-y'])
    // grid right edge 900; the parked card ends at 1050; holding starts 80 further right, level with the top
    expect(r.moves).toEqual([
      { id: 'in-y', x: 1130, y: 0 },
      { id: 'also-y', x: 1130, y: 100 },
    ])
  })

  it('moving the whole grid carries cards on it but not unrelated cards elsewhere', () => {
    const cards = [card('in', 300, 250), card('far', -2000, -2000)]
    const r = applyStructureEdit(g, cards, { type: 'moveStructure', dx: 40, dy: -20 })
    expect(r.ok && r.moves).toEqual([{ id: 'in', x: 290, y: 190 }])
  })

  it('a grid moved over a loose card pushes that card to the holding area instead of capturing it', () => {
    const cards = [card('loose', 1100, 250)]
    const r = applyStructureEdit(g, cards, { type: 'moveStructure', dx: 500, dy: 0 })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const after = attributeCards(r.structure, applyMoves(cards, r.moves))
    expect(after.get('loose')).toEqual({ type: 'unplaced' })
    expect(r.displaced).toEqual([])
  })

  it('refuses bad edits with a message and never throws', () => {
    const bad: unknown[] = [
      { type: 'removeStage', id: 'nope' },
      { type: 'addStage', index: 9, stage: { id: 'q', label: 'Q', width: 100 } },
      { type: 'addStage', index: 0, stage: { id: 'a', label: 'dup', width: 100 } },
      { type: 'addLane', index: 0, lane: { id: 'q', label: 'bell\u0007', height: 100 } },
      { type: 'rename', id: 'a', label: '' },
      { type: 'resizeLane', id: 'x', height: 1e9 },
      { type: 'setZoneRect', id: 'a', x: 0, y: 0, w: 100, h: 100 },
      { type: 'explode' },
      null,
      'removeStage',
    ]
    for (const edit of bad) {
      const r = applyStructureEdit(g, [], edit as StructureEdit)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.message.length).toBeGreaterThan(5)
    }
    const one: GridStructure = { ...g, stages: [g.stages[0]!] }
    expect(applyStructureEdit(one, [], { type: 'removeStage', id: 'a' })).toEqual({
      ok: false,
      message: 'a grid needs at least one stage',
    })
  })

  it('markup in a new label is kept as plain text', () => {
    const r = applyStructureEdit(g, [], { type: 'rename', id: 'a', label: '<script>alert(1)</script>' })
    expect(r.ok && r.structure.type === 'grid' && r.structure.stages[0]!.label).toBe(
      '<script>alert(1)</script>',
    )
  })

  it('zones: a card in a zone moves with it; a removed zone sends its cards right of all zones', () => {
    const zs: ZoneStructure = {
      type: 'zones',
      zones: [
        { ...item('p'), x: 0, y: 0, w: 400, h: 400 },
        { ...item('q'), x: 500, y: 0, w: 400, h: 400 },
      ],
    }
    const cards = [card('in-p', 100, 100), card('in-q', 600, 100)]
    const moved = applyStructureEdit(zs, cards, {
      type: 'setZoneRect',
      id: 'p',
      x: 0,
      y: 1000,
      w: 400,
      h: 400,
    })
    expect(moved.ok && moved.moves).toEqual([{ id: 'in-p', x: 50, y: 1060 }])
    const removed = applyStructureEdit(zs, cards, { type: 'removeZone', id: 'q' })
    expect(removed.ok && removed.displaced).toEqual(['in-q'])
    expect(removed.ok && removed.moves[0]!.x).toBeGreaterThanOrEqual(400 + 80)
  })

  it('a cell rectangle stays consistent after edits (sanity for the examples above)', () => {
    expect(gridCellRect(g, 'b', 'y')).toEqual({ x: 500, y: 400, w: 400, h: 300 })
  })
})
