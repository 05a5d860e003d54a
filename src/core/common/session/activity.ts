import { z } from 'zod'
import type * as Y from 'yjs'
import { SESSION_ROLES } from '../../../shared/model/roles'
import { activityArray } from './docSchema'
import { plain } from './read'

/**
 * The session activity log: cards and structure items created, edited, moved, deleted and restored, by
 * whom (pseudonymous: the participant id their link carries and their session role, never a name) and
 * when. The relay writes it as it applies each update (ADR 0041), so a client cannot leave its own
 * changes out; the app shows it in the Trash view and the JSON export carries it.
 */

/** Who did something, as the relay knows them: the session role of the link, and its participant id. */
export const Actor = z.object({
  /** 'host': the server itself (a checkpoint revert, an import), not a connection. */
  role: z.enum([...SESSION_ROLES, 'host']),
  participantId: z.string().min(1).max(128).optional(),
})
export type Actor = z.infer<typeof Actor>

/** 'hidden': a facilitator removed someone else's comment (it is in the trash). */
export const ACTIVITY_ACTIONS = [
  'created',
  'edited',
  'moved',
  'deleted',
  'restored',
  'hidden',
  // moderation (core/common/moderation): a guest's card held for a facilitator, approved, or not shown
  'held',
  'approved',
  'not-shown',
] as const
export const ActivityAction = z.enum(ACTIVITY_ACTIONS)
export type ActivityAction = z.infer<typeof ActivityAction>

export const ACTIVITY_TARGETS = ['card', 'stage', 'lane', 'zone', 'comment'] as const
export const ActivityTarget = z.enum(ACTIVITY_TARGETS)
export type ActivityTarget = z.infer<typeof ActivityTarget>

export const ActivityEntry = z.object({
  /** Relay time, ms since the epoch. */
  at: z.number().int().nonnegative(),
  action: ActivityAction,
  target: ActivityTarget,
  /** The card's shape id or the structure item's id. */
  id: z.string().min(1).max(128),
  by: Actor,
})
export type ActivityEntry = z.infer<typeof ActivityEntry>

/** The log keeps at most this many entries; the oldest go first (a session rarely passes a few thousand). */
export const ACTIVITY_MAX = 20_000

/** The valid entries of the log, oldest first (invalid ones are left out, never thrown). */
export function readActivity(doc: Y.Doc): ActivityEntry[] {
  const out: ActivityEntry[] = []
  for (const v of activityArray(doc).toArray()) {
    const e = ActivityEntry.safeParse(plain(v))
    if (e.success) out.push(e.data)
  }
  return out
}

/** Appends entries (validated; a bad one is a programming error) and trims the log to ACTIVITY_MAX. */
export function appendActivity(doc: Y.Doc, entries: readonly ActivityEntry[], origin: unknown = null): void {
  if (entries.length === 0) return
  const valid = entries.map((e) => ActivityEntry.parse(e))
  doc.transact(() => {
    const log = activityArray<ActivityEntry>(doc)
    log.push(valid)
    const over = log.length - ACTIVITY_MAX
    if (over > 0) log.delete(0, over)
  }, origin)
}

/** How an actor is shown in the app and the report: a role and a short pseudonymous tag, no name. */
export function describeActor(by: Actor): string {
  const role =
    by.role === 'host'
      ? 'The app'
      : by.role === 'co-facilitator'
        ? 'Co-facilitator'
        : by.role === 'facilitator'
          ? 'Facilitator'
          : by.role === 'observer'
            ? 'Observer'
            : 'Participant'
  return by.participantId ? `${role} ${by.participantId.slice(-4)}` : role
}
