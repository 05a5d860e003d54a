import { z } from 'zod'
import { COPRO_ROLES, type CoproRole } from '../../../../shared/model/roles'
import type { VotingMethodId, VotingRound } from '../round'

/**
 * The common shape of a way to decide (ADR 0046). Each method (dots.ts, agreement.ts, scale.ts,
 * rank.ts) says, in one place, what a person's answers look like, which answers a ballot of its round
 * may carry (the relay's rights check and the tally use the same `check`), and how answers add up
 * per co-production role. Results come out as `Measure`s — named numbers, overall and per role — so
 * the facilitator's panel, the wall, the outline, the phone and every export show every method the
 * same way.
 */

/** Longest ballot lists (a ballot must stay far below the relay's item budget). */
export const MAX_BALLOT_CARDS = 400

export const CardRef = z.string().min(1).max(64)
export const AgreementChoice = z.enum(['agree', 'disagree', 'pass'])
export type AgreementChoice = z.infer<typeof AgreementChoice>
export const AgreementAnswer = z.object({ cardId: CardRef, choice: AgreementChoice })
export type AgreementAnswer = z.infer<typeof AgreementAnswer>
export const ScaleAnswer = z.object({
  cardId: CardRef,
  /** Index into the round's criteria. */
  criterion: z.number().int().min(0).max(2),
  score: z.number().int().min(1).max(5),
})
export type ScaleAnswer = z.infer<typeof ScaleAnswer>

/**
 * What a person answered in one round: kept on their device while the round is open, then the body
 * of their published ballot. `cardIds`: dots (one entry per dot, a card may repeat) or, for a rank
 * round, the ranking (first = top, no repeats). `agreement` and `scores` only for their methods.
 */
export const BallotContent = z.object({
  cardIds: z.array(CardRef).max(20),
  agreement: z.array(AgreementAnswer).max(MAX_BALLOT_CARDS).optional(),
  scores: z
    .array(ScaleAnswer)
    .max(MAX_BALLOT_CARDS * 3)
    .optional(),
})
export type BallotContent = z.infer<typeof BallotContent>

export const EMPTY_CONTENT: BallotContent = { cardIds: [] }

export type ByRole = Record<CoproRole, number>

export function zeroByRole(): ByRole {
  const out = {} as ByRole
  for (const r of COPRO_ROLES) out[r] = 0
  return out
}

/** One named result of a card: a count, a mean or points, overall and per role. */
export interface Measure {
  readonly key: string
  readonly label: string
  readonly type: 'count' | 'mean' | 'points'
  readonly overall: number
  readonly byRole: ByRole
  /** Means only: how many answers each mean is of (a mean of no answers shows as "—"). */
  readonly answers?: { readonly overall: number; readonly byRole: ByRole }
  /** Scale only: how many gave 1, 2, 3, 4, 5 (index 0 is a score of 1). */
  readonly distribution?: { readonly overall: number[]; readonly byRole: Record<CoproRole, number[]> }
}

export interface MethodCardResult {
  readonly cardId: string
  /** The number the card is ordered by (dots, agrees, mean of the first criterion, Borda points). */
  readonly headline: number
  readonly headlineByRole: ByRole
  /** Tie-breakers after the headline, larger first. */
  readonly then: readonly number[]
  readonly measures: readonly Measure[]
}

/** A published ballot that counts: its voter's role from the registry, answers on cards that count. */
export interface CountedBallot {
  readonly participantId: string
  readonly role: CoproRole
  readonly content: BallotContent
}

export interface VotingMethod {
  readonly id: VotingMethodId
  /** "Dot voting", "Agree / disagree / pass", … */
  readonly label: string
  /** What the headline number is, for result headings ("dots", "agree", "mean Impact", "points"). */
  headlineLabel(round: VotingRound): string
  /** One line for the voter and the results: "3 dots each", "Rank your top 3", … */
  describe(round: VotingRound): string
  /** Why these answers cannot be this round's ballot, or null when they can. */
  check(round: VotingRound, content: BallotContent): string | null
  /** Keeps what the round counts (drops extra dots, repeats, other methods' answers). */
  normalise(round: VotingRound, content: BallotContent): BallotContent
  /** Whether a person has answered anything yet (nothing to publish otherwise). */
  isEmpty(content: BallotContent): boolean
  /** Adds up ballots per card; a card nobody answered on is left out. */
  tally(round: VotingRound, ballots: readonly CountedBallot[]): MethodCardResult[]
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100
}

export function hasDuplicates(ids: readonly string[]): boolean {
  return new Set(ids).size !== ids.length
}
