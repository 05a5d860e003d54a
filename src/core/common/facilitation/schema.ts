import { z } from 'zod'

/**
 * Facilitation state stored in the session document (keys in session/docSchema.ts):
 *   workshop.agenda  → Agenda
 *   workshop.timer   → TimerState (times are on the relay's clock, ms since epoch)
 *   workshop.reveal  → RevealState
 *   facilitation.spotlight → Spotlight; locks[shape id or STRUCTURE_LOCK_KEY] → LockEntry
 * Voting rounds and ballots are in voting/.
 */
export const Activity = z.object({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  durationMs: z
    .number()
    .int()
    .min(0)
    .max(8 * 3600_000),
  instructions: z.string().max(2000),
  /** Private writing: new cards stay on their author's device until the facilitator reveals. */
  private: z.boolean(),
  /** Shown before the activity starts, for sensitive topics. '' when none. */
  contentNote: z.string().max(1000),
  /** Stage or zone that new cards from the simple composer go to, or null. */
  targetId: z.string().max(64).nullable(),
})
export type Activity = z.infer<typeof Activity>

export const Agenda = z.object({
  activities: z.array(Activity).max(100),
  currentIndex: z.number().int().min(-1),
})
export type Agenda = z.infer<typeof Agenda>

export const TimerState = z.object({
  status: z.enum(['idle', 'running', 'paused', 'done']),
  activityId: z.string().max(64).nullable(),
  /** Relay-clock time when the current running stretch began (running only). */
  startedAt: z.number().nullable(),
  durationMs: z.number().int().min(0),
  /** Time already used before the current running stretch. */
  elapsedBeforeMs: z.number().int().min(0),
})
export type TimerState = z.infer<typeof TimerState>

export const RevealState = z.record(z.string().max(64), z.number())
export type RevealState = z.infer<typeof RevealState>

export const Spotlight = z.object({
  x: z.number().finite().min(-1e7).max(1e7),
  y: z.number().finite().min(-1e7).max(1e7),
  w: z.number().finite().positive().max(1e7),
  h: z.number().finite().positive().max(1e7),
  /** What is spotlit, in words (for screen readers): "Stage: Arriving", "Selected area". */
  label: z.string().max(200),
})
export type Spotlight = z.infer<typeof Spotlight>

export const LockEntry = z.object({ by: z.string().max(64), at: z.number() })
export type LockEntry = z.infer<typeof LockEntry>

/** The meta a card carries while it is private to its author (see privateCards.ts). */
export const PrivateCardMeta = z.object({ private: z.literal(true), activityId: z.string().min(1).max(64) })
export type PrivateCardMeta = z.infer<typeof PrivateCardMeta>
