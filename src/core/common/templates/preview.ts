import { gridLaneEdges, gridStageEdges, type Rect } from '../structure/attribution'
import type { BoardStructure } from '../../../shared/model/structure'
import { instantiateTemplate } from './instantiate'
import type { Template } from './schema'

export interface LayoutBox extends Rect {
  readonly role: 'corner' | 'stage-header' | 'lane-header' | 'cell' | 'zone'
  /** Stage, lane or zone id (cells: `${stageId}/${laneId}`; the corner: ''). */
  readonly id: string
  readonly label: string
}

/**
 * The rectangles that draw a structure: the empty corner, stage headers along the top, lane headers
 * down the left, one box per cell, or one box per zone (in drawing order: later zones on top).
 * The canvas frames and the gallery thumbnails both draw from this, with the same edges as attribution.
 */
export function structureLayout(structure: BoardStructure): LayoutBox[] {
  if (structure.type === 'zones')
    return structure.zones.map((z) => ({
      role: 'zone',
      id: z.id,
      label: z.label,
      x: z.x,
      y: z.y,
      w: z.w,
      h: z.h,
    }))
  const xs = gridStageEdges(structure)
  const ys = gridLaneEdges(structure)
  const boxes: LayoutBox[] = [
    {
      role: 'corner',
      id: '',
      label: '',
      x: structure.x,
      y: structure.y,
      w: structure.laneHeaderWidth,
      h: structure.headerHeight,
    },
  ]
  structure.stages.forEach((s, i) =>
    boxes.push({
      role: 'stage-header',
      id: s.id,
      label: s.label,
      x: xs[i]!,
      y: structure.y,
      w: s.width,
      h: structure.headerHeight,
    }),
  )
  structure.lanes.forEach((l, j) =>
    boxes.push({
      role: 'lane-header',
      id: l.id,
      label: l.label,
      x: structure.x,
      y: ys[j]!,
      w: structure.laneHeaderWidth,
      h: l.height,
    }),
  )
  structure.stages.forEach((s, i) =>
    structure.lanes.forEach((l, j) =>
      boxes.push({
        role: 'cell',
        id: `${s.id}/${l.id}`,
        label: '',
        x: xs[i]!,
        y: ys[j]!,
        w: s.width,
        h: l.height,
      }),
    ),
  )
  return boxes
}

export interface TemplatePreview {
  /** The area to show: `viewBox` of an SVG thumbnail. */
  readonly bounds: Rect
  readonly boxes: LayoutBox[]
}

/** What a gallery thumbnail draws for a template (laid out at 0, 0 with default sizes). */
export function templatePreview(template: Template): TemplatePreview {
  const boxes = structureLayout(instantiateTemplate(template).structure)
  const x = Math.min(...boxes.map((b) => b.x))
  const y = Math.min(...boxes.map((b) => b.y))
  const w = Math.max(...boxes.map((b) => b.x + b.w)) - x
  const h = Math.max(...boxes.map((b) => b.y + b.h)) - y
  return { bounds: { x, y, w, h }, boxes }
}
