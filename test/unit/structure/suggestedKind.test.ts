import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { suggestedKindFor } from '../../../src/core/common/structure/suggestedKind'
import { parseTemplate } from '../../../src/core/common/templates/parse'
import { instantiateStructure } from '../../../src/core/common/templates/instantiate'
import type { BoardStructure, CellRef } from '../../../src/shared/model/structure'

const dir = join(__dirname, '../../../workshop-templates')

const item = (id: string, suggestedKind?: 'pain' | 'gain' | 'question') => ({
  id,
  label: id,
  prompt: '',
  easyRead: '',
  kinds: [],
  ...(suggestedKind ? { suggestedKind } : {}),
})

describe('suggestedKindFor', () => {
  const grid: BoardStructure = {
    type: 'grid',
    x: 0,
    y: 0,
    headerHeight: 100,
    laneHeaderWidth: 100,
    stages: [
      { ...item('s1', 'question'), width: 400 },
      { ...item('s2'), width: 400 },
    ],
    lanes: [
      { ...item('hard', 'pain'), height: 300 },
      { ...item('plain'), height: 300 },
    ],
  }
  it("takes the lane's kind, else the stage's, else none", () => {
    const cell = (stageId: string, laneId: string): CellRef => ({ type: 'cell', stageId, laneId })
    expect(suggestedKindFor(grid, cell('s1', 'hard'))).toBe('pain')
    expect(suggestedKindFor(grid, cell('s1', 'plain'))).toBe('question')
    expect(suggestedKindFor(grid, cell('s2', 'plain'))).toBeNull()
    expect(suggestedKindFor(grid, cell('gone', 'hard'))).toBeNull()
    expect(suggestedKindFor(grid, { type: 'unplaced' })).toBeNull()
    expect(suggestedKindFor(null, cell('s1', 'hard'))).toBeNull()
  })
  it("takes a zone's kind", () => {
    const zones: BoardStructure = {
      type: 'zones',
      zones: [{ ...item('z', 'gain'), x: 0, y: 0, w: 100, h: 100 }],
    }
    expect(suggestedKindFor(zones, { type: 'zone', zoneId: 'z' })).toBe('gain')
  })
})

describe('shipped templates', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'))
  it('there are 11', () => expect(files).toHaveLength(11))
  it.each(files)('%s suggests a kind for every cell or zone, one the item expects', (f) => {
    const parsed = parseTemplate(readFileSync(join(dir, f), 'utf8'))
    if (!parsed.ok) throw new Error(JSON.stringify(parsed))
    const s = instantiateStructure(parsed.template.structure, { x: 0, y: 0 })
    const cells: CellRef[] =
      s.type === 'grid'
        ? s.stages.flatMap((st) =>
            s.lanes.map((l) => ({ type: 'cell' as const, stageId: st.id, laneId: l.id })),
          )
        : s.zones.map((z) => ({ type: 'zone' as const, zoneId: z.id }))
    for (const c of cells) expect(suggestedKindFor(s, c), JSON.stringify(c)).not.toBeNull()
    const items = s.type === 'grid' ? [...s.stages, ...s.lanes] : s.zones
    for (const i of items) if (i.suggestedKind && i.kinds.length) expect(i.kinds).toContain(i.suggestedKind)
  })
})
