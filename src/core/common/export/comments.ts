import type * as Y from 'yjs'
import { countMeToo, parseComments, parseReactions } from '../comments/comment'
import { readCommentEntries, readReactionEntries } from '../session/comments'
import { cleanText, toIso } from '../text/sanitize'
import type { CoproRole } from '../../../shared/model/roles'
import type { ExportAuthor, ExportCard, ExportComment, ExportMeToo } from './schema'

/**
 * Comments and "me too"s as exports show them (issue 17 item 3): only on exported cards (withdrawn
 * participants' and invalid cards leave, and their comments with them), never a withdrawn person's
 * comment or reaction; the comment's author is shown by `authorOf`, the same consent rule as cards
 * (export/model.ts). "Me too" counts use the registry's role (`voters`).
 */
export function exportComments(
  doc: Y.Doc,
  cards: readonly ExportCard[],
  withdrawn: ReadonlySet<string>,
  voters: ReadonlyMap<string, CoproRole>,
  authorOf: (authorId: string, authorName: string, role: CoproRole) => ExportAuthor,
): { comments: ExportComment[]; meToo: ExportMeToo[] } {
  const position = new Map(cards.map((c, i) => [c.id, i]))
  const comments = parseComments(readCommentEntries(doc))
    .filter((c) => position.has(c.cardId) && !withdrawn.has(c.authorId))
    .sort((a, b) => position.get(a.cardId)! - position.get(b.cardId)!)
  const kept = new Set(comments.map((c) => c.id))
  const counts = countMeToo(parseReactions(readReactionEntries(doc)), voters, withdrawn)
  return {
    comments: comments.map((c) => ({
      id: c.id,
      cardId: c.cardId,
      // a reply whose comment is gone stands on its own, as in the app
      parentId: c.parentId && kept.has(c.parentId) ? c.parentId : null,
      author: authorOf(c.authorId, c.authorName, c.authorRole),
      text: cleanText(c.text),
      createdAt: toIso(c.at) ?? new Date(0).toISOString(),
      editedAt: c.editedAt === undefined ? null : (toIso(c.editedAt) ?? null),
    })),
    meToo: cards.flatMap((c) => {
      const n = counts.get(c.id)
      return n && n.total > 0 ? [{ cardId: c.id, total: n.total, byRole: n.byRole }] : []
    }),
  }
}
