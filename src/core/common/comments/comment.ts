import { z } from 'zod'
import { NAME_MAX } from '../../../shared/model/participant'
import { COPRO_ROLE_INFO, COPRO_ROLES, CoproRole } from '../../../shared/model/roles'
import { CARD_LIMITS } from '../cards/card'

/**
 * Comments and "me too" reactions on cards (issue 17 item 3): the one definition, pure (no Y.Doc here;
 * session/comments.ts reads and writes the document's `comments` and `reactions` maps).
 *
 * - A comment belongs to one card; a reply names the comment it answers (`parentId`). Threads are one
 *   level deep: a reply to a reply answers the same top-level comment.
 * - Its author is a participant id and co-production role; the name is stored only with consent, as on
 *   cards (`authorName` is '' for anonymous people — ADR 0009).
 * - A "me too" is one per participant per card, keyed `${cardId}/${participantId}`; it is counted with
 *   the role in the participant registry (never the one written in the reaction), like ballots.
 * - Hiding a comment (facilitators) removes it from the `comments` map; the relay puts it in the board
 *   trash with who and when (commentRecorder.ts), from where it is restored with the same id.
 */

export const COMMENT_LIMITS = {
  /** The same limit as a card's text. */
  textMax: CARD_LIMITS.textMax,
  idMax: 64,
  cardIdMax: 200,
} as const

export const Comment = z.object({
  id: z.string().min(1).max(COMMENT_LIMITS.idMax),
  /** The card's shape id. */
  cardId: z.string().min(1).max(COMMENT_LIMITS.cardIdMax),
  /** The top-level comment this one answers; absent on a top-level comment. */
  parentId: z.string().min(1).max(COMMENT_LIMITS.idMax).optional(),
  authorId: z.string().min(1).max(CARD_LIMITS.authorIdMax),
  authorRole: CoproRole,
  /** '' unless the author agreed to show their name. */
  authorName: z.string().max(NAME_MAX),
  text: z.string().min(1).max(COMMENT_LIMITS.textMax),
  /** When it was written, ms since the epoch. */
  at: z.number().int().nonnegative(),
  editedAt: z.number().int().nonnegative().optional(),
})
export type Comment = z.infer<typeof Comment>

export const Reaction = z.object({
  cardId: z.string().min(1).max(COMMENT_LIMITS.cardIdMax),
  participantId: z.string().min(1).max(CARD_LIMITS.authorIdMax),
  role: CoproRole,
  at: z.number().int().nonnegative(),
})
export type Reaction = z.infer<typeof Reaction>

/** The key of a participant's "me too" on a card in the `reactions` map. */
export const reactionKey = (cardId: string, participantId: string): string => `${cardId}/${participantId}`

/** Who writes a comment: the name travels only with consent. */
export interface CommentAuthor {
  readonly id: string
  readonly name: string
  readonly anonymous: boolean
  readonly coproRole: CoproRole
}

/** Comment text as stored: trimmed, cut to the limit; null when nothing is left. */
export function normaliseCommentText(text: string): string | null {
  const t = text.replace(/\r\n?/g, '\n').trim().slice(0, COMMENT_LIMITS.textMax).trim()
  return t.length > 0 ? t : null
}

/** A new comment (validated; throws on bad input — the forms check the text first). */
export function makeComment(input: {
  id: string
  cardId: string
  parentId?: string | undefined
  author: CommentAuthor
  text: string
  at: number
}): Comment {
  const text = normaliseCommentText(input.text)
  if (text === null) throw new Error('A comment needs some text')
  return Comment.parse({
    id: input.id,
    cardId: input.cardId,
    ...(input.parentId ? { parentId: input.parentId } : {}),
    authorId: input.author.id,
    authorRole: input.author.coproRole,
    authorName: input.author.anonymous ? '' : input.author.name.trim().slice(0, NAME_MAX),
    text,
    at: input.at,
  })
}

