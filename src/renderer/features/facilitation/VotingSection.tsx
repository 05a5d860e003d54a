import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import type { CardRecord } from '../../../core/common/cards/cardRecord'
import { privateActivityOf } from '../../../core/common/facilitation/privateCards'
import { readStructure } from '../../../core/common/session/read'
import {
  closeRound,
  readRounds,
  readShowResults,
  writeShowResults,
  type VotingRound,
} from '../../../core/common/voting/round'
import { cardSummary, measureLabel, roleSummary, roundHow } from '../../../core/common/voting/describe'
import { dotsOn } from '../../../core/common/voting/ballots'
import { isEligible } from '../../../core/common/voting/eligibility'
import { roundResults } from '../../../core/common/voting/tally'
import { COPRO_ROLES } from '../../../shared/model/roles'
import { kindLabel, roleLabel, roleShort, useT } from '../../device/i18n'
import type { LocalVotes } from '../../session/localVotes'
import type { SessionBoard } from '../../session/BoardSession'
import { useCards } from '../../session/useCards'
import { useDocValue, useMapsValue } from '../../session/useDoc'
import { AnswerList } from './AnswerList'
import { OpenRoundForm } from './OpenRoundForm'
import { useOptimistic } from './useOptimistic'

interface Props {
  doc: Y.Doc
  /** The board: its cards are read from the validated canvas store, incrementally. */
  board: SessionBoard
  /** This person's dots in the session (session.votes). */
  votes: LocalVotes
  voter: { id: string; coproRole: CardRecord['props']['authorRole'] }
  facilitator: boolean
  observer: boolean
  relayNow(): number
  showCard?(id: string): void
}

/** Voting reads only these maps; card changes come from the canvas store (useCards). */
const VOTING_MAPS = ['workshop', 'voting', 'facilitation'] as const
const readVoting = (d: Y.Doc) => ({
  rounds: readRounds(d),
  structure: readStructure(d),
  showResults: readShowResults(d),
})

const snippet = (s: string, empty: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s) || empty

/** Dot-voting rounds: open, vote (dots stay on this device until close), close, results by role. */
export function VotingSection(props: Props) {
  const { doc, votes, voter, facilitator, observer } = props
  const t = useT()
  useSyncExternalStore(votes.subscribe, votes.getVersion)
  const workshop = useMapsValue(doc, VOTING_MAPS, readVoting)
  const allCards = useCards(props.board)
  // cards still private to this device are not on the shared board, so nobody votes on them yet
  const cards = useMemo(() => allCards.filter((c) => privateActivityOf(c) === null), [allCards])
  const data = { ...workshop, cards }
  const open = data.rounds.find((r) => r.status === 'open') ?? null
  const closed = data.rounds.filter((r) => r.status === 'closed').reverse()
  return (
    <section aria-labelledby="facil-vote-h" className="facil-section">
      <h2 id="facil-vote-h">{t('facilitation.voting.title')}</h2>
      {facilitator && !open && (
        <OpenRoundForm doc={doc} structure={data.structure} relayNow={props.relayNow} />
      )}
      {open && (
        <div data-testid="facil-open-round">
          <p>
            {t('facilitation.voting.open', {
              title: open.title || t('facilitation.voting.untitled'),
              how: roundHow(open, t),
            })}{' '}
            <span className="muted">{t('facilitation.voting.private')}</span>
          </p>
          {facilitator && (
            <button
              type="button"
              className="button small primary"
              onClick={() => {
                closeRound(doc, open.id, props.relayNow())
                writeShowResults(doc, open.id)
              }}
            >
              {t('facilitation.voting.close')}
            </button>
          )}
          {!observer && open.method !== 'dots' && (
            <AnswerList
              round={open}
              cards={data.cards.filter((c) => isEligible(open, c, data.structure))}
              votes={votes}
              voterId={voter.id}
            />
          )}
          {!observer && open.method === 'dots' && (
            <VoteList
              round={open}
              cards={data.cards.filter((c) => isEligible(open, c, data.structure))}
              votes={votes}
              voterId={voter.id}
              showCard={props.showCard}
            />
          )}
        </div>
      )}
      {closed.length > 0 && (
        <Results
          doc={doc}
          rounds={closed}
          cards={data.cards}
          facilitator={facilitator}
          shown={data.showResults}
        />
      )}
    </section>
  )
}

