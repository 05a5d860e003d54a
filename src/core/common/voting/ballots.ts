import type * as Y from 'yjs'
import { z } from 'zod'
import { CoproRole } from '../../../shared/model/roles'
import { ParticipantId } from '../../../shared/model/participant'
import { ballotKey, sessionMap } from '../session/docSchema'
import { readRound, readRounds, type VotingRound } from './round'

export { ballotKey } from '../session/docSchema'
export { readBallotEntries } from '../session/read'

/**
 * Dot voting. A person's dots live on their own device (the renderer keeps them in React state and
 * localStorage) while a round is open; only a closed round's ballots are published to the document
 * (`ballots` map, key `${roundId}/${participantId}`). Tallies are in tally.ts, shared with every
 * export, so results on screen and in every export always agree.
 */
export const Ballot = z.object({
  roundId: z.string().min(1).max(64),
  participantId: ParticipantId,
  coproRole: CoproRole,
  /** One entry per dot; the same card may appear more than once. */
  cardIds: z.array(z.string().max(64)).max(20),
  castAt: z.number(),
})
export type Ballot = z.infer<typeof Ballot>

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

export function makeBallot(
  round: VotingRound,
  voter: { id: string; coproRole: CoproRole },
  dots: readonly string[],
  castAt: number,
): Ballot {
  return Ballot.parse({
    roundId: round.id,
    participantId: voter.id,
    coproRole: voter.coproRole,
    cardIds: dots.slice(0, round.dotsPerPerson),
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
  if (!round || round.status !== 'closed') return false
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
  dotsFor: (roundId: string) => readonly string[],
  now: number,
): string[] {
  const done: string[] = []
  for (const round of readRounds(doc)) {
    if (round.status !== 'closed' || hasPublishedBallot(doc, round.id, voter.id)) continue
    const dots = dotsFor(round.id)
    if (dots.length === 0) continue
    if (publishBallot(doc, makeBallot(round, voter, dots, now))) done.push(round.id)
  }
  return done
}
