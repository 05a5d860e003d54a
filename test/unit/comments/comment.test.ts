import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  COMMENT_LIMITS,
  commentByline,
  countComments,
  countMeToo,
  makeComment,
  parseComments,
  parseReactions,
  reactionKey,
  threadsOf,
  type Comment,
} from '../../../src/core/common/comments/comment'
import {
  addComment,
  editComment,
  hasMeToo,
  readComments,
  readReactions,
  removeComment,
  restoreComment,
  toggleMeToo,
} from '../../../src/core/common/session/comments'
import type { CoproRole } from '../../../src/shared/model/roles'

const anon = { id: 'p1', name: 'Jo Bloggs', anonymous: true, coproRole: 'service-user' } as const
const named = { id: 'p2', name: 'Priya', anonymous: false, coproRole: 'frontline-staff' } as const
const c = (id: string, at: number, extra: Partial<Comment> = {}): Comment => ({
  ...makeComment({ id, cardId: 'shape:a', author: named, text: id, at }),
  ...extra,
})

describe('a comment', () => {
  it('keeps the name of an anonymous author out, as on cards; a consented name is kept', () => {
    const a = makeComment({ id: 'c1', cardId: 'shape:a', author: anon, text: ' Too long a wait ', at: 1 })
    expect(a.authorName).toBe('')
    expect(a.text).toBe('Too long a wait')
    expect(commentByline(a)).toBe('Service user')
    const b = makeComment({ id: 'c2', cardId: 'shape:a', author: named, text: 'Yes', at: 2 })
    expect(b.authorName).toBe('Priya')
    expect(commentByline(b)).toBe('Priya (Staff)')
  })

  it('has the same length limit as a card, and needs some text', () => {
    const long = makeComment({ id: 'c', cardId: 'shape:a', author: anon, text: 'x'.repeat(5000), at: 1 })
    expect(long.text).toHaveLength(COMMENT_LIMITS.textMax)
    expect(COMMENT_LIMITS.textMax).toBe(2000)
    expect(() => makeComment({ id: 'c', cardId: 'shape:a', author: anon, text: '  \n ', at: 1 })).toThrow()
  })

  it('reads only valid comments stored under their own id', () => {
    const ok = c('c1', 1)
    expect(
      parseComments([
        ['c1', ok],
        ['other', c('c2', 2)],
        ['c3', { ...c('c3', 3), authorRole: 'king' }],
        ['c4', 'nonsense'],
      ]).map((x) => x.id),
    ).toEqual(['c1'])
  })
})

describe('threads', () => {
  it('group replies under their comment, oldest first; an orphaned reply stays visible', () => {
    const all = [
      c('c3', 3, { parentId: 'c1' }),
      c('c1', 1),
      c('c2', 2),
      c('c4', 4, { parentId: 'gone' }),
      c('c5', 5, { cardId: 'shape:b' }),
    ]
    const t = threadsOf(all, 'shape:a')
    expect(t.map((x) => [x.comment.id, x.replies.map((r) => r.id)])).toEqual([
      ['c1', ['c3']],
      ['c2', []],
      ['c4', []],
    ])
    expect(countComments(all)).toEqual(
      new Map([
        ['shape:a', 4],
        ['shape:b', 1],
      ]),
    )
  })

  it('are one level deep: replying to a reply answers its thread', () => {
    const doc = new Y.Doc()
    const top = addComment(doc, { cardId: 'shape:a', author: anon, text: 'Top' }, 1, 'c1')
    const reply = addComment(doc, { cardId: 'shape:a', parentId: top.id, author: named, text: 'R' }, 2, 'c2')
    const deeper = addComment(
      doc,
      { cardId: 'shape:a', parentId: reply.id, author: anon, text: 'RR' },
      3,
      'c3',
    )
    expect(deeper.parentId).toBe('c1')
    expect(threadsOf(readComments(doc), 'shape:a')[0]!.replies.map((r) => r.id)).toEqual(['c2', 'c3'])
  })
})

describe('editing, removing and restoring (session/comments.ts)', () => {
  it('edits only the text and marks it edited; a removed comment comes back unchanged', () => {
    const doc = new Y.Doc()
    const top = addComment(doc, { cardId: 'shape:a', author: anon, text: 'Frist' }, 1, 'c1')
    expect(editComment(doc, top.id, 'First', 5)).toBe(true)
    const edited = readComments(doc)[0]!
    expect(edited).toMatchObject({ text: 'First', editedAt: 5, at: 1, authorName: '' })
    expect(editComment(doc, top.id, '   ')).toBe(false)
    expect(removeComment(doc, top.id)).toBe(true)
    expect(readComments(doc)).toEqual([])
    expect(restoreComment(doc, edited)).toBe(true)
    expect(restoreComment(doc, edited)).toBe(false)
    expect(readComments(doc)).toEqual([edited])
  })
})

describe('"me too"', () => {
  it('is one per person per card: a second press takes it back', () => {
    const doc = new Y.Doc()
    expect(toggleMeToo(doc, 'shape:a', anon, 1)).toBe(true)
    expect(hasMeToo(doc, 'shape:a', 'p1')).toBe(true)
    expect(toggleMeToo(doc, 'shape:a', anon, 2)).toBe(false)
    expect(readReactions(doc)).toEqual([])
  })

  it('is counted by the role in the registry, never the one written; withdrawn and unknown people leave', () => {
    const r = (cardId: string, participantId: string, role: CoproRole) => ({
      cardId,
      participantId,
      role,
      at: 1,
    })
    const reactions = parseReactions([
      [reactionKey('shape:a', 'p1'), r('shape:a', 'p1', 'manager-commissioner')],
      [reactionKey('shape:a', 'p2'), r('shape:a', 'p2', 'frontline-staff')],
      [reactionKey('shape:a', 'p3'), r('shape:a', 'p3', 'service-user')],
      [reactionKey('shape:a', 'p4'), r('shape:a', 'p4', 'service-user')],
      [reactionKey('shape:b', 'p1'), r('shape:b', 'p1', 'service-user')],
      ['shape:b/p9', r('shape:b', 'p2', 'service-user')],
    ])
    expect(reactions).toHaveLength(5)
    const registry = new Map<string, CoproRole>([
      ['p1', 'service-user'],
      ['p2', 'frontline-staff'],
      ['p3', 'carer-family'],
    ])
    const counts = countMeToo(reactions, registry, new Set(['p3']))
    expect(counts.get('shape:a')!.total).toBe(2)
    expect(counts.get('shape:a')!.byRole).toMatchObject({
      'service-user': 1,
      'frontline-staff': 1,
      'carer-family': 0,
      'manager-commissioner': 0,
    })
    expect(counts.get('shape:b')!.total).toBe(1)
  })
})
