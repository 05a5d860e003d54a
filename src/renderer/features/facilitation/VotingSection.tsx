import { useId, useMemo, useState, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import type { CardRecord } from '../../../core/common/cards/cardRecord'
import { privateActivityOf } from '../../../core/common/facilitation/privateCards'
import { readStructure } from '../../../core/common/session/read'
import { type VotingRound } from '../../../core/common/voting/round'
import {
  closeRound,
  readRounds,
  readShowResults,
  writeRound,
  writeShowResults,
} from '../../../core/common/voting/round'
import { dotsOn } from '../../../core/common/voting/ballots'
import { isEligible } from '../../../core/common/voting/eligibility'
import { roundResults } from '../../../core/common/voting/tally'
import { CARD_KIND_INFO, CARD_KINDS, type CardKind } from '../../../shared/model/cardKinds'
import { COPRO_ROLE_INFO, COPRO_ROLES } from '../../../shared/model/roles'
import type { BoardStructure } from '../../../shared/model/structure'
import type { LocalVotes } from '../../session/localVotes'
import type { SessionBoard } from '../../session/BoardSession'
import { useCards } from '../../session/useCards'
import { useDocValue, useMapsValue } from '../../session/useDoc'
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
      <h2 id="facil-vote-h">Dot voting</h2>
      {facilitator && !open && (
        <OpenRoundForm doc={doc} structure={data.structure} relayNow={props.relayNow} />
      )}
      {open && (
        <div data-testid="facil-open-round">
          <p>
            <strong>{open.title || 'Voting round'}</strong> is open: {open.dotsPerPerson} dot(s) each.{' '}
            <span className="muted">Your dots stay on this device until the round closes.</span>
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
          {!observer && (
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

function OpenRoundForm({
  doc,
  structure,
  relayNow,
}: {
  doc: Y.Doc
  structure: BoardStructure | null
  relayNow(): number
}) {
  const base = useId()
  const [title, setTitle] = useState('Which matter most?')
  const [dots, setDots] = useState(3)
  const [kinds, setKinds] = useState<CardKind[]>([])
  const [region, setRegion] = useState('')
  const regions: { value: string; label: string }[] = []
  if (structure?.type === 'grid') {
    for (const s of structure.stages) regions.push({ value: `stage:${s.id}`, label: `Stage: ${s.label}` })
    for (const l of structure.lanes) regions.push({ value: `lane:${l.id}`, label: `Lane: ${l.label}` })
  } else if (structure?.type === 'zones') {
    for (const z of structure.zones) regions.push({ value: `zone:${z.id}`, label: `Zone: ${z.label}` })
  }
  const toRegion = (v: string): VotingRound['region'] => {
    const [type, id] = v.split(':') as [string, string]
    if (type === 'stage') return { type: 'stage', stageId: id }
    if (type === 'lane') return { type: 'lane', laneId: id }
    if (type === 'zone') return { type: 'zone', zoneId: id }
    return null
  }
  return (
    <form
      className="facil-form"
      aria-label="Open a voting round"
      onSubmit={(e) => {
        e.preventDefault()
        const now = relayNow()
        writeRound(doc, {
          id: `round-${Math.round(now).toString(36)}`,
          title: title.trim().slice(0, 200),
          status: 'open',
          dotsPerPerson: dots,
          kinds,
          region: toRegion(region),
          openedAt: now,
          closedAt: null,
        })
        writeShowResults(doc, null)
      }}
    >
      <label className="field-label" htmlFor={`${base}t`}>
        Question
      </label>
      <input
        id={`${base}t`}
        className="text-input"
        value={title}
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
      />
      <label className="field-label" htmlFor={`${base}d`}>
        Dots per person
      </label>
      <input
        id={`${base}d`}
        className="text-input"
        type="number"
        min={1}
        max={20}
        value={dots}
        onChange={(e) => setDots(Math.max(1, Math.min(20, Math.round(Number(e.target.value) || 1))))}
      />
      <fieldset className="fieldset">
        <legend>Card kinds (none ticked: all kinds)</legend>
        {CARD_KINDS.map((k) => (
          <label key={k} className="radio">
            <input
              type="checkbox"
              checked={kinds.includes(k)}
              onChange={(e) => setKinds((ks) => (e.target.checked ? [...ks, k] : ks.filter((x) => x !== k)))}
            />{' '}
            {CARD_KIND_INFO[k].label}
          </label>
        ))}
      </fieldset>
      <label className="field-label" htmlFor={`${base}r`}>
        Only cards in
      </label>
      <select
        id={`${base}r`}
        className="text-input"
        value={region}
        onChange={(e) => setRegion(e.target.value)}
      >
        <option value="">The whole board</option>
        {regions.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      <div className="view-actions">
        <button type="submit" className="button small primary">
          Open the round
        </button>
      </div>
    </form>
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
          <caption className="visually-hidden">Dots per card, with the split by role</caption>
          <thead>
            <tr>
              <th scope="col">Card</th>
              <th scope="col">Dots</th>
              <th scope="col">By role</th>
            </tr>
          </thead>
          <tbody>
            {res.cards.map((c) => (
              <tr key={c.cardId}>
                <td>{text.get(c.cardId) ?? c.cardId}</td>
                <td>{c.total}</td>
                <td>
                  {COPRO_ROLES.filter((r) => c.byRole[r] > 0)
                    .map((r) => `${COPRO_ROLE_INFO[r].short} ${c.byRole[r]}`)
                    .join(', ')}
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
