import { Ballot, ballotKey, VotingRound } from '../facilitation/schema'
import { COPRO_ROLES, type CardKind, type CoproRole } from '../../../shared/model'
import type { VotesByRole } from './schema'

export interface CountedVote {
  readonly cardId: string
  readonly participantId: string
  readonly role: CoproRole
}

export interface VoteTally {
  readonly rounds: VotingRound[]
  /** Ballots counted per round id. */
  readonly ballotsCounted: ReadonlyMap<string, number>
  /** One entry per counted dot. */
  readonly votes: CountedVote[]
  readonly withdrawnBallots: number
  readonly invalid: number
}

export function emptyByRole(): VotesByRole {
  const out = {} as Record<CoproRole, number>
  for (const r of COPRO_ROLES) out[r] = 0
  return out
}

/**
 * Counts the dots of published ballots of closed rounds. A ballot counts only when its map key
 * matches its round and voter, its round is closed, and its voter has not withdrawn; at most
 * dotsPerPerson dots count, and only on existing cards of the round's kinds.
 */
export function tallyVotes(
  rawRounds: readonly unknown[],
  rawBallots: ReadonlyArray<readonly [string, unknown]>,
  cardKinds: ReadonlyMap<string, CardKind>,
  withdrawn: ReadonlySet<string>,
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
  let withdrawnBallots = 0
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
    ballotsCounted.set(round.id, (ballotsCounted.get(round.id) ?? 0) + 1)
    for (const cardId of b.cardIds.slice(0, round.dotsPerPerson)) {
      const kind = cardKinds.get(cardId)
      if (kind === undefined) continue
      if (round.kinds.length > 0 && !round.kinds.includes(kind)) continue
      votes.push({ cardId, participantId: b.participantId, role: b.coproRole })
    }
  }
  return { rounds, ballotsCounted, votes, withdrawnBallots, invalid }
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
