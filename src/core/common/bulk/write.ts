import type * as Y from 'yjs'
import { CARD_DEFAULT_SIZE, CARD_SHAPE_TYPE, CardProps, type CardAuthor } from '../cards/card'
import { cardBounds, selectCards } from '../cards/cardRecord'
import { recordsArray } from '../session/docSchema'
import { KeyedRecords, type KeyedEntry } from '../session/keyedRecords'
import { readRecords, readStructure } from '../session/read'
import { registerParticipant, writeStructure } from '../session/write'
import { settleArrivals } from '../structure/flow'
import { spotInCell } from '../structure/placement'
import type { ImportedCard } from './parse'

/**
 * Writes checked imported cards (bulk/parse.ts) into a session document in ONE transaction, as the
 * canvas would: tldraw `card` shape records placed with structure/placement.ts (spotInCell) in their
 * cell, or below the structure when they name none. A row with a consented name registers that person
 * as a participant (so exports give them a pseudonym, and their name only with consent); anonymous rows
 * are anonymous cards with the row's role. Used by `copro import-cards`; the desktop adds cards through
 * the board (CardOps) instead, so the canvas places and undoes them.
 */
export interface WriteOptions {
  /** Epoch ms stamped on the cards. */
  readonly now: number
  /** A new tldraw shape id (`shape:…`). */
  readonly newId: () => string
  /** Where unplaced cards go when the board has no structure. */
  readonly viewport?: { x: number; y: number; w: number; h: number }
  readonly origin?: unknown
}

const DIGITS = '123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * tldraw z-order keys above `max` for `n` new shapes: `max` followed by a fixed-width suffix of
 * base-62 digits other than '0' (a fractional-indexing key may not end in '0'), in order.
 */
export function indexKeysAbove(max: string | null, n: number): string[] {
  const base = max ?? 'a1'
  let width = 1
  while (DIGITS.length ** width < n) width++
  return Array.from({ length: n }, (_, i) => {
    let s = ''
    let v = i
    for (let k = 0; k < width; k++) {
      s = DIGITS[v % DIGITS.length]! + s
      v = Math.floor(v / DIGITS.length)
    }
    return base + s
  })
}

export function writeImportedCards(doc: Y.Doc, cards: readonly ImportedCard[], opts: WriteOptions): string[] {
  const records = readRecords(doc)
  const structure = readStructure(doc)
  const occupied = selectCards(records).cards.map(cardBounds)
  let page = 'page:page'
  let maxIndex: string | null = null
  for (const r of records) {
    const rec = r as { typeName?: unknown; id?: unknown; index?: unknown }
    if (rec.typeName === 'page' && typeof rec.id === 'string') page = rec.id
    if (
      rec.typeName === 'shape' &&
      typeof rec.index === 'string' &&
      (maxIndex === null || rec.index > maxIndex)
    )
      maxIndex = rec.index
  }
  const keys = indexKeysAbove(maxIndex, cards.length)
  const viewport = opts.viewport ?? { x: 0, y: 0, w: 1600, h: 900 }
  const size = { w: CARD_DEFAULT_SIZE.w, h: CARD_DEFAULT_SIZE.h }
  const ids: string[] = []
  const entries: Array<readonly [string, unknown]> = []
  cards.forEach((c, i) => {
    // the cell's slot, its size included (structure/flow.ts): a cell's cards share one size
    const at = spotInCell(structure, c.cell, size, occupied, viewport)
    occupied.push(at)
    const authorId = importedAuthor(c).id
    const props = CardProps.parse({
      w: at.w,
      h: at.h,
      kind: c.kind,
      text: c.text,
      authorId,
      authorRole: c.role,
      authorName: c.name,
      createdAt: Math.max(0, Math.floor(opts.now)) + i,
      owner: '',
      due: '',
    })
    const id = opts.newId()
    ids.push(id)
    entries.push([
      id,
      {
        id,
        typeName: 'shape',
        type: CARD_SHAPE_TYPE,
        x: at.x,
        y: at.y,
        rotation: 0,
        index: keys[i]!,
        parentId: page,
        isLocked: false,
        opacity: 1,
        props,
        meta: {},
      },
    ])
  })
  // Settle the new cards in their cells' flow (structure/flow.ts): a cell's cards share one size, so
  // cards placed one by one as the cell filled are laid out again together; a full lane grows.
  const boxes = [
    ...selectCards(records).cards.map((c) => ({ id: c.id, ...cardBounds(c) })),
    ...entries.map(([id, r]) => {
      const rec = r as { x: number; y: number; props: { w: number; h: number } }
      return { id, x: rec.x, y: rec.y, w: rec.props.w, h: rec.props.h }
    }),
  ]
  const plan = settleArrivals(
    structure,
    boxes,
    ids.map((id) => ({ id })),
  )
  const moved = new Map(plan.moves.map((m) => [m.id, m]))
  // cards already in a re-flowed cell move too (same one transaction)
  const newIds = new Set(ids)
  for (const r of records) {
    const c = r as { id?: unknown; props?: Record<string, unknown> } | null
    const m = typeof c?.id === 'string' && !newIds.has(c.id) ? moved.get(c.id) : undefined
    if (m && c?.props) entries.push([m.id, { ...c, x: m.x, y: m.y, props: { ...c.props, w: m.w, h: m.h } }])
  }
  for (const [id, r] of entries) {
    if (!newIds.has(id)) continue
    const m = moved.get(id)
    if (!m) continue
    const rec = r as { x: number; y: number; props: { w: number; h: number } }
    rec.x = m.x
    rec.y = m.y
    rec.props.w = m.w
    rec.props.h = m.h
  }
  doc.transact(() => {
    if (plan.structure) writeStructure(doc, plan.structure, opts.origin ?? null)
    registerImportedPeople(doc, cards, opts.now, opts.origin ?? null)
    const kv = new KeyedRecords(recordsArray<KeyedEntry<unknown>>(doc))
    try {
      kv.setMany(entries, opts.origin)
    } finally {
      kv.destroy()
    }
  }, opts.origin ?? null)
  return ids
}

/** Who an imported card is by: a named person (stable id per name and role) or an anonymous card. */
export function importedAuthor(c: ImportedCard): CardAuthor {
  return c.name
    ? { id: personId(c.name, c.role), name: c.name, anonymous: false, coproRole: c.role }
    : { id: 'imported', name: '', anonymous: true, coproRole: c.role }
}

/** Registers the named people of an import as participants (exports then pseudonymise them). */
export function registerImportedPeople(
  doc: Y.Doc,
  cards: readonly ImportedCard[],
  now: number,
  origin: unknown = null,
): void {
  doc.transact(() => {
    for (const c of cards) {
      if (!c.name) continue
      const a = importedAuthor(c)
      registerParticipant(
        doc,
        { id: a.id, name: a.name, anonymous: false, coproRole: a.coproRole, sessionRole: 'participant' },
        now,
        origin,
      )
    }
  }, origin)
}

/** A stable participant id for a named person in an import (same name and role → same person). */
function personId(name: string, role: string): string {
  let h = 2166136261
  for (const ch of `${role}\u0000${name.toLowerCase()}`) {
    h ^= ch.codePointAt(0)!
    h = Math.imul(h, 16777619) >>> 0
  }
  return `imported-${h.toString(36)}`
}
