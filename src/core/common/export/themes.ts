import { parseThemes } from '../themes/theme'
import { emptyByRole } from '../voting/tally'
import type { ExportCard, ExportTheme } from './schema'
import { oneLine } from '../text/sanitize'

/**
 * Themes as exports show them: only cards that are exported (withdrawn participants' cards and
 * invalid cards leave), in board order; a theme left with no exported card is left out. Votes and
 * cards are added up by role.
 */
export function exportThemes(
  raw: ReadonlyArray<readonly [string, unknown]>,
  cards: readonly ExportCard[],
): ExportTheme[] {
  const position = new Map(cards.map((c, i) => [c.id, i]))
  const out: Array<ExportTheme & { made: number }> = []
  parseThemes(raw).forEach((t, made) => {
    const ids = t.cardIds.filter((id) => position.has(id)).sort((a, b) => position.get(a)! - position.get(b)!)
    if (ids.length === 0) return
    const votes = { total: 0, byRole: emptyByRole() }
    const cardsByRole = emptyByRole()
    for (const id of ids) {
      const c = cards[position.get(id)!]!
      votes.total += c.votes.total
      for (const [r, n] of Object.entries(c.votes.byRole)) votes.byRole[r as keyof typeof votes.byRole] += n
      cardsByRole[c.author.coproRole]++
    }
    out.push({ id: oneLine(t.id), name: oneLine(t.name), cardIds: ids, votes, cardsByRole, made })
  })
  return out
    .sort((a, b) => b.votes.total - a.votes.total || b.cardIds.length - a.cardIds.length || a.made - b.made)
    .map(({ made: _made, ...t }) => t)
}
