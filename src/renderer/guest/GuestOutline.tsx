import { useMemo, useState } from 'react'
import type { BoardApi, BoardIdentity } from '../board/Board'
import { Outline, type OutlineHost } from '../features/outline/OutlineView'

/**
 * The outline view (headings + table of cells with their cards) for guests, so a person using a screen
 * reader or only a keyboard can read, add, edit, move and vote on cards from their own device. It is
 * mounted inside the guest's BoardSession and speaks through its own live region.
 */
export function GuestOutline({
  api,
  sessionId,
  identity,
  title,
}: {
  api: BoardApi
  sessionId: string
  identity: BoardIdentity
  title: string
}) {
  const [said, setSaid] = useState({ text: '', seq: 0 })
  const host = useMemo<OutlineHost>(
    () => ({
      announce: (text) => setSaid((s) => ({ text, seq: s.seq + 1 })),
      // the list view replaces the canvas; a revealed card is selected there for when the person switches
      showCanvas: () => {},
    }),
    [],
  )
  const board = useMemo(() => ({ ...api, sessionId, identity }), [api, sessionId, identity])
  return (
    <div className="guest-outline" data-testid="guest-outline">
      <Outline board={board} title={title} host={host} shown />
      <div className="visually-hidden" role="status" aria-live="polite">
        <span key={said.seq}>{said.text}</span>
      </div>
    </div>
  )
}
