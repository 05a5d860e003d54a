import type { VotingBridge } from '../../session/votingBridge'
import type { OutlineCell, OutlineHeading } from './outlineModel'

/** Small pieces of the outline: a stage or lane heading, one cell's card list, the open round's note. */

export function Heading({ h, kind }: { h: OutlineHeading; kind: string }) {
  return (
    <>
      <span className="visually-hidden">{kind}: </span>
      <span className="outline-heading-label">{h.label}</span>
      {h.prompt && <span className="outline-prompt">{h.prompt}</span>}
    </>
  )
}

export function CellBody(p: {
  cell: OutlineCell
  onFocusCell(key: string): void
  readOnly: boolean
  onAddHere(): void
  renderCard(c: OutlineCell['cards'][number]): React.ReactNode
}) {
  const n = p.cell.cards.length
  return (
    <div className="outline-cell" onFocus={() => p.onFocusCell(p.cell.key)}>
      {n === 0 ? (
        <p className="muted outline-none">No cards yet.</p>
      ) : (
        <ul className="outline-cards" aria-label={`${p.cell.label}: ${n === 1 ? '1 card' : `${n} cards`}`}>
          {p.cell.cards.map(p.renderCard)}
        </ul>
      )}
      {!p.readOnly && (
        <button
          type="button"
          className="button small outline-add-here"
          aria-label={`Add a card here: ${p.cell.label}`}
          onClick={p.onAddHere}
        >
          Add a card here
        </button>
      )}
    </div>
  )
}

export function VotingNote({
  title,
  dots,
  voting,
  how,
}: {
  title: string
  dots: number
  voting: VotingBridge | null
  /** Rounds other than dots: how people decide, answered in the Facilitation view or on the canvas. */
  how?: string
}) {
  const name = title ? `: ${title}` : ''
  if (how)
    return (
      <p>
        <strong>Voting is open{name}.</strong> {how}. Answer in the Facilitation view, on the cards on the
        canvas, or on your phone.
      </p>
    )
  if (!voting)
    return (
      <p>
        <strong>Voting is open{name}.</strong> Each person has {dots} {dots === 1 ? 'vote' : 'votes'}. Vote
        from the Facilitation view.
      </p>
    )
  const left = voting.dotsLeft()
  return (
    <p>
      <strong>Voting is open{name}.</strong> You have {left} of {dots} {dots === 1 ? 'vote' : 'votes'} left.
      Use the Vote button on a card.
    </p>
  )
}
