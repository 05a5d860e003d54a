import type * as Y from 'yjs'
import { generateJitteredKeyBetween } from 'fractional-indexing-jittered'
import type { CellRef } from '../../../shared/model/structure'
import {
  CARD_DEFAULT_SIZE,
  CARD_SHAPE_TYPE,
  newCardProps,
  type CardAuthor,
  type CardKind,
} from '../../../core/common/cards/card'
import type { CardPhoto } from '../../../core/common/photos/photo'
import { cardBounds, CardRecord, selectCards } from '../../../core/common/cards/cardRecord'
import { recordsArray } from '../../../core/common/session/docSchema'
import { KeyedRecords, type KeyedEntry } from '../../../core/common/session/keyedRecords'
import { readRecords, readStructure } from '../../../core/common/session/read'
import { cellRect, createAttributor, sameCell } from '../../../core/common/structure/attribution'
import { spotInCell } from '../../../core/common/structure/placement'
import { cellLayout, slotBox, slotCount } from '../../../core/common/structure/slots'

/**
 * Writing a phone's card into the session document exactly as the canvas would: a tldraw `card` shape
 * record in `tl_records` (cards/cardRecord.ts), on the board's one page, with a fractional index above
 * every other shape (so it is drawn on top), at a free spot inside the chosen cell
 * (structure/placement.ts `spotInCell`). No tldraw import: the record is validated with the card's zod
 * schema, and a unit test checks it against tldraw's own schema.
 */

/** The id of the board's single page (renderer/board/shapes/boardSchema.ts BOARD_PAGE_ID). */
export const BOARD_PAGE = 'page:page'

export interface PhoneCard {
  /** The shape id, `shape:…`, chosen when the person wrote the card (so sending twice is harmless). */
  readonly id: string
  readonly kind: CardKind
  readonly text: string
  readonly cell: CellRef | null
  readonly createdAt: number
  readonly meta: Readonly<Record<string, unknown>>
  /** Photo cards only: the uploaded image (photos/photo.ts); the text is its caption. */
  readonly photo?: CardPhoto
}

/** A fresh shape id in tldraw's form (`shape:` + 21 url-safe characters). */
export function newShapeId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
  return `shape:${Array.from(bytes, (b) => abc[b & 63]).join('')}`
}

/** A fractional index above every shape on the page (tldraw draws higher indices on top). */
export function indexAbove(records: readonly unknown[]): string {
  let top: string | null = null
  for (const r of records) {
    if (typeof r !== 'object' || r === null) continue
    const { typeName, parentId, index } = r as { typeName?: unknown; parentId?: unknown; index?: unknown }
    if (typeName !== 'shape' || parentId !== BOARD_PAGE || typeof index !== 'string') continue
    if (top === null || index > top) top = index
  }
  try {
    return generateJitteredKeyBetween(top, null)
  } catch {
    // the highest index is not a valid key (another tool wrote it): start above the usual range
    return generateJitteredKeyBetween('a0', null)
  }
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
type Box = { x: number; y: number; w: number; h: number }
/**
 * Phones write at the size of a cell of this many cards. Slots are square (ADR 0030): six of them
 * (3 × 2) fill a cell's height, so a seventh card from a phone would find no free place at all; a cell
 * of nine (3 × 3, or 4 × 3 in a wide cell) leaves room until the facilitator's board settles the cell.
 */
const PHONE_CELL_CARDS = 9

/**
 * The cell's next slot (structure/flow.ts). A phone may move only its own cards, so while nobody who
 * may re-flow the cell (a facilitator's board) has settled it, its cards can still have an earlier
 * size: then the first free place of the slot's size inside the cell, so a phone never covers a card.
 */
function phoneSpot(
  structure: Parameters<typeof spotInCell>[0],
  cell: CellRef | null,
  occupied: readonly Box[],
  size: { w: number; h: number },
): Box {
  const slot = spotInCell(structure, cell, size, occupied, { x: 0, y: 0, w: 0, h: 0 })
  const rect = cell ? cellRect(structure, cell) : null
  if (!cell || !rect) return slot
  const attribute = createAttributor(structure)
  const inCell = occupied.filter((b) => sameCell(attribute(b), cell))
  // Phones write at the size of a cell holding at least PHONE_CELL_CARDS cards, so the first cards do not
  // take the whole cell; then the slots of ever fuller layouts (smaller cards) until one is free. Past
  // what the cell holds, only a board that may grow its lane (a facilitator's) keeps cards apart.
  for (let n = Math.max(inCell.length + 1, PHONE_CELL_CARDS); n <= inCell.length + 24; n++) {
    const layout = cellLayout(rect, n, false)
    for (let i = 0; i < slotCount(layout, n); i++) {
      const box = slotBox(layout, i)
      if (sameCell(attribute(box), cell) && !occupied.some((b) => overlaps(b, box))) return box
    }
  }
  return slot
}

/** The full record of a phone card, placed among `records` (the document's current records). */
export function phoneCardRecord(
  card: PhoneCard,
  author: CardAuthor,
  records: readonly unknown[],
  structure: Parameters<typeof spotInCell>[0],
): CardRecord & { index: string; opacity: number } {
  const size = CARD_DEFAULT_SIZE
  const occupied = selectCards(records).cards.map(cardBounds)
  const at = phoneSpot(structure, card.cell, occupied, size)
  const record = {
    ...CardRecord.parse({
      id: card.id,
      typeName: 'shape',
      type: CARD_SHAPE_TYPE,
      x: at.x,
      y: at.y,
      rotation: 0,
      parentId: BOARD_PAGE,
      isLocked: false,
      // the slot's size too: the cell's cards share one size (structure/slots.ts)
      props: {
        ...newCardProps(
          card.kind,
          card.text,
          author,
          card.photo ? { photo: card.photo } : {},
          card.createdAt,
        ),
        ...(at.w > 0 && at.h > 0 ? { w: at.w, h: at.h } : {}),
      },
      meta: { ...card.meta },
    }),
    index: indexAbove(records),
    opacity: 1,
  }
  return record
}

/**
 * Writes the card into the document unless a record with its id is already there. Returns whether it
 * wrote.
 */
export function writePhoneCard(doc: Y.Doc, card: PhoneCard, author: CardAuthor): boolean {
  const records = readRecords(doc)
  if (records.some((r) => (r as { id?: unknown } | null)?.id === card.id)) return false
  const record = phoneCardRecord(card, author, records, readStructure(doc))
  const keyed = new KeyedRecords(recordsArray<KeyedEntry<unknown>>(doc))
  try {
    keyed.set(card.id, record)
  } finally {
    keyed.destroy()
  }
  return true
}
