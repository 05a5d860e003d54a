import type * as Y from 'yjs'
import { ballotKey } from '../session/docSchema'
import { Ballot, checkBallot } from './ballots'
import { readRound } from './round'

/**
 * Who may write a `ballots` entry, for the relay's rights check (relay/rights.ts calls this for every
 * participant's write to the map): only their own ballot (key `${roundId}/${me}`), a valid ballot under
 * its own round and voter, only once its round is closed, and only answers the round's method takes
 * (dots within the round's dots, one agree/disagree/pass per card, scores 1–5 on the round's criteria,
 * at most N distinct ranked cards). The role counted is always the registry's (tally.ts), never the
 * ballot's. Returns why the write is refused, or null.
 */
export function ballotWriteRefusal(
  doc: Y.Doc,
  key: string,
  del: boolean,
  value: unknown,
  me: string,
): string | null {
  if (!key.endsWith(`/${me}`))
    return `a participant may publish only their own ballot, not ${key.slice(0, 80)}`
  if (del) return null
  const b = Ballot.safeParse(value)
  if (!b.success || b.data.participantId !== me || ballotKey(b.data.roundId, me) !== key) {
    return 'a ballot must be valid and stored under its own round and voter'
  }
  const round = readRound(doc, b.data.roundId)
  if (!round || round.status !== 'closed') return 'ballots are published only for a closed round'
  const wrong = checkBallot(round, b.data)
  return wrong === null ? null : `the ballot does not fit its round: ${wrong}`
}
