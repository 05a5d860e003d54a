import type * as Y from 'yjs'
import { z } from 'zod'
import { CoproRole } from '../../../shared/model/roles'
import { ParticipantId } from '../../../shared/model/participant'
import { ballotKey, sessionMap } from '../session/docSchema'
import { readRound, readRounds, type VotingRound } from './round'
import { methodOf } from './methods'
import { BallotContent } from './methods/types'

export { ballotKey } from '../session/docSchema'
export { readBallotEntries } from '../session/read'

/**
 * Ballots. A person's answers (dots, agree/disagree/pass, scores, a ranking: methods/types.ts
 * `BallotContent`) live on their own device (the renderer keeps them in memory and localStorage) while
 * a round is open; only a closed round's ballots are published to the document (`ballots` map, key
 * `${roundId}/${participantId}`). Whether a ballot fits its round's method is `checkBallot` (used by
 * the relay's rights check and the tally). Tallies are in tally.ts, shared with every export, so
 * results on screen and in every export always agree.
 */
export const Ballot = BallotContent.extend({
  roundId: z.string().min(1).max(64),
  participantId: ParticipantId,
  coproRole: CoproRole,
  castAt: z.number(),
})
export type Ballot = z.infer<typeof Ballot>

/** Why a (valid) ballot cannot be one of this round's, or null when it fits the round's method. */
export function checkBallot(round: VotingRound, ballot: Ballot): string | null {
  return methodOf(round).check(round, ballot)
}

/** Adds one dot on a card, if the person has dots left. Returns the same array when refused. */
export function addDot(dots: readonly string[], cardId: string, dotsPerPerson: number): readonly string[] {
  return dots.length >= dotsPerPerson ? dots : [...dots, cardId]
}

/** Takes one dot off a card (the last one placed there). */
export function removeDot(dots: readonly string[], cardId: string): readonly string[] {
  const i = dots.lastIndexOf(cardId)
  return i < 0 ? dots : [...dots.slice(0, i), ...dots.slice(i + 1)]
}

export function dotsOn(dots: readonly string[], cardId: string): number {
  return dots.reduce((n, d) => (d === cardId ? n + 1 : n), 0)
}

/** A ballot of a round from a person's answers (kept to what the round's method counts). */
export function makeBallot(
  round: VotingRound,
  voter: { id: string; coproRole: CoproRole },
  answers: BallotContent | readonly string[],
  castAt: number,
): Ballot {
  const content = asContent(answers)
  return Ballot.parse({
    roundId: round.id,
    participantId: voter.id,
    coproRole: voter.coproRole,
    ...methodOf(round).normalise(round, content),
    castAt: Math.max(0, castAt),
  })
}

export function hasPublishedBallot(doc: Y.Doc, roundId: string, participantId: string): boolean {
  return sessionMap(doc, 'ballots').has(ballotKey(roundId, participantId))
}

/**
 * Publishes a voter's ballot. Refused (returns false) while the round is open or unknown: votes stay
 * on the voter's device until the round closes. Publishing twice keeps the first ballot.
 */
export function publishBallot(doc: Y.Doc, ballot: Ballot, origin: unknown = null): boolean {
  const b = Ballot.parse(ballot)
  const round = readRound(doc, b.roundId)
  if (!round || round.status !== 'closed' || checkBallot(round, b) !== null) return false
  if (hasPublishedBallot(doc, b.roundId, b.participantId)) return false
  doc.transact(() => sessionMap(doc, 'ballots').set(ballotKey(b.roundId, b.participantId), b), origin)
  return true
}

/**
 * Publishes this voter's ballots for every closed round they have not published yet (called on every
 * document update, so a voter who was offline at the close publishes as soon as they reconnect).
 * Returns the round ids published.
 */
export function publishPendingBallots(
  doc: Y.Doc,
  voter: { id: string; coproRole: CoproRole },
  answersFor: (roundId: string) => BallotContent | readonly string[],
  now: number,
): string[] {
  const done: string[] = []
  for (const round of readRounds(doc)) {
    if (round.status !== 'closed' || hasPublishedBallot(doc, round.id, voter.id)) continue
    const answers = methodOf(round).normalise(round, asContent(answersFor(round.id)))
    if (methodOf(round).isEmpty(answers)) continue
    if (publishBallot(doc, makeBallot(round, voter, answers, now))) done.push(round.id)
  }
  return done
}

/** Answers as content: a plain list is a list of dots (or a ranking). */
function asContent(answers: BallotContent | readonly string[]): BallotContent {
  return isList(answers) ? { cardIds: [...answers] } : answers
}

function isList(a: BallotContent | readonly string[]): a is readonly string[] {
  return Array.isArray(a)
}
