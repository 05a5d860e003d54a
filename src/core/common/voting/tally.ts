import type * as Y from 'yjs'
import type { CardKind } from '../../../shared/model/cardKinds'
import { COPRO_ROLES, type CoproRole } from '../../../shared/model/roles'
import { selectCards } from '../cards/cardRecord'
import { ballotKey } from '../session/docSchema'
import {
  readBallotEntries,
  readParticipants,
  readRecords,
  readStructure,
  readWithdrawn,
} from '../session/read'
import { cmp } from '../text/compare'
import { Ballot } from './ballots'
import { isEligible } from './eligibility'
import { readRounds, VotingRound, type VotingMethodId } from './round'
import { methodOf } from './methods'
import type { BallotContent, CountedBallot, Measure } from './methods/types'

/**
 * Counting votes: the one tally behind the results on screen and every export.
 */

/** Votes (dots) per co-production role; every role is present, zero when none. */
export type VotesByRole = Record<CoproRole, number>

export interface CountedVote {
  readonly cardId: string
  readonly participantId: string
  readonly role: CoproRole
}

export interface VoteTally {
  readonly rounds: VotingRound[]
  /** Ballots counted per round id. */
  readonly ballotsCounted: ReadonlyMap<string, number>
  /** One entry per counted dot (dot rounds only: what voice balance and card vote counts add up). */
  readonly votes: CountedVote[]
  /** Every counted ballot of every method, its answers kept to cards that count. */
  readonly ballots: ReadonlyArray<CountedBallot & { readonly roundId: string }>
  readonly withdrawnBallots: number
  /** Ballots whose voter is not in the participant registry (not counted). */
  readonly unregisteredBallots: number
  readonly invalid: number
}

export function emptyByRole(): VotesByRole {
  const out = {} as Record<CoproRole, number>
  for (const r of COPRO_ROLES) out[r] = 0
  return out
}

/**
 * Counts the dots of published ballots of closed rounds. A ballot counts only when its map key
 * matches its round and voter, its round is closed, its voter is in the participant registry
 * (`voters`: participant id → co-production role) and has not withdrawn; only what its round's method
 * takes is counted (methods/*.ts `normalise`); the role counted is the registry's, never the one written in the
 * ballot (a ballot cannot make its voter someone else). At most dotsPerPerson dots count, and answers
 * count only on existing cards of the round's kinds.
 */
export function tallyVotes(
  rawRounds: readonly unknown[],
  rawBallots: ReadonlyArray<readonly [string, unknown]>,
  cardKinds: ReadonlyMap<string, CardKind>,
  withdrawn: ReadonlySet<string>,
  voters: ReadonlyMap<string, CoproRole>,
): VoteTally {
  let invalid = 0
  const rounds: VotingRound[] = []
  for (const r of rawRounds) {
    const p = VotingRound.safeParse(r)
    if (p.success) rounds.push(p.data)
    else invalid++
  }
  rounds.sort((a, b) => a.openedAt - b.openedAt || cmp(a.id, b.id))
  const byId = new Map(rounds.map((r) => [r.id, r]))
  const ballotsCounted = new Map<string, number>()
  const votes: CountedVote[] = []
  const counted: Array<CountedBallot & { roundId: string }> = []
  let withdrawnBallots = 0
  let unregistered = 0
  const sorted = [...rawBallots].sort((a, b) => cmp(a[0], b[0]))
  for (const [key, raw] of sorted) {
    const p = Ballot.safeParse(raw)
    if (!p.success || ballotKey(p.data.roundId, p.data.participantId) !== key) {
      invalid++
      continue
    }
    const b = p.data
    const round = byId.get(b.roundId)
    if (!round || round.status !== 'closed') continue
    if (withdrawn.has(b.participantId)) {
      withdrawnBallots++
      continue
    }
    const role = voters.get(b.participantId)
    if (role === undefined) {
      unregistered++
      continue
    }
    ballotsCounted.set(round.id, (ballotsCounted.get(round.id) ?? 0) + 1)
    const counts = (cardId: string): boolean => {
      const kind = cardKinds.get(cardId)
      return kind !== undefined && (round.kinds.length === 0 || round.kinds.includes(kind))
    }
    // what the round's method counts (the relay refuses ballots that do not fit; older dot ballots
    // with extra dots count their first dotsPerPerson, as they always did)
    const kept = methodOf(round).normalise(round, b)
    const content: BallotContent = {
      cardIds: kept.cardIds.filter(counts),
      ...(kept.agreement && { agreement: kept.agreement.filter((a) => counts(a.cardId)) }),
      ...(kept.scores && { scores: kept.scores.filter((x) => counts(x.cardId)) }),
    }
    counted.push({ roundId: round.id, participantId: b.participantId, role, content })
    if (round.method !== 'dots') continue
    for (const cardId of content.cardIds) votes.push({ cardId, participantId: b.participantId, role })
  }
  return {
    rounds,
    ballotsCounted,
    votes,
    ballots: counted,
    withdrawnBallots,
    unregisteredBallots: unregistered,
    invalid,
  }
}

