import { z } from 'zod'
import type * as Y from 'yjs'
import { CardRecord } from '../cards/cardRecord'
import { Comment } from '../comments/comment'
import { StructureItem } from '../../../shared/model/structure'
import { Actor } from './activity'
import { sessionMap } from './docSchema'
import { plain } from './read'

/**
 * The board trash: every card and structure item (stage, lane, zone) that was deleted, with who deleted
 * it and when, until it is restored. The relay writes an entry when it applies a deletion and removes it
 * when the same id comes back (restored from the Trash view, the outline, or undo) — ADR 0041. Entries
 * are keyed `card:<shape id>` / `stage:<id>` / `lane:<id>` / `zone:<id>` / `comment:<comment id>`.
 */
export const TRASH_KINDS = ['card', 'stage', 'lane', 'zone', 'comment'] as const
export type TrashKind = (typeof TRASH_KINDS)[number]

const base = { by: Actor, at: z.number().int().nonnegative() }

export const TrashEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('card'), record: CardRecord, ...base }),
  z.object({
    kind: z.enum(['stage', 'lane', 'zone']),
    item: StructureItem.passthrough(),
    /** Where the stage or lane stood (its index) when it was deleted. */
    index: z.number().int().nonnegative(),
    ...base,
  }),
  /** A comment its author deleted or a facilitator hid (comments/comment.ts). */
  z.object({ kind: z.literal('comment'), comment: Comment, ...base }),
])
export type TrashEntry = z.infer<typeof TrashEntry>

export const trashKey = (kind: TrashKind, id: string): string => `${kind}:${id}`

/** The id of what an entry holds (a card's shape id, a structure item's id). */
export const trashedId = (e: TrashEntry): string =>
  e.kind === 'card' ? e.record.id : e.kind === 'comment' ? e.comment.id : e.item.id

/** The words of what an entry holds: a card's or comment's text, a structure item's label. */
export const trashedText = (e: TrashEntry): string =>
  e.kind === 'card' ? e.record.props.text : e.kind === 'comment' ? e.comment.text : e.item.label

/** Every valid entry, most recently deleted first. */
export function readTrash(doc: Y.Doc): TrashEntry[] {
  const out: TrashEntry[] = []
  sessionMap(doc, 'trash').forEach((v, k) => {
    const e = TrashEntry.safeParse(plain(v))
    if (e.success && trashKey(e.data.kind, trashedId(e.data)) === k) out.push(e.data)
  })
  return out.sort((a, b) => b.at - a.at)
}

export function hasTrashEntry(doc: Y.Doc, kind: TrashKind, id: string): boolean {
  return sessionMap(doc, 'trash').has(trashKey(kind, id))
}

/** Puts entries in the trash (validated; a bad one is a programming error). */
export function writeTrashEntries(doc: Y.Doc, entries: readonly TrashEntry[], origin: unknown = null): void {
  if (entries.length === 0) return
  const valid = entries.map((e) => TrashEntry.parse(e))
  doc.transact(() => {
    const m = sessionMap(doc, 'trash')
    for (const e of valid) m.set(trashKey(e.kind, trashedId(e)), e)
  }, origin)
}

/** Takes entries out of the trash (what was restored). */
export function removeTrashEntries(
  doc: Y.Doc,
  keys: readonly { kind: TrashKind; id: string }[],
  origin: unknown = null,
): void {
  const m = sessionMap(doc, 'trash')
  const present = keys.map((k) => trashKey(k.kind, k.id)).filter((k) => m.has(k))
  if (present.length === 0) return
  doc.transact(() => {
    for (const k of present) m.delete(k)
  }, origin)
}
