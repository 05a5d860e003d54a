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
import { cardSummary, roleSummary, roundHow } from '../../../core/common/voting/describe'
import { dotsOn } from '../../../core/common/voting/ballots'
import { isEligible } from '../../../core/common/voting/eligibility'
import { roundResults } from '../../../core/common/voting/tally'
import { CARD_KIND_INFO } from '../../../shared/model/cardKinds'
import { COPRO_ROLE_INFO, COPRO_ROLES } from '../../../shared/model/roles'
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

const snippet = (t: string) => (t.length > 80 ? `${t.slice(0, 79)}…` : t) || '(empty card)'

/** Dot-voting rounds: open, vote (dots stay on this device until close), close, results by role. */
export function VotingSection(props: Props) {
  const { doc, votes, voter, facilitator, observer } = props
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
      <h2 id="facil-vote-h">Voting</h2>
      {facilitator && !open && (
        <OpenRoundForm doc={doc} structure={data.structure} relayNow={props.relayNow} />
      )}
      {open && (
        <div data-testid="facil-open-round">
          <p>
            <strong>{open.title || 'Voting round'}</strong> is open: {roundHow(open)}.{' '}
            <span className="muted">Your answers stay on this device until the round closes.</span>
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
              Close the round and show results
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
  return (
    <>
      <p role="status">
        {left} of {round.dotsPerPerson} dot(s) left.
      </p>
      <ul className="facil-vote-list" aria-label="Cards you can vote for">
        {cards.map((c) => {
          const mine = dotsOn(dots, c.id)
          const label = `${CARD_KIND_INFO[c.props.kind].label}: ${snippet(c.props.text)}`
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
                  aria-label={`Add a dot to ${label} (${mine} so far)`}
                  onClick={() => votes.vote(round.id, voterId, c.id, round.dotsPerPerson)}
                >
                  +
                </button>
                <button
                  type="button"
                  className="button small"
                  disabled={mine === 0}
                  aria-label={`Take a dot off ${label}`}
                  onClick={() => votes.unvote(round.id, voterId, c.id)}
                >
                  −
                </button>
              </span>
            </li>
          )
        })}
        {cards.length === 0 && <li className="muted">No cards to vote on yet.</li>}
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
  const base = useId()
  const [roundId, setRoundId] = useState(rounds[0]!.id)
  // a round that has just closed comes first and is the one shown
  const newest = rounds[0]!.id
  useEffect(() => setRoundId(newest), [newest])
  const [separate, setSeparate] = useState(false)
  const round = rounds.find((r) => r.id === roundId) ?? rounds[0]!
  const res = useDocValue(doc, (d) => roundResults(d, round.id), [round.id], 300)
  const [shown, showShown] = useOptimistic(props.shown)
  const text = new Map(props.cards.map((c) => [c.id, snippet(c.props.text)]))
  if (!res) return null
  const roles = COPRO_ROLES.filter((r) => res.votersByRole[r] > 0)
  return (
    <div className="facil-results" data-testid="facil-results">
      <h3>Results</h3>
      <label className="field-label" htmlFor={`${base}r`}>
        Round
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
      <p className="muted">{roundHow(round)}</p>
      <p className="muted">
        {res.ballots} ballot(s):{' '}
        {roles.map((r) => `${COPRO_ROLE_INFO[r].short} ${res.votersByRole[r]}`).join(', ') || 'none yet'}.
        People who were offline at the close are counted when they reconnect.
      </p>
      <label className="radio">
        <input type="checkbox" checked={separate} onChange={(e) => setSeparate(e.target.checked)} /> Separate
        tallies for each role
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
          Show these results on the board
        </label>
      )}
      {!separate ? (
        <table className="facil-table">
          <caption className="visually-hidden">Results per card, with the split by role</caption>
          <thead>
            <tr>
              <th scope="col">Card</th>
              <th scope="col">{res.method === 'dots' ? 'Dots' : 'Result'}</th>
              <th scope="col">By role</th>
            </tr>
          </thead>
          <tbody>
            {res.cards.map((c) => (
              <tr key={c.cardId} data-testid="facil-result-row">
                <td>{text.get(c.cardId) ?? c.cardId}</td>
                <td>{res.method === 'dots' ? c.total : cardSummary(c)}</td>
                <td>
                  {res.method === 'dots'
                    ? COPRO_ROLES.filter((r) => c.byRole[r] > 0)
                        .map((r) => `${COPRO_ROLE_INFO[r].short} ${c.byRole[r]}`)
                        .join(', ')
                    : c.measures.map((m) => (
                        <div key={m.key}>
                          {m.label}: {roleSummary(m) || '—'}
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
              {COPRO_ROLE_INFO[r].label} ({res.votersByRole[r]} voter(s))
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
