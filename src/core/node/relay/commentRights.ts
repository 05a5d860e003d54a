/**
 * The relay's rules for comments and "me too" reactions (issue 17; the rest of the rights are in
 * rights.ts, which calls `commentMapRule` for the `comments` and `reactions` maps of a participant's
 * update). Facilitators and co-facilitators may change any comment (hiding one deletes it; the relay
 * keeps it in the trash, commentRecorder.ts); observers never reach the rights check.
 *
 * A participant, under their own participant id only, may:
 * - add a comment authored by themselves, with the co-production role of their registry entry;
 * - edit the text of their own comment (its card, thread, author and time stay as they were);
 * - delete their own comment (it goes to the trash like a hidden one);
 * - add or take back their own "me too" (`${cardId}/${their id}`, with their registry role).
 */
import type * as Y from 'yjs'
import { Comment, Reaction, reactionKey } from '../../common/comments/comment'
import { DOC_KEYS, sessionMap } from '../../common/session/docSchema'
import { plain } from '../../common/session/read'
import { Participant } from '../../../shared/model/participant'

/** One write to an entry of a top-level map, as rights.ts hands it over. */
export interface MapWrite {
  readonly map: string
  readonly key: string
  /** The new value, or the value deleted. */
  readonly value: unknown
  readonly del: boolean
}

/**
 * The reason `me` may not make this write, null when they may; undefined when the write is not to a
 * comments or reactions map (rights.ts judges it).
 */
export function commentMapRule(doc: Y.Doc, op: MapWrite, me: string): string | null | undefined {
  if (op.map === DOC_KEYS.comments) return commentRule(doc, op, me)
  if (op.map === DOC_KEYS.reactions) return reactionRule(doc, op, me)
  return undefined
}

function registryRole(doc: Y.Doc, me: string) {
  const p = Participant.safeParse(plain(sessionMap(doc, 'participants').get(me)))
  return p.success ? p.data.coproRole : null
}

function commentRule(doc: Y.Doc, op: MapWrite, me: string): string | null {
  const old = Comment.safeParse(plain(sessionMap(doc, 'comments').get(op.key)))
  if (op.del) {
    const gone = Comment.safeParse(op.value)
    const author = gone.success ? gone.data.authorId : old.success ? old.data.authorId : null
    return author === me
      ? null
      : 'a participant may delete only their own comments; a facilitator hides others'
  }
  const c = Comment.safeParse(op.value)
  if (!c.success || c.data.id !== op.key) return 'a comment must be valid and stored under its own id'
  if (c.data.authorId !== me) return 'a participant writes comments only as themselves'
  const role = registryRole(doc, me)
  if (role === null) return 'register as a participant before commenting'
  if (c.data.authorRole !== role) {
    return "a comment's author role must be the one in the participant's registry entry"
  }
  if (old.success) {
    const o = old.data
    if (o.authorId !== me) return 'a participant may change only their own comments'
    if (o.cardId !== c.data.cardId || o.parentId !== c.data.parentId || o.at !== c.data.at) {
      return 'editing a comment changes only its text'
    }
  }
  return null
}

function reactionRule(doc: Y.Doc, op: MapWrite, me: string): string | null {
  if (!op.key.endsWith(`/${me}`)) return 'a participant may add or take back only their own "me too"'
  if (op.del) return null
  const r = Reaction.safeParse(op.value)
  if (!r.success || r.data.participantId !== me || reactionKey(r.data.cardId, me) !== op.key) {
    return 'a "me too" must be valid and stored under its card and its person'
  }
  const role = registryRole(doc, me)
  if (role === null) return 'register as a participant before saying "me too"'
  return r.data.role === role ? null : 'a "me too" carries the role in the participant\'s registry entry'
}
