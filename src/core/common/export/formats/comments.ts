import { COPRO_ROLES } from '../../../../shared/model/roles'
import type { ExportComment, ExportModel } from '../schema'
import { authorLabel, byRoleSplit, cardIndex, cellLabel } from './common'
import { escapeHtml as h } from './escape'
import { wordsFor, wordsOf, type Words } from './words'

/** comments.csv and me-too.csv are data: English column names and words (as cards.csv). */
const EN = wordsFor(['en'])

/**
 * Comments and "me too"s in the text formats (issue 17 item 3): comments.csv rows (also the Comments
 * sheet of the .xlsx), and the report's section: per card that has any, its "me too" count by role
 * and its comment threads — authors as on cards (a name only with consent), no internal ids.
 */

export const COMMENTS_HEADER = [
  'Card ID',
  'Card',
  'Comment ID',
  'Reply to',
  'Comment',
  'Author role',
  'Author',
  'Written at',
  'Edited at',
] as const

/** comments.csv rows (header first): one row per comment, in board order then oldest first. */
export function commentsRows(m: ExportModel): string[][] {
  const cards = cardIndex(m)
  const rows: string[][] = [[...COMMENTS_HEADER]]
  for (const c of m.comments)
    rows.push([
      c.cardId,
      (cards.get(c.cardId)?.text ?? '').replace(/\n+/g, ' '),
      c.id,
      c.parentId ?? '',
      c.text,
      c.author.coproRoleLabel,
      authorLabel(c.author, EN),
      c.createdAt,
      c.editedAt ?? '',
    ])
  return rows
}

export const ME_TOO_HEADER = [
  'Card ID',
  'Card',
  'Me too',
  ...COPRO_ROLES.map((r) => `Me too: ${EN.roleShort(r)}`),
] as const

/** "Me too" rows (header first): one row per card that has any, in board order. */
export function meTooRows(m: ExportModel): string[][] {
  const cards = cardIndex(m)
  const rows: string[][] = [[...ME_TOO_HEADER]]
  for (const n of m.meToo)
    rows.push([
      n.cardId,
      (cards.get(n.cardId)?.text ?? '').replace(/\n+/g, ' '),
      String(n.total),
      ...COPRO_ROLES.map((r) => String(n.byRole[r])),
    ])
  return rows
}

/** A card's comments as threads: top-level comments with their replies, oldest first. */
export function threadsByCard(
  m: ExportModel,
): Map<string, { comment: ExportComment; replies: ExportComment[] }[]> {
  const out = new Map<string, { comment: ExportComment; replies: ExportComment[] }[]>()
  const top = new Map<string, { comment: ExportComment; replies: ExportComment[] }>()
  for (const c of m.comments) {
    if (c.parentId !== null) continue
    const t = { comment: c, replies: [] as ExportComment[] }
    top.set(c.id, t)
    const list = out.get(c.cardId) ?? []
    list.push(t)
    out.set(c.cardId, list)
  }
  for (const c of m.comments) if (c.parentId !== null) top.get(c.parentId)?.replies.push(c)
  return out
}

/** The cards that have comments or "me too"s, in board order. */
function discussedCards(m: ExportModel) {
  const ids = new Set([...m.comments.map((c) => c.cardId), ...m.meToo.map((n) => n.cardId)])
  return m.cards.filter((c) => ids.has(c.id))
}

/** The report's "Comments and me too" section (HTML); '' when nobody commented or said "me too". */
export function commentsHtml(m: ExportModel, ht: (s: string) => string): string {
  const w = wordsOf(m)
  const cards = discussedCards(m)
  if (!cards.length) return ''
  const threads = threadsByCard(m)
  const meToo = new Map(m.meToo.map((n) => [n.cardId, n]))
  const line = (c: ExportComment) =>
    `<p class="meta"><bdi dir="auto">${h(authorLabel(c.author, w))}</bdi> · ${h(w.role(c.author.coproRole))}</p><p dir="auto">${ht(c.text)}</p>`
  const items = cards
    .map((card) => {
      const n = meToo.get(card.id)
      const me = n
        ? `<p class="meta">${w.h('report.meToo', { split: byRoleSplit(n.total, n.byRole, w) })}</p>`
        : ''
      const list = (threads.get(card.id) ?? [])
        .map(
          (t) =>
            `<li>${line(t.comment)}${t.replies.length ? `<ul class="replies">${t.replies.map((r) => `<li>${line(r)}</li>`).join('')}</ul>` : ''}</li>`,
        )
        .join('')
      const count = m.comments.filter((c) => c.cardId === card.id).length
      return `<h3 dir="auto">${ht(card.text)}</h3><p class="meta">${h(cellLabel(card.cell, w))}${count ? ` · ${w.h('report.comments', { count })}` : ''}</p>${me}${list ? `<ul class="comments">${list}</ul>` : ''}`
    })
    .join('')
  return `<section><h2>${w.h('report.section.comments')}</h2>${items}</section>`
}

/** The same section in Markdown. */
export function commentsMarkdown(m: ExportModel, w: Words): string[] {
  const cards = discussedCards(m)
  if (!cards.length) return []
  const threads = threadsByCard(m)
  const meToo = new Map(m.meToo.map((n) => [n.cardId, n]))
  const one = (s: string) => s.replace(/\s+/g, ' ').trim()
  const out = [`## ${w.t('report.section.comments')}`, '']
  for (const card of cards) {
    out.push(`### ${one(card.text)}`, '')
    const n = meToo.get(card.id)
    if (n) out.push(w.t('report.meToo', { split: byRoleSplit(n.total, n.byRole, w) }), '')
    for (const t of threads.get(card.id) ?? []) {
      out.push(
        `- **${authorLabel(t.comment.author, w)}** (${w.role(t.comment.author.coproRole)}): ${one(t.comment.text)}`,
      )
      for (const r of t.replies)
        out.push(`  - **${authorLabel(r.author, w)}** (${w.role(r.author.coproRole)}): ${one(r.text)}`)
    }
    out.push('')
  }
  return out
}
