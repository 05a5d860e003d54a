import type * as Y from 'yjs'
import {
  Comment,
  type CommentAuthor,
  makeComment,
  normaliseCommentText,
  parseComments,
  parseReactions,
  Reaction,
  reactionKey,
} from '../comments/comment'
import { sessionMap } from './docSchema'
import { plain } from './read'

/**
 * Reading and writing the document's `comments` and `reactions` maps (the rules are in
 * comments/comment.ts; who may write what is the relay's commentRights.ts). Reads validate and skip
 * what is invalid; writes validate and throw on bad input.
 */

export function readCommentEntries(doc: Y.Doc): Array<readonly [string, unknown]> {
  return [...sessionMap(doc, 'comments').entries()].map(([k, v]) => [k, plain(v)] as const)
}

export function readReactionEntries(doc: Y.Doc): Array<readonly [string, unknown]> {
  return [...sessionMap(doc, 'reactions').entries()].map(([k, v]) => [k, plain(v)] as const)
}

/** Every valid comment, oldest first. */
export function readComments(doc: Y.Doc): Comment[] {
  return parseComments(readCommentEntries(doc))
}

/** Every valid "me too". */
export function readReactions(doc: Y.Doc): Reaction[] {
  return parseReactions(readReactionEntries(doc))
}

/** Adds a comment (or a reply, with `parentId`) by `author`; returns it. */
export function addComment(
  doc: Y.Doc,
  input: { cardId: string; parentId?: string | undefined; author: CommentAuthor; text: string },
  now: number = Date.now(),
  id: string = newCommentId(),
): Comment {
  let parentId = input.parentId
  if (parentId) {
    // One level of replies: answering a reply answers its thread.
    const parent = Comment.safeParse(plain(sessionMap(doc, 'comments').get(parentId)))
    if (parent.success) parentId = parent.data.parentId ?? parent.data.id
  }
  const c = makeComment({ ...input, parentId, id, at: now })
  sessionMap(doc, 'comments').set(c.id, c)
  return c
}

/** Changes a comment's text (the relay lets only its author do it). Returns false when it is gone. */
export function editComment(doc: Y.Doc, id: string, text: string, now: number = Date.now()): boolean {
  const m = sessionMap(doc, 'comments')
  const old = Comment.safeParse(plain(m.get(id)))
  const t = normaliseCommentText(text)
  if (!old.success || t === null) return false
  m.set(id, Comment.parse({ ...old.data, text: t, editedAt: now }))
  return true
}

/**
 * Removes a comment: its author deletes it, or a facilitator hides it. Either way the relay keeps it in
 * the board trash, from where a facilitator restores it.
 */
export function removeComment(doc: Y.Doc, id: string): boolean {
  const m = sessionMap(doc, 'comments')
  if (!m.has(id)) return false
  m.delete(id)
  return true
}

/** Puts a comment back (from the trash) with its id, author and time. False when it is there already. */
export function restoreComment(doc: Y.Doc, comment: Comment): boolean {
  const m = sessionMap(doc, 'comments')
  if (m.has(comment.id)) return false
  m.set(comment.id, Comment.parse(comment))
  return true
}

/** Whether `participantId` said "me too" on the card. */
export function hasMeToo(doc: Y.Doc, cardId: string, participantId: string): boolean {
  return sessionMap(doc, 'reactions').has(reactionKey(cardId, participantId))
}

/** Adds or takes back the author's "me too" on a card; returns whether it is on afterwards. */
export function toggleMeToo(
  doc: Y.Doc,
  cardId: string,
  who: Pick<CommentAuthor, 'id' | 'coproRole'>,
  now: number = Date.now(),
): boolean {
  const m = sessionMap(doc, 'reactions')
  const key = reactionKey(cardId, who.id)
  if (m.has(key)) {
    m.delete(key)
    return false
  }
  m.set(key, Reaction.parse({ cardId, participantId: who.id, role: who.coproRole, at: now }))
  return true
}

/** A random id (getRandomValues: randomUUID needs a secure context, which a phone on the hall's wifi lacks). */
function newCommentId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12))
  return `comment:${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}
