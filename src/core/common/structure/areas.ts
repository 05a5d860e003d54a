import type { BoardStructure } from '../../../shared/model/structure'
import { gridLaneEdges, gridStageEdges } from './attribution'
import { gridCellLabel } from './cellLabel'

/** Spotlight-able areas of a structure: whole stages (with header), lanes (with header), cells, zones. */
/** How an area is named ("Stage: Arriving"); the renderer passes the reader's words (t). */
export interface AreaWords {
  zone(label: string): string
  stage(label: string): string
  lane(label: string): string
  cell(label: string): string
}
const ENGLISH: AreaWords = {
  zone: (l) => `Zone: ${l}`,
  stage: (l) => `Stage: ${l}`,
  lane: (l) => `Lane: ${l}`,
  cell: (l) => `Cell: ${l}`,
}

export function structureAreas(
  structure: BoardStructure | null,
  words: AreaWords = ENGLISH,
): Array<{ key: string; label: string; rect: { x: number; y: number; w: number; h: number } }> {
  if (!structure) return []
  if (structure.type === 'zones')
    return structure.zones.map((z) => ({
      key: `zone:${z.id}`,
      label: words.zone(z.label),
      rect: { x: z.x, y: z.y, w: z.w, h: z.h },
    }))
  const xs = gridStageEdges(structure)
  const ys = gridLaneEdges(structure)
  const totalH = ys[ys.length - 1]! - structure.y
  const totalW = xs[xs.length - 1]! - structure.x
  return [
    ...structure.stages.map((s, i) => ({
      key: `stage:${s.id}`,
      label: words.stage(s.label),
      rect: { x: xs[i]!, y: structure.y, w: s.width, h: totalH },
    })),
    ...structure.lanes.map((l, i) => ({
      key: `lane:${l.id}`,
      label: words.lane(l.label),
      rect: { x: structure.x, y: ys[i]!, w: totalW, h: l.height },
    })),
    // single cells too, while the list stays short enough to choose from
    ...(structure.stages.length * structure.lanes.length <= 60
      ? structure.lanes.flatMap((l, li) =>
          structure.stages.map((s, si) => ({
            key: `cell:${s.id}:${l.id}`,
            label: words.cell(gridCellLabel(s.label, l.label)),
            rect: { x: xs[si]!, y: ys[li]!, w: s.width, h: l.height },
          })),
        )
      : []),
  ]
}
