import { COPRO_ROLE_INFO, COPRO_ROLES, type CoproRole } from '../../../shared/model/roles'
import type { ExportCard, ExportStructure, ExportVoiceBalance, RoleTally } from './schema'
import type { CountedVote } from '../voting/tally'
import { countWords } from '../text/words'

interface Tally {
  cards: number
  scribedCards: number
  votes: number
  words: number
}

/** What voice balance reads of a card (an export card, or a live card attributed to its cell). */
export type BalanceCard = Pick<ExportCard, 'id' | 'text' | 'cell'> & {
  readonly author: Pick<ExportCard['author'], 'coproRole' | 'scribed'>
}

const zero = (): Tally => ({ cards: 0, scribedCards: 0, votes: 0, words: 0 })

function tallies(): Map<CoproRole, Tally> {
  return new Map(COPRO_ROLES.map((r) => [r, zero()]))
}

function toRows(t: Map<CoproRole, Tally>): RoleTally[] {
  return COPRO_ROLES.map((r) => ({ coproRole: r, coproRoleLabel: COPRO_ROLE_INFO[r].label, ...t.get(r)! }))
}

const share = (n: number, total: number): number => (total > 0 ? Math.round((n / total) * 10000) / 10000 : 0)

/** The area (stage or zone) a card counts towards, or null when unplaced. */
export function areaOf(card: Pick<ExportCard, 'cell'>): string | null {
  if (card.cell.type === 'cell') return card.cell.stageId
  if (card.cell.type === 'zone') return card.cell.zoneId
  return null
}

/**
 * Cards, votes and words per co-production role, overall and per stage (or zone), and which of the
 * expected roles have not yet put a card in each stage. Votes count the dots each role cast. A card a
 * facilitator scribed for someone counts for that person's role (and in `scribedCards`), never for the
 * facilitator.
 */
export function voiceBalance(
  structure: ExportStructure | null,
  cards: readonly BalanceCard[],
  votes: readonly CountedVote[],
  participantRoles: readonly CoproRole[],
  expectedRoles: readonly CoproRole[],
): ExportVoiceBalance {
  const overall = tallies()
  const areas = new Map<string, Map<CoproRole, Tally>>()
  const items =
    structure === null
      ? []
      : structure.type === 'grid'
        ? structure.stages.map((s) => ({ type: 'stage' as const, ...s }))
        : structure.zones.map((z) => ({ type: 'zone' as const, ...z }))
  for (const it of items) areas.set(it.id, tallies())
  const cardArea = new Map<string, string | null>()
  for (const c of cards) {
    const words = countWords(c.text)
    const scribed = c.author.scribed ? 1 : 0
    const o = overall.get(c.author.coproRole)!
    o.cards++
    o.scribedCards += scribed
    o.words += words
    const area = areaOf(c)
    cardArea.set(c.id, area)
    const a = area === null ? undefined : areas.get(area)?.get(c.author.coproRole)
    if (a) {
      a.cards++
      a.scribedCards += scribed
      a.words += words
    }
  }
  for (const v of votes) {
    overall.get(v.role)!.votes++
    const area = cardArea.get(v.cardId)
    const a = area == null ? undefined : areas.get(area)?.get(v.role)
    if (a) a.votes++
  }
  const totals = [...overall.values()].reduce(
    (acc, t) => ({
      cards: acc.cards + t.cards,
      scribedCards: acc.scribedCards + t.scribedCards,
      votes: acc.votes + t.votes,
      words: acc.words + t.words,
    }),
    zero(),
  )
  const people = new Map<CoproRole, number>()
  for (const r of participantRoles) people.set(r, (people.get(r) ?? 0) + 1)
  return {
    expectedRoles: [...expectedRoles],
    byRole: toRows(overall).map((t) => ({
      ...t,
      participants: people.get(t.coproRole) ?? 0,
      cardShare: share(t.cards, totals.cards),
      voteShare: share(t.votes, totals.votes),
      wordShare: share(t.words, totals.words),
    })),
    byArea: items.map((it) => {
      const t = areas.get(it.id)!
      return {
        type: it.type,
        id: it.id,
        label: it.label,
        byRole: toRows(t),
        notYetHeard: expectedRoles.filter((r) => t.get(r)!.cards === 0),
      }
    }),
  }
}
