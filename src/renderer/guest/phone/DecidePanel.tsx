import { useRef, useSyncExternalStore } from 'react'
import { KindIcon } from '../../device/icons/KindIcon'
import { CARD_KIND_INFO } from '../../../core/common/cards/card'
import type { VotingRound } from '../../../core/common/voting/round'
import { CHOICES, choiceOn, setChoice } from '../../../core/common/voting/methods/agreement'
import { SCALE_POINTS, scoreOn, setScore } from '../../../core/common/voting/methods/scale'
import { move, pick, unpick } from '../../../core/common/voting/methods/rank'
import type { BallotContent } from '../../../core/common/voting/methods/types'
import type { Phone } from './usePhone'
import type { PhoneCardView } from './snapshot'
import { kindLabel, useT, type TFunction } from '../../device/i18n'
import { methodDescribe } from '../../../core/common/voting/describe'
import './decide.css'

/** Words of the phone's ways to decide, kept together for the message catalogues (issue 19). */
const decideCopy = (t: TFunction) => ({
  private: t('phone.decide.private'),
  choice: {
    agree: t('voting.label.agree'),
    disagree: t('voting.label.disagree'),
    pass: t('voting.label.pass'),
  } as const,
  answered: (n: number, of: number) => t('phone.decide.answered', { n, count: of }),
  scored: (crit: string, card: string) => t('phone.decide.scored', { crit, card }),
  ranked: (n: number, of: number) => t('phone.decide.ranked', { n, count: of }),
  yourRanking: t('phone.decide.yourRanking'),
  noneRanked: t('phone.decide.noneRanked'),
  toRank: t('phone.decide.toRank'),
  rank: t('phone.decide.rank'),
  full: t('phone.decide.full'),
  answerOn: (card: string) => t('phone.decide.answerOn', { card }),
  pick: (card: string, full: boolean) => t('phone.decide.pick', { card, full: String(full) }),
  place: (n: number) => t('phone.decide.place', { n }),
  up: (card: string) => t('phone.decide.up', { card }),
  down: (card: string) => t('phone.decide.down', { card }),
  remove: (card: string) => t('phone.decide.remove', { card }),
  none: t('phone.decide.none'),
})

const short = (t: string) => (t.length > 60 ? `${t.slice(0, 57)}…` : t)

/**
 * Agreement, scale and rank rounds on the phone (dots are VotePanel's): agreement is three large
 * buttons per card; scale a 1–5 segmented control per criterion; rank picks cards in order, with move
 * up / move down / remove buttons (all ≥ 48 px, all keyboard operable). Answers stay on this phone
 * (session/localVotes.ts) until the round closes, then the ballot is published (voting/ballots.ts).
 */
