import { useEffect, useRef } from 'react'
import { sessionMap } from '../../../core/common/session/docSchema'
import { readBallotEntries, readWithdrawn } from '../../../core/common/session/read'
import { cellKey, createAttributor } from '../../../core/common/structure/attribution'
import { cardBounds } from '../../../core/common/cards/cardRecord'
import { readStructure } from '../../../core/common/session/read'
import { resultsFromTally, tallyVotes, voterRoles } from '../../../core/common/voting/tally'
import type { TimerState } from '../../../core/common/facilitation/schema'
import type * as Y from 'yjs'
import type { CardOps } from '../../board/a11y/cardOps'
import { cellName as describeCellRef } from '../../../core/common/structure/cellLabel'
import { observeWorkshop, readWorkshopSnapshot } from '../../session/workshop'
import { NewCardBatcher } from './newCards'
import {
  TimerWatcher,
  methodResultsText,
  votingResultsText,
  workshopChanges,
  type Announcement,
  type Politeness,
} from './workshopAnnouncements'

/** Anything that can speak through live regions (the WorkbenchStore is one; BoardAnnouncer has its own). */
export interface Announcer {
  announce(text: string, opts?: { politeness?: Politeness }): void
}

/** What the announcer needs of a board: the BoardApi plus who is looking at it. */
export interface AnnouncedBoard {
  readonly doc: Y.Doc
  readonly cards: CardOps
  readonly sessionId: string
  readonly identity: { readonly id: string }
}

/** Remaining time on the local clock (the relay's clock is within a round trip of it on a LAN). */
export function timerRemaining(t: TimerState | null, now: number): number {
  if (!t) return 0
  if (t.status === 'done') return 0
  const running = t.status === 'running' && t.startedAt !== null ? Math.max(0, now - t.startedAt) : 0
  return Math.max(0, t.durationMs - t.elapsedBeforeMs - running)
}

/** Speaks a batch: one live-region update per politeness (a second update would replace the first). */
export function speak(store: Announcer, list: readonly Announcement[]): void {
  for (const politeness of ['polite', 'assertive'] as const) {
    const text = list
      .filter((a) => a.politeness === politeness)
      .map((a) => a.text)
      .join(' ')
    if (text) store.announce(text, { politeness })
  }
}

/**
 * Live-region announcements for the open board: activity changes, timer milestones, reveals, voting
 * opening/closing and results, and (throttled) new cards from other people in this person's cell.
 */
export function useWorkshopAnnouncer(
  store: Announcer,
  board: AnnouncedBoard | null,
  /** The outline's focused cell when the outline is what the person is looking at (it then counts). */
  outlineCell: () => string | null = () => null,
): void {
  const outlineCellRef = useRef(outlineCell)
  outlineCellRef.current = outlineCell
  useEffect(() => {
    if (!board) return
    const doc = board.doc
    let prev = readWorkshopSnapshot(doc)
    const timer = new TimerWatcher()
    timer.update(prev.timer, timerRemaining(prev.timer, Date.now())) // what was true before we came is old news
    const tick = () => speak(store, timer.update(prev.timer, timerRemaining(prev.timer, Date.now())))
    const offWorkshop = observeWorkshop(doc, () => {
      const next = readWorkshopSnapshot(doc)
      const changes = workshopChanges(prev, next)
      prev = next
      const milestones = timer.update(prev.timer, timerRemaining(prev.timer, Date.now()))
      speak(store, [...changes, ...milestones])
      scheduleResults()
    })
    const interval = setInterval(tick, 1000)

    // voting results: once the ballots of a closed round have stopped arriving for a moment
    const ballots = sessionMap(doc, 'ballots')
    const counted = new Map<string, number>()
    const ballotCount = (roundId: string) =>
      [...ballots.keys()].filter((k) => k.startsWith(`${roundId}/`)).length
    for (const r of prev.rounds) if (r.status === 'closed') counted.set(r.id, ballotCount(r.id))
    let resultsTimer: ReturnType<typeof setTimeout> | null = null
    const announceResults = () => {
      resultsTimer = null
      const cards = board.cards.list()
      const kinds = new Map(cards.map((c) => [c.id, c.props.kind]))
      const texts = new Map(cards.map((c) => [c.id, c.props.text]))
      const withdrawn = readWithdrawn(doc)
      for (const r of readWorkshopSnapshot(doc).rounds) {
        if (r.status !== 'closed') continue
        const n = ballotCount(r.id)
        if (n === 0 || counted.get(r.id) === n) continue
        counted.set(r.id, n)
        // one round at a time, so every counted vote belongs to it
        const entries = readBallotEntries(doc).filter(([k]) => k.startsWith(`${r.id}/`))
        const tally = tallyVotes([r], entries, kinds, withdrawn, voterRoles(doc))
        store.announce(
          r.method === 'dots'
            ? votingResultsText(r, tally.votes, (id) => texts.get(id))
            : methodResultsText(r, resultsFromTally(r.id, tally), (id) => texts.get(id)),
        )
      }
    }
    const scheduleResults = () => {
      if (resultsTimer !== null) clearTimeout(resultsTimer)
      resultsTimer = setTimeout(announceResults, 2500)
    }
    const onBallots = () => scheduleResults()
    ballots.observe(onBallots)

    // new cards from other people in this person's current cell, at most one summary every 5 s
    const batcher = new NewCardBatcher((text) => store.announce(text))
    const offCards = board.cards.onRemoteAdded((ids) => {
      const structure = readStructure(doc)
      const attribute = createAttributor(structure)
      let here = outlineCellRef.current()
      if (here === null) {
        const c = board.cards.viewportCentre()
        here = c ? cellKey(attribute({ x: c.x, y: c.y, w: 0, h: 0 })) : null
      }
      if (here === null) return
      for (const id of ids) {
        const card = board.cards.get(id)
        if (!card || card.props.authorId === board.identity.id) continue
        const ref = attribute(cardBounds(card))
        if (cellKey(ref) !== here) continue
        const label =
          ref.type === 'unplaced' ? 'the board, outside the cells' : describeCellRef(structure, ref)
        batcher.add(label)
      }
    })

    return () => {
      offWorkshop()
      clearInterval(interval)
      ballots.unobserve(onBallots)
      if (resultsTimer !== null) clearTimeout(resultsTimer)
      offCards()
      batcher.dispose()
    }
  }, [store, board])
}
