import type * as Y from 'yjs'
import { attributeCard, gridLaneEdges, gridStageEdges } from '../board/attribution'
import { cardBounds, type CardRecord } from '../board/records'
import type { BoardStructure, CellRef } from '../../../shared/model/structure'
import { COPRO_ROLES, type CoproRole } from '../../../shared/model/roles'
import { emptyByRole, tallyVotes } from '../export/votes'
import { readSession } from '../export/readDoc'
import { selectCards } from '../board/records'
import { readStructure } from '../board/workshopState'
import { Ballot, type VotingRound } from './schema'
import { hasPublishedBallot, publishBallot, readBallotEntries, readRounds } from './state'

/**
 * Dot voting. A person's dots live on their own device (the renderer keeps them in React state and
 * localStorage) while a round is open; only a closed round's ballots are published to the document.
 * Tallies reuse the export module's counting (export/votes.ts), so results on screen and in every
 * export always agree.
 */

/** Whether a card can take dots in a round: its kind is one of the round's kinds and it is in the region. */
export function isEligible(round: VotingRound, card: CardRecord, structure: BoardStructure | null): boolean {
  if (round.kinds.length > 0 && !round.kinds.includes(card.props.kind)) return false
  if (round.region === null) return true
  return inRegion(round.region, attributeCard(structure, cardBounds(card)))
}

function inRegion(region: NonNullable<VotingRound['region']>, ref: CellRef): boolean {
  switch (region.type) {
    case 'stage':
      return ref.type === 'cell' && ref.stageId === region.stageId
    case 'lane':
      return ref.type === 'cell' && ref.laneId === region.laneId
    case 'zone':
      return ref.type === 'zone' && ref.zoneId === region.zoneId
  }
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

export interface CardResult {
  readonly cardId: string
  readonly total: number
  readonly byRole: Record<CoproRole, number>
}

export interface RoundResults {
  readonly roundId: string
  readonly ballots: number
  /** Cards with at least one dot, most dots first (ties by card id). */
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
  const raw = readSession(doc)
  const rounds = readRounds(doc).filter((r) => r.id === roundId)
  const structure = readStructure(doc)
  // only cards eligible in this round (kinds and region) can take dots
  const cardKinds = new Map(
    selectCards(raw.records)
      .cards.filter((c) => rounds[0] !== undefined && isEligible(rounds[0], c, structure))
      .map((c) => [c.id, c.props.kind]),
  )
  const ballots = readBallotEntries(doc).filter(([k]) => k.startsWith(`${roundId}/`))
  return resultsFromTally(roundId, tallyVotes(rounds, ballots, cardKinds, raw.withdrawn))
}

export function resultsFromTally(roundId: string, tally: ReturnType<typeof tallyVotes>): RoundResults {
  const byCard = new Map<string, { total: number; byRole: Record<CoproRole, number> }>()
  const voters = new Map<string, CoproRole>()
  for (const v of tally.votes) {
    let e = byCard.get(v.cardId)
    if (!e) byCard.set(v.cardId, (e = { total: 0, byRole: emptyByRole() }))
    e.total++
    e.byRole[v.role]++
    voters.set(v.participantId, v.role)
  }
  const cards = [...byCard.entries()]
    .map(([cardId, e]) => ({ cardId, ...e }))
    .sort((a, b) => b.total - a.total || (a.cardId < b.cardId ? -1 : 1))
  const byRole = {} as Record<CoproRole, Array<{ cardId: string; votes: number }>>
  for (const r of COPRO_ROLES) {
    byRole[r] = cards
      .filter((c) => c.byRole[r] > 0)
      .map((c) => ({ cardId: c.cardId, votes: c.byRole[r] }))
      .sort((a, b) => b.votes - a.votes || (a.cardId < b.cardId ? -1 : 1))
  }
  const votersByRole = emptyByRole()
  for (const role of voters.values()) votersByRole[role]++
  return { roundId, ballots: tally.ballotsCounted.get(roundId) ?? 0, cards, byRole, votersByRole }
}

/** Spotlight-able areas of a structure: whole stages (with header), lanes (with header), cells, zones. */
export function structureAreas(
  structure: BoardStructure | null,
): Array<{ key: string; label: string; rect: { x: number; y: number; w: number; h: number } }> {
  if (!structure) return []
  if (structure.type === 'zones')
    return structure.zones.map((z) => ({
      key: `zone:${z.id}`,
      label: `Zone: ${z.label}`,
      rect: { x: z.x, y: z.y, w: z.w, h: z.h },
    }))
  const xs = gridStageEdges(structure)
  const ys = gridLaneEdges(structure)
  const totalH = ys[ys.length - 1]! - structure.y
  const totalW = xs[xs.length - 1]! - structure.x
  return [
    ...structure.stages.map((s, i) => ({
      key: `stage:${s.id}`,
      label: `Stage: ${s.label}`,
      rect: { x: xs[i]!, y: structure.y, w: s.width, h: totalH },
    })),
    ...structure.lanes.map((l, i) => ({
      key: `lane:${l.id}`,
      label: `Lane: ${l.label}`,
      rect: { x: structure.x, y: ys[i]!, w: totalW, h: l.height },
    })),
    // single cells too, while the list stays short enough to choose from
    ...(structure.stages.length * structure.lanes.length <= 60
      ? structure.lanes.flatMap((l, li) =>
          structure.stages.map((s, si) => ({
            key: `cell:${s.id}:${l.id}`,
            label: `Cell: ${s.label} × ${l.label}`,
            rect: { x: xs[si]!, y: ys[li]!, w: s.width, h: l.height },
          })),
        )
      : []),
  ]
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
