import { z } from 'zod'
import { CardKind } from './cardKinds'

/** Limits shared by templates and the live board structure. */
export const STRUCTURE_LIMITS = {
  maxStages: 50,
  maxLanes: 50,
  maxZones: 50,
  labelMax: 120,
  promptMax: 600,
  idMax: 64,
} as const

export const StableId = z
  .string()
  .min(1)
  .max(STRUCTURE_LIMITS.idMax)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes')

const Label = z.string().min(1).max(STRUCTURE_LIMITS.labelMax)
const Prompt = z.string().max(STRUCTURE_LIMITS.promptMax)
/** A stage width, lane height or zone side, in canvas units (templates and structure edits use it too). */
export const StructureSize = z.number().finite().min(40).max(20000)
/** A position on the canvas. */
export const StructureCoord = z.number().finite().min(-1e6).max(1e6)

/** One stage (column), lane (row) or zone, with the prompt people see. */
export const StructureItem = z.object({
  id: StableId,
  label: Label,
  prompt: Prompt,
  /** Easy-read version of the prompt: short sentences, common words. */
  easyRead: Prompt,
  kinds: z.array(CardKind).max(7),
  /**
   * The kind the card composer starts with for a card here (a lane's wins over a stage's in a grid
   * cell; see structure/suggestedKind.ts). Optional: structures made before it existed have none.
   */
  suggestedKind: CardKind.optional(),
})
export type StructureItem = z.infer<typeof StructureItem>

export const GridStage = StructureItem.extend({ width: StructureSize })
export const GridLane = StructureItem.extend({ height: StructureSize })
export type GridStage = z.infer<typeof GridStage>
export type GridLane = z.infer<typeof GridLane>

/** Stages × lanes laid out from (x, y); stage headers on top, lane headers on the left. */
export const GridStructure = z.object({
  type: z.literal('grid'),
  x: StructureCoord,
  y: StructureCoord,
  headerHeight: StructureSize,
  laneHeaderWidth: StructureSize,
  stages: z.array(GridStage).min(1).max(STRUCTURE_LIMITS.maxStages),
  lanes: z.array(GridLane).min(1).max(STRUCTURE_LIMITS.maxLanes),
})
export type GridStructure = z.infer<typeof GridStructure>

export const Zone = StructureItem.extend({
  x: StructureCoord,
  y: StructureCoord,
  w: StructureSize,
  h: StructureSize,
})
export type Zone = z.infer<typeof Zone>

/** Free zones (frames) anywhere on the board; a card in overlapping zones belongs to the topmost (last). */
export const ZoneStructure = z.object({
  type: z.literal('zones'),
  zones: z.array(Zone).min(1).max(STRUCTURE_LIMITS.maxZones),
})
export type ZoneStructure = z.infer<typeof ZoneStructure>

export const BoardStructure = z.discriminatedUnion('type', [GridStructure, ZoneStructure])
export type BoardStructure = z.infer<typeof BoardStructure>

/** Where a card belongs. */
export type CellRef =
  | { readonly type: 'cell'; readonly stageId: string; readonly laneId: string }
  | { readonly type: 'zone'; readonly zoneId: string }
  | { readonly type: 'unplaced' }
