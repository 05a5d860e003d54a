import type { CardRecord } from '../../../core/common/cards/cardRecord'
import type { VotingRound } from '../../../core/common/voting/round'
import { CHOICES, choiceOn, setChoice } from '../../../core/common/voting/methods/agreement'
import { SCALE_POINTS, scoreOn, setScore } from '../../../core/common/voting/methods/scale'
import { move, pick, positionOf, unpick } from '../../../core/common/voting/methods/rank'
import { CARD_KIND_INFO } from '../../../shared/model/cardKinds'
import type { LocalVotes } from '../../session/localVotes'

const snippet = (t: string) => (t.length > 80 ? `${t.slice(0, 79)}…` : t) || '(empty card)'

/** Words of the voting panel, kept together for the message catalogues (issue 19). */
export const COPY = {
  method: 'How people decide',
  criteria: 'Criteria (1 to 3), each card scored 1–5',
  criterion: (n: number) => `Criterion ${n}`,
  needCriterion: 'Name at least one criterion.',
  topN: 'How many cards each person ranks',
  choice: { agree: 'Agree', disagree: 'Disagree', pass: 'Pass' } as const,
  ranked: (n: number, of: number) => `${n} of ${of} ranked.`,
  rankPick: 'Rank',
  rankUp: 'Move up',
  rankDown: 'Move down',
  rankRemove: 'Remove',
}

/** Answers for agreement, scale and rank rounds on this device (dots use VoteList). */
export function AnswerList(props: {
  round: VotingRound
  cards: CardRecord[]
  votes: LocalVotes
  voterId: string
}) {
  const { round, cards, votes, voterId } = props
  const answers = votes.answers(round.id, voterId)
  const change = (f: Parameters<LocalVotes['update']>[2]) => votes.update(round.id, voterId, f)
  const label = (c: CardRecord) => `${CARD_KIND_INFO[c.props.kind].label}: ${snippet(c.props.text)}`
  if (round.method === 'rank') {
    const ranked = answers.cardIds.map((id) => cards.find((c) => c.id === id)).filter((c) => c !== undefined)
    return (
      <>
        <p role="status">{COPY.ranked(answers.cardIds.length, round.topN)}</p>
        <ol className="facil-vote-list" aria-label="Your ranking">
          {ranked.map((c, i) => (
            <li key={c.id}>
              {label(c)}
              <span className="row-actions">
                <button
                  type="button"
                  className="button small"
                  disabled={i === 0}
                  aria-label={`${COPY.rankUp}: ${label(c)}`}
                  onClick={() => change((a) => move(a, c.id, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button small"
                  disabled={i === ranked.length - 1}
                  aria-label={`${COPY.rankDown}: ${label(c)}`}
                  onClick={() => change((a) => move(a, c.id, 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button small"
                  aria-label={`${COPY.rankRemove}: ${label(c)}`}
                  onClick={() => change((a) => unpick(a, c.id))}
                >
                  ×
                </button>
              </span>
            </li>
          ))}
        </ol>
        <ul className="facil-vote-list" aria-label="Cards you can rank">
          {cards
            .filter((c) => positionOf(answers, c.id) < 0)
            .map((c) => (
              <li key={c.id}>
                {label(c)}
                <button
                  type="button"
                  className="button small"
                  disabled={answers.cardIds.length >= round.topN}
                  onClick={() => change((a) => pick(a, c.id, round.topN))}
                >
                  {COPY.rankPick}
                </button>
              </li>
            ))}
        </ul>
      </>
    )
  }
  return (
    <ul className="facil-vote-list" aria-label="Cards you can vote on">
      {cards.map((c) => (
        <li key={c.id}>
          <span>{label(c)}</span>
          {round.method === 'agreement' ? (
            <span className="row-actions" role="group" aria-label={label(c)}>
              {CHOICES.map((ch) => (
                <button
                  key={ch}
                  type="button"
                  className="button small"
                  aria-pressed={choiceOn(answers, c.id) === ch}
                  onClick={() => change((a) => setChoice(a, c.id, choiceOn(a, c.id) === ch ? null : ch))}
                >
                  {COPY.choice[ch]}
                </button>
              ))}
            </span>
          ) : (
            round.criteria.map((crit, i) => (
              <span key={crit} className="row-actions" role="group" aria-label={`${crit}: ${label(c)}`}>
                {crit}{' '}
                {SCALE_POINTS.map((n) => (
                  <button
                    key={n}
                    type="button"
                    className="button small"
                    aria-pressed={scoreOn(answers, c.id, i) === n}
                    onClick={() => change((a) => setScore(a, c.id, i, scoreOn(a, c.id, i) === n ? null : n))}
                  >
                    {n}
                  </button>
                ))}
              </span>
            ))
          )}
        </li>
      ))}
      {cards.length === 0 && <li className="muted">No cards to vote on yet.</li>}
    </ul>
  )
}