/** Validates raw `[key, value]` entries of the `comments` map: a comment must sit under its own id. */
export function parseComments(entries: ReadonlyArray<readonly [string, unknown]>): Comment[] {
  const out: Comment[] = []
  for (const [k, v] of entries) {
    const c = Comment.safeParse(v)
    if (c.success && c.data.id === k) out.push(c.data)
  }
  return out.sort(byTime)
}

/** Validates raw `[key, value]` entries of the `reactions` map: a reaction must sit under its card and person. */
export function parseReactions(entries: ReadonlyArray<readonly [string, unknown]>): Reaction[] {
  const out: Reaction[] = []
  for (const [k, v] of entries) {
    const r = Reaction.safeParse(v)
    if (r.success && reactionKey(r.data.cardId, r.data.participantId) === k) out.push(r.data)
  }
  return out
}

const byTime = (a: Comment, b: Comment): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** A top-level comment and its replies, oldest first. */
export interface CommentThread {
  readonly comment: Comment
  readonly replies: Comment[]
}

/**
 * The threads of one card, oldest first. A reply whose parent is gone (hidden, deleted) is shown as a
 * top-level comment so that nothing anyone wrote disappears with someone else's comment.
 */
export function threadsOf(comments: readonly Comment[], cardId: string): CommentThread[] {
  const mine = comments.filter((c) => c.cardId === cardId).sort(byTime)
  const top = new Map<string, { comment: Comment; replies: Comment[] }>()
  for (const c of mine) if (!c.parentId) top.set(c.id, { comment: c, replies: [] })
  for (const c of mine) {
    if (!c.parentId) continue
    const parent = top.get(c.parentId)
    if (parent) parent.replies.push(c)
    else top.set(c.id, { comment: c, replies: [] })
  }
  return [...top.values()].sort((a, b) => byTime(a.comment, b.comment))
}

/** "Me too"s per co-production role; every role present. */
export type MeTooByRole = Record<CoproRole, number>

export interface MeTooCount {
  readonly total: number
  readonly byRole: MeTooByRole
}

export function emptyMeToo(): MeTooCount {
  const byRole = {} as MeTooByRole
  for (const r of COPRO_ROLES) byRole[r] = 0
  return { total: 0, byRole }
}

/**
 * "Me too" counts per card, split by role. A reaction counts only when its person is in `registry`
 * (participant id → co-production role, the registry's role is the one counted) and has not withdrawn.
 */
export function countMeToo(
  reactions: readonly Reaction[],
  registry: ReadonlyMap<string, CoproRole>,
  withdrawn: ReadonlySet<string> = new Set(),
): Map<string, MeTooCount> {
  const out = new Map<string, { total: number; byRole: MeTooByRole }>()
  for (const r of reactions) {
    const role = registry.get(r.participantId)
    if (role === undefined || withdrawn.has(r.participantId)) continue
    let e = out.get(r.cardId)
    if (!e) out.set(r.cardId, (e = emptyMeToo()))
    e.total++
    e.byRole[role]++
  }
  return out
}

/** Comments per card (all that are visible; replies included). */
export function countComments(comments: readonly Comment[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const c of comments) out.set(c.cardId, (out.get(c.cardId) ?? 0) + 1)
  return out
}

/**
 * How a comment's author is shown in the app: their name with their role when they agreed to show it,
 * else only their role (an anonymous person stays anonymous, as on their cards).
 */
export function commentByline(c: Pick<Comment, 'authorName' | 'authorRole'>): string {
  const role = COPRO_ROLE_INFO[c.authorRole].short
  return c.authorName ? `${c.authorName} (${role})` : role
}

/** A card's comments and "me too"s in words: "2 comments, 1 me too"; '' when it has none. */
export function talkSummary(comments: number, meToo: number): string {
  return [
    comments ? `${comments} ${comments === 1 ? 'comment' : 'comments'}` : '',
    meToo ? `${meToo} me too` : '',
  ]
    .filter(Boolean)
    .join(', ')
}