export function DecidePanel({ phone, me, round }: { phone: Phone; me: string; round: VotingRound }) {
  useSyncExternalStore(phone.votes.subscribe, phone.votes.getVersion)
  const t = useT()
  const COPY = decideCopy(t)
  const answers = phone.votes.answers(round.id, me)
  const change = (f: (a: BallotContent) => BallotContent) => phone.votes.update(round.id, me, f)
  const cards = phone.snap.cards.filter((c) => phone.snap.eligible.has(c.id))
  return (
    <div className="phone-panel" data-testid="phone-vote" data-method={round.method}>
      {round.title && <h2 className="phone-h2">{round.title}</h2>}
      <p className="phone-hint">{methodDescribe(round, t)}.</p>
      <p className="phone-hint">{COPY.private}</p>
      {round.method === 'rank' ? (
        <RankList round={round} cards={cards} answers={answers} change={change} />
      ) : (
        <>
          <p className="phone-dots-left" role="status" data-testid="phone-answered">
            {COPY.answered(answeredCards(round, answers), cards.length)}
          </p>
          <ul className="phone-list">
            {cards.map((c) => (
              <li
                key={c.id}
                className="phone-vote-row"
                style={{ borderColor: CARD_KIND_INFO[c.kind].colour }}
                data-testid="phone-vote-row"
              >
                <CardHead card={c} />
                {round.method === 'agreement' ? (
                  <span className="decide-choices" role="group" aria-label={COPY.answerOn(short(c.text))}>
                    {CHOICES.map((ch) => {
                      const on = choiceOn(answers, c.id) === ch
                      return (
                        <button
                          key={ch}
                          type="button"
                          className={`decide-btn decide-btn--${ch}`}
                          data-testid={`phone-${ch}`}
                          aria-pressed={on}
                          onClick={() => change((a) => setChoice(a, c.id, on ? null : ch))}
                        >
                          {on && <span aria-hidden="true">✓ </span>}
                          {COPY.choice[ch]}
                        </button>
                      )
                    })}
                  </span>
                ) : (
                  round.criteria.map((crit, i) => (
                    <div
                      key={crit}
                      className="decide-scale"
                      role="radiogroup"
                      aria-label={COPY.scored(crit, short(c.text))}
                    >
                      <span className="decide-scale__label" aria-hidden="true">
                        {crit}
                      </span>
                      <span className="decide-scale__points">
                        {SCALE_POINTS.map((n) => {
                          const on = scoreOn(answers, c.id, i) === n
                          return (
                            <button
                              key={n}
                              type="button"
                              role="radio"
                              aria-checked={on}
                              aria-label={`${n}`}
                              className="decide-seg"
                              data-testid="phone-score"
                              onClick={() => change((a) => setScore(a, c.id, i, on ? null : n))}
                            >
                              {n}
                            </button>
                          )
                        })}
                      </span>
                    </div>
                  ))
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {cards.length === 0 && <p className="phone-prompt">{COPY.none}</p>}
    </div>
  )
}

function answeredCards(round: VotingRound, a: BallotContent): number {
  if (round.method === 'agreement') return (a.agreement ?? []).length
  return new Set((a.scores ?? []).map((s) => s.cardId)).size
}

function CardHead({ card }: { card: PhoneCardView }) {
  const t = useT()
  const info = CARD_KIND_INFO[card.kind]
  return (
    <>
      <span className="phone-card__meta">
        <span className="phone-card__kind" style={{ background: info.colour }}>
          <KindIcon kind={card.kind} /> {kindLabel(t, card.kind)}
        </span>
      </span>
      <span className="phone-card__text">{card.text}</span>
    </>
  )
}

function RankList(props: {
  round: VotingRound
  cards: readonly PhoneCardView[]
  answers: BallotContent
  change(f: (a: BallotContent) => BallotContent): void
}) {
  const { round, cards, answers, change } = props
  const COPY = decideCopy(useT())
  const listRef = useRef<HTMLOListElement>(null)
  const byId = new Map(cards.map((c) => [c.id, c]))
  const ranked = answers.cardIds.map((id) => byId.get(id)).filter((c) => c !== undefined)
  const full = answers.cardIds.length >= round.topN
  /** After a move, focus follows the card so the keyboard user can keep moving it. */
  const moveAndFocus = (id: string, by: -1 | 1, i: number) => {
    change((a) => move(a, id, by))
    requestAnimationFrame(() => {
      const btn = listRef.current?.querySelectorAll<HTMLButtonElement>(`[data-move="${by}"]`)[i + by]
      ;(btn && !btn.getAttribute('aria-disabled')
        ? btn
        : listRef.current?.querySelectorAll('button')[0]
      )?.focus()
    })
  }
  return (
    <>
      <p className="phone-dots-left" role="status" data-testid="phone-ranked">
        {COPY.ranked(answers.cardIds.length, round.topN)}
      </p>
      <h3 className="decide-h3">{COPY.yourRanking}</h3>
      {ranked.length === 0 && <p className="phone-hint">{COPY.noneRanked}</p>}
      <ol className="phone-list decide-ranking" ref={listRef} data-testid="phone-ranking">
        {ranked.map((c, i) => (
          <li
            key={c.id}
            className="phone-vote-row decide-ranked"
            style={{ borderColor: CARD_KIND_INFO[c.kind].colour }}
            data-testid="phone-ranked-row"
          >
            <span className="decide-place" aria-hidden="true">
              {i + 1}
            </span>
            <span className="phone-card__text">
              <span className="visually-hidden">{i + 1}. </span>
              {c.text}
            </span>
            <span className="decide-moves">
              <button
                type="button"
                className="phone-dot-btn"
                data-move="-1"
                data-testid="phone-rank-up"
                aria-label={COPY.up(short(c.text))}
                aria-disabled={i === 0}
                onClick={() => i > 0 && moveAndFocus(c.id, -1, i)}
              >
                ↑
              </button>
              <button
                type="button"
                className="phone-dot-btn"
                data-move="1"
                data-testid="phone-rank-down"
                aria-label={COPY.down(short(c.text))}
                aria-disabled={i === ranked.length - 1}
                onClick={() => i < ranked.length - 1 && moveAndFocus(c.id, 1, i)}
              >
                ↓
              </button>
              <button
                type="button"
                className="phone-dot-btn"
                data-testid="phone-rank-remove"
                aria-label={COPY.remove(short(c.text))}
                onClick={() => change((a) => unpick(a, c.id))}
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      <h3 className="decide-h3">{COPY.toRank}</h3>
      <ul className="phone-list">
        {cards
          .filter((c) => !answers.cardIds.includes(c.id))
          .map((c) => (
            <li
              key={c.id}
              className="phone-vote-row"
              style={{ borderColor: CARD_KIND_INFO[c.kind].colour }}
              data-testid="phone-vote-row"
            >
              <CardHead card={c} />
              <button
                type="button"
                className="decide-btn"
                data-testid="phone-rank-pick"
                aria-disabled={full}
                aria-label={COPY.pick(short(c.text), full)}
                onClick={() => !full && change((a) => pick(a, c.id, round.topN))}
              >
                {full ? COPY.full : COPY.place(answers.cardIds.length + 1)}
              </button>
            </li>
          ))}
      </ul>
    </>
  )
}
