import { z } from 'zod'
import { CardKind } from '../../../shared/model/cards'
import { CoproRole } from '../../../shared/model/roles'
import { ParticipantId } from '../../../shared/model/participant'

/**
 * Facilitation state stored in the session document (see board/docSchema.ts):
 *   workshop.agenda  → Agenda
 *   workshop.timer   → TimerState (times are on the relay's clock, ms since epoch)
 *   workshop.reveal  → RevealState
 *   voting[roundId]  → VotingRound
 *   ballots[`${roundId}/${participantId}`] → Ballot (written by each voter only after the round closes)
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

export const VotingRegion = z.union([
  z.object({ type: z.literal('stage'), stageId: z.string().max(64) }),
  z.object({ type: z.literal('lane'), laneId: z.string().max(64) }),
  z.object({ type: z.literal('zone'), zoneId: z.string().max(64) }),
])

export const VotingRound = z.object({
  id: z.string().min(1).max(64),
  title: z.string().max(200),
  status: z.enum(['open', 'closed']),
  dotsPerPerson: z.number().int().min(1).max(20),
  /** Card kinds that can be voted on; empty = all kinds. */
  kinds: z.array(CardKind).max(7),
  region: VotingRegion.nullable(),
  openedAt: z.number(),
  closedAt: z.number().nullable(),
})
export type VotingRound = z.infer<typeof VotingRound>

export const Ballot = z.object({
  roundId: z.string().min(1).max(64),
  participantId: ParticipantId,
  coproRole: CoproRole,
  /** One entry per dot; the same card may appear more than once. */
  cardIds: z.array(z.string().max(64)).max(20),
  castAt: z.number(),
})
export type Ballot = z.infer<typeof Ballot>

export const ballotKey = (roundId: string, participantId: string): string => `${roundId}/${participantId}`

/**
 * Facilitation state that is not in docSchema's named maps lives in one more top-level Y.Map,
 * `facilitation` (added by issue 6; older documents simply lack it):
 *   spotlight   → Spotlight | null (everyone sees the rest of the board dimmed)
 *   shareBalance → boolean (the voice-balance panel is shown to everyone)
 *   followLead  → participant id | null (participants follow this person until they leave)
 *   showResults → round id whose results are drawn on the cards
 *   `pass/<activityId>/<nonce>` → 1 (one "pass" on a prompt; nothing identifies who passed)
 */
export const FACILITATION_MAP = 'facilitation'
export const FACILITATION_KEYS = {
  spotlight: 'spotlight',
  shareBalance: 'shareBalance',
  followLead: 'followLead',
  /** Round id whose results are shown on the cards, or absent. */
  showResults: 'showResults',
  passPrefix: 'pass/',
} as const

/** The structure lock is stored in the `locks` map under this key (card locks use shape ids). */
export const STRUCTURE_LOCK_KEY = 'structure'

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
