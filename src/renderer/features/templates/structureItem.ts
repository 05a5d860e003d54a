import type { StructureItem } from '../../../shared/model/structure'

/** What the structure editor's rows and forms work on: a stage, a lane or a zone, and its form values. */

export type Kind = 'stage' | 'lane' | 'zone'

export interface ItemValues {
  label: string
  prompt: string
  easyRead: string
  /** Width (stages, zones) and height (lanes, zones) in board units, when the form edits sizes. */
  w?: number
  h?: number
  /** Zones: top-left corner on the board. */
  x?: number
  y?: number
}

export type SizedItem = StructureItem & {
  width?: number
  height?: number
  x?: number
  y?: number
  w?: number
  h?: number
}

export function sizeOf(kind: Kind, item: SizedItem): { w?: number; h?: number; x?: number; y?: number } {
  if (kind === 'stage') return { w: item.width }
  if (kind === 'lane') return { h: item.height }
  return { w: item.w, h: item.h, x: item.x, y: item.y }
}