function VoteList(props: {
  round: VotingRound
  cards: CardRecord[]
  votes: LocalVotes
  voterId: string
  showCard?(id: string): void
}) {
  const { round, cards, votes, voterId } = props
  const dots = votes.dots(round.id, voterId)
  const left = round.dotsPerPerson - dots.length
  const t = useT()
  return (
    <>
      <p role="status">{t('facilitation.voting.dotsLeft', { left, count: round.dotsPerPerson })}</p>
      <ul className="facil-vote-list" aria-label={t('facilitation.voting.canVote')}>
        {cards.map((c) => {
          const mine = dotsOn(dots, c.id)
          const label = `${kindLabel(t, c.props.kind)}: ${snippet(c.props.text, t('facilitation.answer.emptyCard'))}`
          return (
            <li key={c.id}>
              <button type="button" className="link-button" onClick={() => props.showCard?.(c.id)}>
                {label}
              </button>
              <span className="row-actions">
                <span aria-hidden="true">{'●'.repeat(mine)}</span>
                <button
                  type="button"
                  className="button small"
                  disabled={left <= 0}
                  aria-label={t('facilitation.voting.addDot', { label, mine })}
                  onClick={() => votes.vote(round.id, voterId, c.id, round.dotsPerPerson)}
                >
                  +
                </button>
                <button
                  type="button"
                  className="button small"
                  disabled={mine === 0}
                  aria-label={t('facilitation.voting.removeDot', { label })}
                  onClick={() => votes.unvote(round.id, voterId, c.id)}
                >
                  −
                </button>
              </span>
            </li>
          )
        })}
        {cards.length === 0 && <li className="muted">{t('facilitation.answer.noCards')}</li>}
      </ul>
    </>
  )
}

function Results(props: {
  doc: Y.Doc
  rounds: VotingRound[]
  cards: CardRecord[]
  facilitator: boolean
  shown: string | null
}) {
  const { doc, rounds, facilitator } = props
  const t = useT()
  const base = useId()
  const [roundId, setRoundId] = useState(rounds[0]!.id)
  // a round that has just closed comes first and is the one shown
  const newest = rounds[0]!.id
  useEffect(() => setRoundId(newest), [newest])
  const [separate, setSeparate] = useState(false)
  const round = rounds.find((r) => r.id === roundId) ?? rounds[0]!
  const res = useDocValue(doc, (d) => roundResults(d, round.id), [round.id], 300)
  const [shown, showShown] = useOptimistic(props.shown)
  const text = new Map(
    props.cards.map((c) => [c.id, snippet(c.props.text, t('facilitation.answer.emptyCard'))]),
  )
  if (!res) return null
  const roles = COPRO_ROLES.filter((r) => res.votersByRole[r] > 0)
  return (
    <div className="facil-results" data-testid="facil-results">
      <h3>{t('facilitation.results.title')}</h3>
      <label className="field-label" htmlFor={`${base}r`}>
        {t('facilitation.results.round')}
      </label>
      <select
        id={`${base}r`}
        className="text-input"
        value={round.id}
        onChange={(e) => setRoundId(e.target.value)}
      >
        {rounds.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title || r.id}
          </option>
        ))}
      </select>
      <p className="muted">{roundHow(round, t)}</p>
      <p className="muted">
        {t('facilitation.results.ballots', {
          count: res.ballots,
          split:
            roles.map((r) => `${roleShort(t, r)} ${res.votersByRole[r]}`).join(', ') ||
            t('facilitation.results.noneYet'),
        })}
      </p>
      <label className="radio">
        <input type="checkbox" checked={separate} onChange={(e) => setSeparate(e.target.checked)} />{' '}
        {t('facilitation.results.separate')}
      </label>
      {facilitator && (
        <label className="radio">
          <input
            type="checkbox"
            checked={shown === round.id}
            onChange={(e) => {
              showShown(e.target.checked ? round.id : null)
              writeShowResults(doc, e.target.checked ? round.id : null)
            }}
          />{' '}
          {t('facilitation.results.show')}
        </label>
      )}
      {!separate ? (
        <table className="facil-table">
          <caption className="visually-hidden">{t('facilitation.results.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('facilitation.results.card')}</th>
              <th scope="col">
                {res.method === 'dots' ? t('voting.label.dots') : t('facilitation.results.result')}
              </th>
              <th scope="col">{t('facilitation.results.byRole')}</th>
            </tr>
          </thead>
          <tbody>
            {res.cards.map((c) => (
              <tr key={c.cardId} data-testid="facil-result-row">
                <td>{text.get(c.cardId) ?? c.cardId}</td>
                <td>{res.method === 'dots' ? c.total : cardSummary(c, t)}</td>
                <td>
                  {res.method === 'dots'
                    ? COPRO_ROLES.filter((r) => c.byRole[r] > 0)
                        .map((r) => `${roleShort(t, r)} ${c.byRole[r]}`)
                        .join(', ')
                    : c.measures.map((m) => (
                        <div key={m.key}>
                          {measureLabel(m, t)}: {roleSummary(m, t) || '—'}
                        </div>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        roles.map((r) => (
          <div key={r}>
            <h4>
              {t('facilitation.results.roleVoters', { role: roleLabel(t, r), count: res.votersByRole[r] })}
            </h4>
            <ol>
              {res.byRole[r].map((c) => (
                <li key={c.cardId}>
                  {text.get(c.cardId) ?? c.cardId}: {c.votes}
                </li>
              ))}
            </ol>
          </div>
        ))
      )}
    </div>
  )
}
