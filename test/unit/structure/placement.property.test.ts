import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attributeCard, cellRect, sameCell } from '../../../src/core/common/structure/attribution'
import type { CellRef } from '../../../src/shared/model/structure'
import { findFreeSpot, type Box } from '../../../src/core/common/structure/placement'
import { cardSizeArb, gridArb, zonesArb } from './structureArbitraries'

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

describe('findFreeSpot (moving a card into a cell from the outline)', () => {
  it('puts the card where attribution says it is in the target grid cell', () => {
    fc.assert(
      fc.property(gridArb(), cardSizeArb, fc.nat(), fc.nat(), (g, size, si, li) => {
        const stage = g.stages[si % g.stages.length]!
        const lane = g.lanes[li % g.lanes.length]!
        const ref: CellRef = { type: 'cell', stageId: stage.id, laneId: lane.id }
        const rect = cellRect(g, ref)!
        const accept = (at: { x: number; y: number }) => sameCell(attributeCard(g, { ...at, ...size }), ref)
        const at = findFreeSpot(rect, size, [], accept)
        expect(attributeCard(g, { ...at, ...size })).toEqual(ref)
      }),
    )
  })

  it('puts the card in the target zone, even under overlapping later zones', () => {
    fc.assert(
      fc.property(zonesArb(), cardSizeArb, fc.nat(), (z, size, zi) => {
        const zone = z.zones[zi % z.zones.length]!
        const ref: CellRef = { type: 'zone', zoneId: zone.id }
        const accept = (at: { x: number; y: number }) => sameCell(attributeCard(z, { ...at, ...size }), ref)
        const at = findFreeSpot(zone, size, [], accept)
        const got = attributeCard(z, { ...at, ...size })
        // a zone entirely covered by later zones has no spot of its own; otherwise we must land in it
        if (!sameCell(got, ref)) {
          const centre = { x: zone.x + zone.w / 2, y: zone.y + zone.h / 2 }
          expect(sameCell(attributeCard(z, { ...centre, w: 0, h: 0 }), ref)).toBe(false)
        }
      }),
    )
  })

  it('never covers a card already in the cell while there is room', () => {
    const region = { x: 0, y: 0, w: 1000, h: 600 }
    const size = { w: 200, h: 140 }
    const placed: Box[] = []
    // 4 columns × 3 rows fit with 16 px gaps; each new card takes a free slot
    for (let i = 0; i < 12; i++) {
      const at = findFreeSpot(region, size, placed)
      const box = { ...at, ...size }
      expect(placed.some((p) => overlaps(p, box))).toBe(false)
      expect(box.x >= region.x && box.x + box.w <= region.x + region.w).toBe(true)
      expect(box.y >= region.y && box.y + box.h <= region.y + region.h).toBe(true)
      placed.push(box)
    }
    // full: the next one cascades from the centre but still lands in the region
    const at = findFreeSpot(region, size, placed)
    expect(at.x + size.w / 2).toBeLessThan(region.x + region.w)
    expect(at.y + size.h / 2).toBeLessThan(region.y + region.h)
  })

  it('a cell smaller than the card still gets the card centred in it', () => {
    const at = findFreeSpot({ x: 100, y: 100, w: 50, h: 50 }, { w: 200, h: 140 }, [])
    expect(at.x + 100).toBe(125)
    expect(at.y + 70).toBe(125)
  })
})
