import { useMemo, useState } from 'react'
import { useWorkshopAnnouncer, type AnnouncedBoard, type Announcer } from './useWorkshopAnnouncer'
import '../../device/a11y.css'

/**
 * Live-region announcements for a board outside the workbench (the guest app): activity changes,
 * timer milestones, reveals, voting and results, and new cards in the cell the person is looking at.
 * Renders its own polite and assertive live regions. Mount it once next to the board:
 *
 *   <BoardAnnouncer board={api ? { ...api, sessionId, identity } : null} />
 */
export function BoardAnnouncer({ board }: { board: AnnouncedBoard | null }) {
  const [said, setSaid] = useState({ polite: '', assertive: '', seq: 0 })
  const announcer = useMemo<Announcer>(
    () => ({
      announce: (text, opts = {}) =>
        setSaid((s) =>
          opts.politeness === 'assertive'
            ? { polite: '', assertive: text, seq: s.seq + 1 }
            : { polite: text, assertive: '', seq: s.seq + 1 },
        ),
    }),
    [],
  )
  // a new object for the same board (e.g. spread in the parent's render) must not restart the watchers
  const doc = board?.doc
  const cards = board?.cards
  const sessionId = board?.sessionId
  const me = board?.identity.id
  const stable = useMemo<AnnouncedBoard | null>(
    () =>
      doc && cards && sessionId && me !== undefined ? { doc, cards, sessionId, identity: { id: me } } : null,
    [doc, cards, sessionId, me],
  )
  useWorkshopAnnouncer(announcer, stable)
  return (
    <>
      <div className="a11y-live" aria-live="polite" role="status" data-testid="board-announcer">
        <span key={said.seq}>{said.polite}</span>
      </div>
      <div className="a11y-live" aria-live="assertive" role="alert" data-testid="board-announcer-assertive">
        <span key={said.seq}>{said.assertive}</span>
      </div>
    </>
  )
}
