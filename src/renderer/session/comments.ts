import { useMemo, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import {
  countComments,
  countMeToo,
  reactionKey,
  type Comment,
  type MeTooCount,
} from '../../core/common/comments/comment'
import { readComments, readReactions } from '../../core/common/session/comments'
import { readParticipants, readWithdrawn } from '../../core/common/session/read'
import { useMapsValue } from './useDoc'
import { scopedKey } from './scoped'
import type { BoardSession } from './BoardSession'

/**
 * Comments and "me too"s as the renderer uses them (the Comments view, the outline, the canvas badges,
 * the phone's Board): the whole board's comments and counts read from the session document, and which
 * card's comments the Comments view shows (set from the outline, the canvas or a badge).
 */

/** Every card's comments and "me too"s, as the screens show them. */
export interface CommentsState {
  readonly comments: readonly Comment[]
  readonly meToo: ReadonlyMap<string, MeTooCount>
  readonly commentCount: ReadonlyMap<string, number>
  reactedBy(cardId: string, participantId: string): boolean
}

interface RawState {
  comments: Comment[]
  reactionKeys: string[]
  meToo: Array<[string, MeTooCount]>
}

/** Reads the whole board's comments and counts (counted by the registry's roles, withdrawn left out). */
export function readCommentsState(doc: Y.Doc): RawState {
  const registry = new Map(readParticipants(doc).map((p) => [p.id, p.coproRole]))
  const withdrawn = readWithdrawn(doc)
  const reactions = readReactions(doc)
  return {
    comments: readComments(doc).filter((c) => !withdrawn.has(c.authorId)),
    reactionKeys: reactions.map((r) => reactionKey(r.cardId, r.participantId)),
    meToo: [...countMeToo(reactions, registry, withdrawn)],
  }
}

export function toCommentsState(raw: RawState): CommentsState {
  const keys = new Set(raw.reactionKeys)
  return {
    comments: raw.comments,
    meToo: new Map(raw.meToo),
    commentCount: countComments(raw.comments),
    reactedBy: (cardId, participantId) => keys.has(reactionKey(cardId, participantId)),
  }
}

/** The board's comments, re-read only when comments, reactions, the registry or withdrawals change. */
export function useComments(doc: Y.Doc): CommentsState {
  const raw = useMapsValue(doc, ['comments', 'reactions', 'participants', 'withdrawn'], readCommentsState)
  return useMemo(() => toCommentsState(raw), [raw])
}

/** Which card's comments the Comments view shows, per open session. */
export class CommentTarget {
  private cardId: string | null = null
  private readonly listeners = new Set<() => void>()

  get = (): string | null => this.cardId

  set(cardId: string | null): void {
    if (cardId === this.cardId) return
    this.cardId = cardId
    for (const l of this.listeners) l()
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  dispose(): void {
    this.listeners.clear()
  }
}

export const commentTargetKey = scopedKey('comments.target', (_s: BoardSession) => new CommentTarget())

/** The card whose comments are shown (null: none chosen). */
export function useCommentTarget(target: CommentTarget | null): string | null {
  return useSyncExternalStore(
    (l) => target?.subscribe(l) ?? (() => {}),
    () => target?.get() ?? null,
  )
}
