import { CARD_SHAPE_TYPE } from '../cards/card'
import { PrivateCardMeta } from './schema'

/**
 * Private writing. While an activity with `private: true` runs, each new card carries
 * meta { private: true, activityId }. The canvas binding's shouldSync filter keeps such records out
 * of the shared document, so they exist only on the author's device. When the facilitator reveals
 * (workshop.reveal[activityId] is set), each client flips its own private cards of that activity to
 * meta.private = false in one batch, and they sync like any other card.
 */
export interface RecordLike {
  readonly typeName?: unknown
  readonly type?: unknown
  readonly meta?: unknown
}

export function privateActivityOf(r: RecordLike): string | null {
  if (r.typeName !== 'shape' || r.type !== CARD_SHAPE_TYPE) return null
  // the common case first, cheaply: this runs for every changed record and on whole-board scans
  if (typeof r.meta !== 'object' || r.meta === null || (r.meta as { private?: unknown }).private !== true)
    return null
  const p = PrivateCardMeta.safeParse(r.meta)
  return p.success ? p.data.activityId : null
}

/** The binding's filter: everything syncs except private cards. */
export function shouldSyncRecord(r: RecordLike): boolean {
  return privateActivityOf(r) === null
}

/** The meta a new card gets, given the current activity and what has been revealed. */
export function metaForNewCard(
  activity: { id: string; private: boolean } | null,
  revealed: Readonly<Record<string, number>>,
): PrivateCardMeta | null {
  if (!activity || !activity.private || revealed[activity.id] !== undefined) return null
  return { private: true, activityId: activity.id }
}

/** The meta of a card once revealed: still says which activity it came from, no longer private. */
export function revealedMeta(meta: Record<string, unknown>): Record<string, unknown> {
  return { ...meta, private: false }
}

/** Ids of the private cards (among this device's records) whose activity has been revealed. */
export function cardsToReveal<R extends RecordLike & { readonly id: string }>(
  records: Iterable<R>,
  revealed: Readonly<Record<string, number>>,
): R[] {
  const out: R[] = []
  for (const r of records) {
    const a = privateActivityOf(r)
    if (a !== null && revealed[a] !== undefined) out.push(r)
  }
  return out
}
