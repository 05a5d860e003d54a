import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attributeCard, structureBounds } from '../../../src/core/common/structure/attribution'
import { parseTemplate, structureLayout, templatePreview } from '../../../src/core/common/templates'
import { gridArb, zonesArb } from '../structure/structureArbitraries'

describe('structure layout and template previews', () => {
  it('grid layout: one box per header and per cell, tiling the structure bounds without overlap', () => {
    fc.assert(
      fc.property(gridArb({ maxStages: 8, maxLanes: 8 }), (g) => {
        const boxes = structureLayout(g)
        expect(boxes.filter((b) => b.role === 'stage-header')).toHaveLength(g.stages.length)
        expect(boxes.filter((b) => b.role === 'lane-header')).toHaveLength(g.lanes.length)
        expect(boxes.filter((b) => b.role === 'cell')).toHaveLength(g.stages.length * g.lanes.length)
        const area = boxes.reduce((a, b) => a + b.w * b.h, 0)
        const bounds = structureBounds(g)
        expect(area).toBeCloseTo(bounds.w * bounds.h, 0)
        // every cell box attributes its own centre to itself (same edges as attribution)
        for (const b of boxes.filter((x) => x.role === 'cell')) {
          const ref = attributeCard(g, { x: b.x + b.w / 2, y: b.y + b.h / 2, w: 0, h: 0 })
          expect(ref.type === 'cell' && `${ref.stageId}/${ref.laneId}`).toBe(b.id)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('zone layout: one box per zone, in drawing order', () => {
    fc.assert(
      fc.property(zonesArb(), (z) => {
        expect(structureLayout(z).map((b) => b.id)).toEqual(z.zones.map((x) => x.id))
      }),
      { numRuns: 50 },
    )
  })

  it('a template preview covers the laid-out structure', () => {
    const r = parseTemplate(
      readFileSync(join(__dirname, '../../../workshop-templates/service-journey-map.json'), 'utf8'),
    )
    if (!r.ok) throw new Error('service-journey-map')
    const p = templatePreview(r.template)
    expect(p.bounds).toEqual({ x: 0, y: 0, w: 300 + 5 * 480, h: 180 + 6 * 340 })
    expect(p.boxes.find((b) => b.role === 'stage-header')!.label).toBe('Finding out')
  })
})
