import type { BoardStructure } from '../../../shared/model/structure'
import {
  gridLaneEdges,
  gridStageEdges,
  structureBounds,
  type Rect,
} from '../../../core/common/structure/attribution'
import { uiT } from '../../device/i18n/uiT'

/** A part of the board to export as an image: a stage column, a lane row, or a zone. */
export interface ExportFrame {
  readonly type: 'stage' | 'lane' | 'zone'
  readonly id: string
}

export interface FrameChoice {
  readonly frame: ExportFrame
  /** What the person sees in the chooser, e.g. "Stage: Arriving". */
  readonly label: string
}

/** The parts of this structure that can be exported on their own, in board order. */
export function frameChoices(structure: BoardStructure | null): FrameChoice[] {
  if (!structure) return []
  if (structure.type === 'zones')
    return structure.zones.map((z) => ({
      frame: { type: 'zone', id: z.id },
      label: uiT('board.frame.zone', { name: z.label }),
    }))
  return [
    ...structure.stages.map<FrameChoice>((s) => ({
      frame: { type: 'stage', id: s.id },
      label: uiT('board.frame.stage', { name: s.label }),
    })),
    ...structure.lanes.map<FrameChoice>((l) => ({
      frame: { type: 'lane', id: l.id },
      label: uiT('board.frame.lane', { name: l.label }),
    })),
  ]
}

/**
 * The page rectangle of a frame: a stage column with its header and every lane, a lane row with its
 * header and every stage, or a zone. Null when the structure no longer has it.
 */
export function frameRect(structure: BoardStructure | null, frame: ExportFrame): Rect | null {
  if (!structure) return null
  if (structure.type === 'zones') {
    if (frame.type !== 'zone') return null
    const z = structure.zones.find((zone) => zone.id === frame.id)
    return z ? { x: z.x, y: z.y, w: z.w, h: z.h } : null
  }
  const all = structureBounds(structure)
  if (frame.type === 'stage') {
    const i = structure.stages.findIndex((s) => s.id === frame.id)
    if (i < 0) return null
    return { x: gridStageEdges(structure)[i]!, y: all.y, w: structure.stages[i]!.width, h: all.h }
  }
  if (frame.type === 'lane') {
    const j = structure.lanes.findIndex((l) => l.id === frame.id)
    if (j < 0) return null
    return { x: all.x, y: gridLaneEdges(structure)[j]!, w: all.w, h: structure.lanes[j]!.height }
  }
  return null
}

/** The file-name part for a frame: "stage-arriving", or "board" for the whole board. */
export function frameSlug(frame: ExportFrame | null): string {
  return frame ? `${frame.type}-${frame.id}` : 'board'
}