export interface CardResult {
  readonly cardId: string
  /** The headline number: dots, agrees, mean of the first criterion, or Borda points. */
  readonly total: number
  readonly byRole: Record<CoproRole, number>
  /** Every result of the card for the round's method (methods/types.ts). */
  readonly measures: readonly Measure[]
}

export interface RoundResults {
  readonly roundId: string
  readonly method: VotingMethodId
  /** What `total` counts ("dots", "agree", "mean Impact", "points"). */
  readonly headlineLabel: string
  readonly ballots: number
  /** Cards someone answered on, highest headline first (then the method's tie-breakers, then card id). */
  readonly cards: CardResult[]
  /** Per role, that role's own ranking: the "separate tallies" view. */
  readonly byRole: Record<CoproRole, Array<{ cardId: string; votes: number }>>
  /** How many ballots each role published. */
  readonly votersByRole: Record<CoproRole, number>
}

/**
 * Results of one closed round from the document (published ballots only; an open round has none).
 * Withdrawn participants' ballots are left out, exactly as in exports.
 */
export function roundResults(doc: Y.Doc, roundId: string): RoundResults {
  const rounds = readRounds(doc).filter((r) => r.id === roundId)
  const structure = readStructure(doc)
  // only cards eligible in this round (kinds and region) can take dots
  const cardKinds = new Map(
    selectCards(readRecords(doc))
      .cards.filter((c) => rounds[0] !== undefined && isEligible(rounds[0], c, structure))
      .map((c) => [c.id, c.props.kind]),
  )
  const ballots = readBallotEntries(doc).filter(([k]) => k.startsWith(`${roundId}/`))
  return resultsFromTally(
    roundId,
    tallyVotes(rounds, ballots, cardKinds, readWithdrawn(doc), voterRoles(doc)),
  )
}

/** Participant id → co-production role, from the participant registry: the role a voter's dots count for. */
export function voterRoles(doc: Y.Doc): Map<string, CoproRole> {
  return new Map(readParticipants(doc).map((p) => [p.id, p.coproRole]))
}

export function resultsFromTally(roundId: string, tally: ReturnType<typeof tallyVotes>): RoundResults {
  const round = tally.rounds.find((r) => r.id === roundId)
  const method = round ? methodOf(round) : methodOf({ method: 'dots' })
  const counted = tally.ballots.filter((b) => b.roundId === roundId)
  const rows = round ? method.tally(round, counted) : []
  const then = new Map(rows.map((r) => [r.cardId, r.then]))
  const cards: CardResult[] = rows
    .filter((r) => r.measures.some((m) => (m.answers?.overall ?? m.overall) > 0))
    .map((r) => ({ cardId: r.cardId, total: r.headline, byRole: r.headlineByRole, measures: r.measures }))
    .sort(
      (a, b) =>
        b.total - a.total || byThen(then.get(a.cardId)!, then.get(b.cardId)!) || cmp(a.cardId, b.cardId),
    )
  const byRole = {} as Record<CoproRole, Array<{ cardId: string; votes: number }>>
  for (const r of COPRO_ROLES) {
    byRole[r] = cards
      .filter((c) => c.byRole[r] > 0)
      .map((c) => ({ cardId: c.cardId, votes: c.byRole[r] }))
      .sort((a, b) => b.votes - a.votes || (a.cardId < b.cardId ? -1 : 1))
  }
  const votersByRole = emptyByRole()
  for (const b of counted) if (!method.isEmpty(b.content)) votersByRole[b.role]++
  return {
    roundId,
    method: method.id,
    headlineLabel: round ? method.headlineLabel(round) : 'dots',
    ballots: tally.ballotsCounted.get(roundId) ?? 0,
    cards,
    byRole,
    votersByRole,
  }
}

function byThen(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return b[i]! - a[i]!
  return 0
}
