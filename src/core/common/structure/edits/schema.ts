import { z } from 'zod'
import { CardKind } from '../../../../shared/model/cardKinds'
import { StableId, STRUCTURE_LIMITS, StructureCoord, StructureSize } from '../../../../shared/model/structure'
import type { BoardStructure } from '../../../../shared/model/structure'
import { multiLine, singleLine } from '../../text/fields'
import type { CardMove } from './holding'

/** The structure edits a facilitator can make during a workshop, validated at the boundary. */
const Label = singleLine(STRUCTURE_LIMITS.labelMax)
const Prompt = multiLine(STRUCTURE_LIMITS.promptMax)
const Size = StructureSize
const Coord = StructureCoord
const Index = z.number().int().min(0).max(1000)

const NewItem = z.object({
  id: StableId,
  label: Label,
  prompt: Prompt.default(''),
  easyRead: Prompt.default(''),
  kinds: z.array(CardKind).max(7).default([]),
})

export const StructureEdit = z.discriminatedUnion('type', [
  z.object({ type: z.literal('addStage'), index: Index, stage: NewItem.extend({ width: Size }) }),
  z.object({ type: z.literal('addLane'), index: Index, lane: NewItem.extend({ height: Size }) }),
  z.object({ type: z.literal('addZone'), zone: NewItem.extend({ x: Coord, y: Coord, w: Size, h: Size }) }),
  z.object({ type: z.literal('rename'), id: StableId, label: Label }),
  z.object({
    type: z.literal('editText'),
    id: StableId,
    prompt: Prompt.optional(),
    easyRead: Prompt.optional(),
    kinds: z.array(CardKind).max(7).optional(),
  }),
  z.object({ type: z.literal('moveStage'), id: StableId, toIndex: Index }),
  z.object({ type: z.literal('moveLane'), id: StableId, toIndex: Index }),
  z.object({ type: z.literal('removeStage'), id: StableId }),
  z.object({ type: z.literal('removeLane'), id: StableId }),
  z.object({ type: z.literal('removeZone'), id: StableId }),
  z.object({ type: z.literal('resizeStage'), id: StableId, width: Size }),
  z.object({ type: z.literal('resizeLane'), id: StableId, height: Size }),
  z.object({
    type: z.literal('resizeHeaders'),
    headerHeight: Size.optional(),
    laneHeaderWidth: Size.optional(),
  }),
  z.object({ type: z.literal('setZoneRect'), id: StableId, x: Coord, y: Coord, w: Size, h: Size }),
  z.object({ type: z.literal('moveStructure'), dx: z.number().finite(), dy: z.number().finite() }),
])
export type StructureEdit = z.input<typeof StructureEdit>
export type ParsedEdit = z.infer<typeof StructureEdit>

export type StructureEditResult =
  | {
      readonly ok: true
      readonly structure: BoardStructure
      /** New top-left positions for the cards that must move (cards not listed stay where they are). */
      readonly moves: CardMove[]
      /** Cards that became unplaced (their stage, lane or zone was removed, or no free spot was left). */
      readonly displaced: string[]
    }
  | { readonly ok: false; readonly message: string }
