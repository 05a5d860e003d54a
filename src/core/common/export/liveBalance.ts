import type * as Y from 'yjs'
import { cardBounds, type CardRecord } from '../cards/cardRecord'
import { Participant } from '../../../shared/model/participant'
import { BoardStructure } from '../../../shared/model/structure'
import type { SessionMapName } from '../session/docSchema'
import { readSessionValues } from '../session/read'
import { attributeCard } from '../structure/attribution'
import { tallyVotes } from '../voting/tally'
import { expectedRoles, toExportCell, toExportStructure } from './model'
import type { ExportVoiceBalance } from './schema'
import { voiceBalance, type BalanceCard } from './voiceBalance'

/**
 * The live voice-balance panel: cards, votes and words per co-production role, overall and per stage
 * (or zone), and which roles have not yet contributed to each stage. The same rules as the export
 * model's voice balance (same helpers), so the panel and the report never disagree — but computed from
 * what the screen already holds: the validated cards of the board's store and the few small session
 * maps, never by re-reading and re-parsing every record of the document. Votes count only published
 * ballots (closed rounds).
 */

/** The session maps voice balance reads besides the cards: re-read only when one of them changes. */
export const BALANCE_MAPS: readonly SessionMapName[] = [
  'workshop',
  'participants',
  'voting',
  'ballots',
  'withdrawn',
]

/** Everything but the cards, as read from those maps. */
export interface BalanceMaps {
  readonly structure: BoardStructure | null
  readonly participants: readonly unknown[]
  readonly rounds: readonly unknown[]
  readonly ballots: ReadonlyArray<readonly [string, unknown]>
  readonly withdrawn: ReadonlySet<string>
}

export function readBalanceMaps(doc: Y.Doc): BalanceMaps {
  const raw = readSessionValues(doc)
  // parsed as the export model parses it
  const structure = BoardStructure.safeParse(raw.structure)
  return { ...raw, structure: structure.success ? structure.data : null }
}

/**
 * Voice balance of `cards` (validated, shared cards — leave out private ones still on this device)
 * under the session values in `maps`. Withdrawn participants' cards, votes and entries are left out.
 */
export function liveVoiceBalance(maps: BalanceMaps, cards: readonly CardRecord[]): ExportVoiceBalance {
  const people: Participant[] = []
  // every valid registry entry, withdrawn or not, votes (as in the export model); roles from the registry
  const voters = new Map<string, Participant['coproRole']>()
  for (const r of maps.participants) {
    const p = Participant.safeParse(r)
    if (!p.success) continue
    voters.set(p.data.id, p.data.coproRole)
    if (!maps.withdrawn.has(p.data.id)) people.push(p.data)
  }
  const kept = cards.filter((c) => !maps.withdrawn.has(c.props.authorId))
  const tally = tallyVotes(
    maps.rounds,
    maps.ballots,
    new Map(kept.map((c) => [c.id, c.props.kind])),
    maps.withdrawn,
    voters,
  )
  const balanceCards: BalanceCard[] = kept.map((c) => ({
    id: c.id,
    text: c.props.text,
    cell: toExportCell(maps.structure, attributeCard(maps.structure, cardBounds(c))),
    author: { coproRole: c.props.authorRole, scribed: c.props.scribe !== undefined },
  }))
  return voiceBalance(
    toExportStructure(maps.structure),
    balanceCards,
    tally.votes,
    people.map((p) => p.coproRole),
    expectedRoles(people, balanceCards),
  )
}
