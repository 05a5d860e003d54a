import { useEffect } from 'react'
import { readStructure } from '../../../core/common/session/read'
import { dotsOn } from '../../../core/common/voting/ballots'
import { isEligible } from '../../../core/common/voting/eligibility'
import type { BoardSession } from '../../session/BoardSession'
import type { VotingBridge } from '../../session/votingBridge'
import { readWorkshopSnapshot } from '../../session/workshop'
import { sessionMap } from '../../../core/common/session/docSchema'

/**
 * While a voting round is open on the active board, registers a voting bridge backed by the same
 * on-device dots as the canvas's vote overlay (session.votes), so the outline can
 * vote. A bridge registered later by the facilitation UI for the same session takes its place.
 */
export function useDefaultVotingBridge(session: BoardSession | null): void {
  const board = session?.board ?? null
  useEffect(() => {
    if (!board || !session) return
    const { doc } = board
    const votes = session.votes
    const voter = board.identity.id
    let off: (() => void) | null = null
    let roundId: string | null = null
    const sync = () => {
      // the outline's per-card vote buttons are dots; other methods are answered in the Facilitation
      // view, on the canvas or on a phone
      const round =
        readWorkshopSnapshot(doc).rounds.find((r) => r.status === 'open' && r.method === 'dots') ?? null
      if (round?.id === roundId) return
      off?.()
      off = null
      roundId = round?.id ?? null
      if (!round) return
      const dots = () => votes.dots(round.id, voter)
      const bridge: VotingBridge = {
        roundId: round.id,
        title: round.title,
        dotsPerPerson: round.dotsPerPerson,
        dotsLeft: () => Math.max(0, round.dotsPerPerson - dots().length),
        dotsOn: (cardId) => dotsOn(dots(), cardId),
        canVote: (cardId) => {
          const card = board.cards.get(cardId)
          return !!card && isEligible(round, card, readStructure(doc))
        },
        addDot: (cardId) => votes.vote(round.id, voter, cardId, round.dotsPerPerson),
        removeDot: (cardId) => votes.unvote(round.id, voter, cardId),
        subscribe: (l) => votes.subscribe(l),
      }
      off = session.setVotingBridge(bridge)
    }
    sync()
    const voting = sessionMap(doc, 'voting')
    voting.observeDeep(sync)
    return () => {
      voting.unobserveDeep(sync)
      off?.()
    }
  }, [session, board])
}
