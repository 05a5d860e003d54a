import fc from 'fast-check'
import type { GridStructure, ZoneStructure } from '../../../src/shared/model/structure'

/** Numbers in steps of 1/8: sums and differences of these are exact in floating point. */
export const dyadic = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: Math.ceil(min * 8), max: Math.floor(max * 8) }).map((n) => n / 8)

const item = (id: string) => ({ id, label: id.toUpperCase(), prompt: '', easyRead: '', kinds: [] })

export interface GridShapeOptions {
  readonly maxStages?: number
  readonly maxLanes?: number
  /** Use arbitrary doubles instead of exact 1/8 steps. */
  readonly anyDoubles?: boolean
}

export function gridArb(opts: GridShapeOptions = {}): fc.Arbitrary<GridStructure> {
  const size = opts.anyDoubles
    ? fc.double({ min: 40, max: 2000, noNaN: true, noDefaultInfinity: true })
    : dyadic(40, 2000)
  const coord = opts.anyDoubles
    ? fc.double({ min: -100_000, max: 100_000, noNaN: true, noDefaultInfinity: true })
    : dyadic(-100_000, 100_000)
  return fc
    .record({
      x: coord,
      y: coord,
      headerHeight: size,
      laneHeaderWidth: size,
      widths: fc.array(size, { minLength: 1, maxLength: opts.maxStages ?? 50 }),
      heights: fc.array(size, { minLength: 1, maxLength: opts.maxLanes ?? 50 }),
    })
    .map(({ x, y, headerHeight, laneHeaderWidth, widths, heights }) => ({
      type: 'grid' as const,
      x,
      y,
      headerHeight,
      laneHeaderWidth,
      stages: widths.map((width, i) => ({ ...item(`s${i}`), width })),
      lanes: heights.map((height, i) => ({ ...item(`l${i}`), height })),
    }))
}

export function zonesArb(): fc.Arbitrary<ZoneStructure> {
  return fc
    .array(
      fc.record({ x: dyadic(-5000, 5000), y: dyadic(-5000, 5000), w: dyadic(40, 3000), h: dyadic(40, 3000) }),
      {
        minLength: 1,
        maxLength: 50,
      },
    )
    .map((rects) => ({ type: 'zones' as const, zones: rects.map((r, i) => ({ ...item(`z${i}`), ...r })) }))
}

export const cardSizeArb = fc.record({ w: dyadic(20, 600), h: dyadic(20, 600) })

/** A fraction from min to max, spread evenly (fast-check's doubles cluster at the ends). */
export const frac = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: Math.round(min * 10_000), max: Math.round(max * 10_000) }).map((n) => n / 10_000)
