import type { VotingBridge } from '../../session/votingBridge'
import type { OutlineCell, OutlineHeading } from './outlineModel'
import { useT, type TFunction } from '../../device/i18n'

/** Small pieces of the outline: a stage or lane heading, one cell's card list, the open round's note. */

export function Heading({ h, kind }: { h: OutlineHeading; kind: string }) {
  return (
    <>
      <span className="visually-hidden">{kind}: </span>
      <span className="outline-heading-label" dir="auto">
        {h.label}
      </span>
      {h.prompt && (
        <span className="outline-prompt" dir="auto">
          {h.prompt}
        </span>
      )}
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
  const t = useT()
  const n = p.cell.cards.length
  return (
    <div className="outline-cell" onFocus={() => p.onFocusCell(p.cell.key)}>
      {n === 0 ? (
        <p className="muted outline-none">{t('outline.cell.none')}</p>
      ) : (
        <ul className="outline-cards" aria-label={`${p.cell.label}: ${t('common.cardCount', { count: n })}`}>
          {p.cell.cards.map(p.renderCard)}
        </ul>
      )}
      {!p.readOnly && (
        <button
          type="button"
          className="button small outline-add-here"
          aria-label={t('outline.cell.addHereIn', { where: p.cell.label })}
          onClick={p.onAddHere}
        >
          {t('outline.cell.addHere')}
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
  const t = useT()
  const open = <strong>{title ? t('outline.voting.openTitled', { title }) : t('outline.voting.open')}</strong>
  if (how)
    return (
      <p>
        {open} {t('outline.voting.how', { how })}
      </p>
    )
  if (!voting)
    return (
      <p>
        {open} {t('outline.voting.each', { count: dots })}
      </p>
    )
  const left = voting.dotsLeft()
  return (
    <p>
      {open} {t('outline.voting.left', { left, count: dots })}
    </p>
  )
}

/** A card's comments and "me too"s in words ("2 comments, 1 me too"), or nothing. */
export function talkText(t: TFunction, comments: number, meToo: number): string {
  return [
    comments ? t('phone.comments.count', { count: comments }) : '',
    meToo ? t('phone.comments.meTooCount', { count: meToo }) : '',
  ]
    .filter(Boolean)
    .join(', ')
}
