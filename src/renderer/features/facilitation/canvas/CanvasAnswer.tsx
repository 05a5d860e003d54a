import type { VotingRound } from '../../../../core/common/voting/round'
import { CHOICES, choiceOn, setChoice } from '../../../../core/common/voting/methods/agreement'
import { SCALE_POINTS, scoreOn, setScore } from '../../../../core/common/voting/methods/scale'
import { pick, positionOf, unpick } from '../../../../core/common/voting/methods/rank'
import type { LocalVotes } from '../../../session/localVotes'
import { useT } from '../../../device/i18n'

const MARK = { agree: '✓', disagree: '✗', pass: '–' } as const

/**
 * A card's answer control on the canvas for agreement, scale and rank rounds (dots are VoteOverlay's):
 * agree / disagree / pass buttons; a 1–5 choice per criterion; "Rank" (then its place, click again to
 * take it out). Answers stay on this device until the round closes (session/localVotes.ts).
 */
export function CanvasAnswer(props: {
  round: VotingRound
  cardId: string
  votes: LocalVotes
  voterId: string
}) {
  const { round, cardId, votes, voterId } = props
  const t = useT()
  const a = votes.answers(round.id, voterId)
  const stop = (e: React.PointerEvent) => e.stopPropagation()
  const change = (f: Parameters<LocalVotes['update']>[2]) => votes.update(round.id, voterId, f)
  if (round.method === 'agreement')
    return (
      <span role="group" aria-label={t('facilitation.answer.group')} className="facil-answer">
        {CHOICES.map((ch) => {
          const on = choiceOn(a, cardId) === ch
          return (
            <button
              key={ch}
              type="button"
              className="facil-vote__btn"
              aria-label={t(`voting.label.${ch}`)}
              aria-pressed={on}
              data-testid={`canvas-${ch}`}
              onPointerDown={stop}
              onClick={() => change((x) => setChoice(x, cardId, on ? null : ch))}
            >
              {MARK[ch]}
            </button>
          )
        })}
      </span>
    )
  if (round.method === 'scale')
    return (
      <span className="facil-answer">
        {round.criteria.map((crit, i) => (
          <label key={crit} className="facil-answer__scale" onPointerDown={stop}>
            {crit}{' '}
            <select
              value={scoreOn(a, cardId, i) ?? ''}
              onChange={(e) =>
                change((x) => setScore(x, cardId, i, e.target.value ? Number(e.target.value) : null))
              }
            >
              <option value="">–</option>
              {SCALE_POINTS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        ))}
      </span>
    )
  const at = positionOf(a, cardId)
  const full = a.cardIds.length >= round.topN
  return (
    <button
      type="button"
      className="facil-vote__btn"
      aria-label={
        at >= 0
          ? t('facilitation.answer.ranked', { n: at + 1 })
          : t('facilitation.answer.rank', { n: a.cardIds.length + 1 })
      }
      disabled={at < 0 && full}
      data-testid="canvas-rank"
      onPointerDown={stop}
      onClick={() => change((x) => (at >= 0 ? unpick(x, cardId) : pick(x, cardId, round.topN)))}
    >
      {at >= 0 ? `#${at + 1}` : t('phone.decide.rank')}
    </button>
  )
}
