import * as Y from 'yjs'
import { Comment } from '../../common/comments/comment'
import { type Actor, type ActivityEntry, appendActivity } from '../../common/session/activity'
import { sessionMap } from '../../common/session/docSchema'
import { plain } from '../../common/session/read'
import {
  hasTrashEntry,
  removeTrashEntries,
  type TrashEntry,
  writeTrashEntries,
} from '../../common/session/trash'
import { RECORDER_ORIGIN } from './boardRecorder'

/**
 * Records what happens to comments as the relay applies each update, like BoardRecorder does for cards
 * (ADR 0041): a comment removed — deleted by its author, or hidden by a facilitator — goes to the board
 * trash with who and when; a comment coming back with the same id leaves it; the activity log gets
 * created / edited / deleted / hidden / restored entries. Who did it comes from the connection.
 */
export class CommentRecorder {
  private readonly comments: Y.Map<unknown>

  constructor(
    private readonly doc: Y.Doc,
    private readonly actorOf: (origin: unknown) => Actor | null,
    private readonly now: () => number = Date.now,
  ) {
    this.comments = sessionMap(doc, 'comments')
    this.comments.observe(this.onComments)
  }

  destroy(): void {
    this.comments.unobserve(this.onComments)
  }

  private readonly onComments = (event: Y.YMapEvent<unknown>, tr: Y.Transaction): void => {
    if (tr.origin === RECORDER_ORIGIN || tr.origin === 'load') return
    const by = this.actorOf(tr.origin)
    if (!by) return
    const at = this.now()
    const log: ActivityEntry[] = []
    const trashed: TrashEntry[] = []
    const restored: { kind: 'comment'; id: string }[] = []
    event.changes.keys.forEach((change, key) => {
      if (change.action === 'delete') {
        const c = Comment.safeParse(plain(change.oldValue))
        if (!c.success) return
        trashed.push({ kind: 'comment', comment: c.data, by, at })
        const own = by.participantId !== undefined && by.participantId === c.data.authorId
        log.push({ at, action: own ? 'deleted' : 'hidden', target: 'comment', id: key, by })
      } else if (change.action === 'add') {
        const back = hasTrashEntry(this.doc, 'comment', key)
        if (back) restored.push({ kind: 'comment', id: key })
        log.push({ at, action: back ? 'restored' : 'created', target: 'comment', id: key, by })
      } else {
        log.push({ at, action: 'edited', target: 'comment', id: key, by })
      }
    })
    if (log.length === 0) return
    this.doc.transact(() => {
      removeTrashEntries(this.doc, restored, RECORDER_ORIGIN)
      writeTrashEntries(this.doc, trashed, RECORDER_ORIGIN)
      appendActivity(this.doc, log, RECORDER_ORIGIN)
    }, RECORDER_ORIGIN)
  }
}
