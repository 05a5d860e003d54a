import { describe, expect, it } from 'vitest'
import type { CardRecord } from '../../../src/core/common/cards/cardRecord'
import type { GridStructure, ZoneStructure } from '../../../src/shared/model/structure'
import { buildOutline, cellChoices, parseCellKey } from '../../../src/renderer/features/outline/outlineModel'
import { cellName as describeCellRef } from '../../../src/core/common/structure/cellLabel'
import { cellKey } from '../../../src/core/common/structure/attribution'

const item = (id: string, label: string) => ({
  id,
  label,
  prompt: `Standard prompt for ${label}`,
  easyRead: `Easy ${label}`,
  kinds: [],
})

const grid: GridStructure = {
  type: 'grid',
  x: 0,
  y: 0,
  headerHeight: 100,
  laneHeaderWidth: 200,
  stages: [
    { ...item('arrive', 'Arriving'), width: 400 },
    { ...item('help', 'Getting help'), width: 400 },
  ],
  lanes: [
    { ...item('feel', 'How it feels'), height: 300 },
    { ...item('hard', 'What is hard'), height: 300 },
  ],
}

let n = 0
function card(x: number, y: number, text: string, extra: Partial<CardRecord['props']> = {}): CardRecord {
  return {
    id: `shape:c${n++}`,
    typeName: 'shape',
    type: 'card',
    x,
    y,
    rotation: 0,
    parentId: 'page:page',
    isLocked: false,
    meta: {},
    props: {
      w: 200,
      h: 140,
      kind: 'pain',
      text,
      authorId: 'someone',
      authorRole: 'service-user',
      authorName: '',
      createdAt: 1,
      owner: '',
      due: '',
      ...extra,
    },
  }
}

describe('outline model', () => {
  it('puts each card in the cell its centre is in, in reading order, and the rest in "not in a cell"', () => {
    const cards = [
      card(650, 450, 'second in help × hard'), // centre (750, 520): help × hard
      card(620, 420, 'first in help × hard'),
      card(250, 150, 'arrive × feel', { authorName: 'Sam', authorId: 'me', authorRole: 'frontline-staff' }),
      card(-500, -500, 'far away'),
    ]
    const m = buildOutline(grid, cards, { easyRead: false, meId: 'me' })
    if (m.type !== 'grid') throw new Error('expected a grid')
    expect(m.total).toBe(4)
    expect(m.stages.map((s) => s.label)).toEqual(['Arriving', 'Getting help'])
    expect(m.lanes.map((l) => l.prompt)).toEqual([
      'Standard prompt for How it feels',
      'Standard prompt for What is hard',
    ])
    expect(m.cells[1]![1]!.cards.map((c) => c.text)).toEqual([
      'first in help × hard',
      'second in help × hard',
    ])
    expect(m.cells[1]![1]!.label).toBe('Getting help · What is hard')
    const mine = m.cells[0]![0]!.cards[0]!
    expect(mine).toMatchObject({ author: 'Sam', roleLabel: 'Staff', mine: true, kindLabel: 'Pain' })
    expect(m.cells[1]![1]!.cards[0]!.author).toBe('Anonymous')
    expect(m.cells[0]![1]!.cards).toEqual([])
    expect(m.unplaced.cards.map((c) => c.text)).toEqual(['far away'])
  })

  it('shows the easy-read prompt when asked, and the standard one when there is no easy-read text', () => {
    const g = { ...grid, stages: [{ ...grid.stages[0]!, easyRead: '' }, grid.stages[1]!] }
    const m = buildOutline(g, [], { easyRead: true, meId: 'me' })
    if (m.type !== 'grid') throw new Error('expected a grid')
    expect(m.stages.map((s) => s.prompt)).toEqual(['Standard prompt for Arriving', 'Easy Getting help'])
    expect(m.lanes[0]!.prompt).toBe('Easy How it feels')
  })

  it('lists zones, the topmost zone winning where they overlap', () => {
    const z: ZoneStructure = {
      type: 'zones',
      zones: [
        { ...item('a', 'Now'), x: 0, y: 0, w: 1000, h: 1000 },
        { ...item('b', 'Next'), x: 500, y: 500, w: 500, h: 500 },
      ],
    }
    const m = buildOutline(z, [card(100, 100, 'in a'), card(600, 600, 'in b')], { easyRead: false, meId: '' })
    if (m.type !== 'zones') throw new Error('expected zones')
    expect(m.zones.map((x) => [x.label, x.cell.cards.map((c) => c.text)])).toEqual([
      ['Now', ['in a']],
      ['Next', ['in b']],
    ])
  })

  it('without a structure, every card is listed', () => {
    const m = buildOutline(null, [card(0, 0, 'x')], { easyRead: false, meId: '' })
    expect(m.type).toBe('none')
    expect(m.unplaced.cards).toHaveLength(1)
  })

  it('offers every cell as a move target, and cell keys round-trip', () => {
    const choices = cellChoices(grid)
    expect(choices).toHaveLength(5)
    expect(choices.at(-1)!.key).toBe('unplaced')
    for (const c of choices) {
      expect(parseCellKey(c.key)).toEqual(c.ref)
      expect(cellKey(c.ref)).toBe(c.key)
      expect(describeCellRef(grid, c.ref)).toBe(c.label)
    }
    expect(parseCellKey('cell:broken')).toEqual({ type: 'unplaced' })
    expect(parseCellKey('zone:')).toEqual({ type: 'unplaced' })
  })
})
