import type { BoardStructure, CellRef } from '../../../shared/model/structure'
import { cardBounds, type CardRecord } from '../cards/cardRecord'
import { attributeCard } from '../structure/attribution'
import type { VotingRound } from './round'

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
