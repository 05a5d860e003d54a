import type { CardKind } from '../../../shared/model/cardKinds'
import type { BoardStructure, CellRef, StructureItem } from '../../../shared/model/structure'
import { cellKey, createAttributor } from '../../../core/common/structure/attribution'
import { cardBounds, type CardRecord } from '../../../core/common/cards/cardRecord'
import { gridCellLabel, zoneLabel } from '../../../core/common/structure/cellLabel'
import { uiT } from '../../device/i18n/uiT'

/**
 * The outline of a board: its structure as headings and cells, with the cards attributed to each cell
 * by the same rule as the canvas and the exports (attributeCard). Pure, so it is unit-tested.
 */
export interface OutlineCard {
  readonly id: string
  readonly kind: CardKind
  readonly kindLabel: string
  readonly text: string
  /** The author's name, or "Anonymous". */
  readonly author: string
  readonly roleLabel: string
  readonly mine: boolean
  readonly owner: string
  readonly due: string
  /** Photo cards only: the image's asset id (the text is its caption). */
  readonly photoId?: string
}

export interface OutlineHeading {
  readonly id: string
  readonly label: string
  /** The prompt: its easy-read version when asked for (and present). */
  readonly prompt: string
}

export interface OutlineCell {
  readonly key: string
  readonly ref: CellRef
  /** "Stage 'Arriving' / Lane 'What is hard'", "Zone 'Ideas'" or "Not in a cell". */
  readonly label: string
  readonly cards: OutlineCard[]
}

export type OutlineModel =
  | {
      readonly type: 'grid'
      readonly stages: OutlineHeading[]
      readonly lanes: OutlineHeading[]
      /** cells[laneIndex][stageIndex] */
      readonly cells: OutlineCell[][]
      readonly unplaced: OutlineCell
      readonly total: number
    }
  | {
      readonly type: 'zones'
      readonly zones: (OutlineHeading & { cell: OutlineCell })[]
      readonly unplaced: OutlineCell
      readonly total: number
    }
  | { readonly type: 'none'; readonly unplaced: OutlineCell; readonly total: number }

const heading = (item: StructureItem, easyRead: boolean): OutlineHeading => ({
  id: item.id,
  label: item.label,
  prompt: easyRead && item.easyRead.trim() !== '' ? item.easyRead : item.prompt,
})

export function toOutlineCard(c: CardRecord, meId: string): OutlineCard {
  const p = c.props
  return {
    id: c.id,
    kind: p.kind,
    kindLabel: uiT(`kinds.${p.kind}.label`),
    text: p.text,
    author: p.authorName.trim() !== '' ? p.authorName : uiT('board.card.anonymous'),
    roleLabel: uiT(`roles.${p.authorRole}.short`),
    mine: p.authorId === meId,
    owner: p.owner,
    due: p.due,
    ...(p.photo ? { photoId: p.photo.assetId } : {}),
  }
}

/** Every place a card can be moved to, in outline order (unplaced last). */
export function cellChoices(
  structure: BoardStructure | null,
): { key: string; ref: CellRef; label: string }[] {
  const out: { key: string; ref: CellRef; label: string }[] = []
  if (structure?.type === 'grid') {
    for (const s of structure.stages)
      for (const l of structure.lanes) {
        const ref: CellRef = { type: 'cell', stageId: s.id, laneId: l.id }
        out.push({ key: cellKey(ref), ref, label: gridCellLabel(s.label, l.label) })
      }
  } else if (structure?.type === 'zones') {
    for (const z of structure.zones) {
      const ref: CellRef = { type: 'zone', zoneId: z.id }
      out.push({ key: cellKey(ref), ref, label: zoneLabel(z.label) })
    }
  }
  out.push({ key: 'unplaced', ref: { type: 'unplaced' }, label: uiT('outline.unplaced') })
  return out
}

/** The reverse of cellKey. */
export function parseCellKey(key: string): CellRef {
  if (key.startsWith('cell:')) {
    const [stageId, laneId] = key.slice(5).split('/')
    if (stageId && laneId) return { type: 'cell', stageId, laneId }
  }
  if (key.startsWith('zone:') && key.length > 5) return { type: 'zone', zoneId: key.slice(5) }
  return { type: 'unplaced' }
}

export function buildOutline(
  structure: BoardStructure | null,
  cards: readonly CardRecord[],
  opts: { easyRead: boolean; meId: string },
): OutlineModel {
  const attribute = createAttributor(structure)
  // reading order inside a cell: top to bottom, then left to right
  const sorted = [...cards].sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1))
  const byCell = new Map<string, OutlineCard[]>()
  for (const c of sorted) {
    const key = cellKey(attribute(cardBounds(c)))
    const list = byCell.get(key)
    const card = toOutlineCard(c, opts.meId)
    if (list) list.push(card)
    else byCell.set(key, [card])
  }
  const cell = (ref: CellRef, label: string): OutlineCell => {
    const key = cellKey(ref)
    return { key, ref, label, cards: byCell.get(key) ?? [] }
  }
  const unplaced = cell({ type: 'unplaced' }, uiT('outline.unplaced'))
  const total = cards.length
  if (structure?.type === 'grid') {
    return {
      type: 'grid',
      stages: structure.stages.map((s) => heading(s, opts.easyRead)),
      lanes: structure.lanes.map((l) => heading(l, opts.easyRead)),
      cells: structure.lanes.map((l) =>
        structure.stages.map((s) =>
          cell({ type: 'cell', stageId: s.id, laneId: l.id }, gridCellLabel(s.label, l.label)),
        ),
      ),
      unplaced,
      total,
    }
  }
  if (structure?.type === 'zones') {
    return {
      type: 'zones',
      zones: structure.zones.map((z) => ({
        ...heading(z, opts.easyRead),
        cell: cell({ type: 'zone', zoneId: z.id }, zoneLabel(z.label)),
      })),
      unplaced,
      total,
    }
  }
  return { type: 'none', unplaced, total }
}
