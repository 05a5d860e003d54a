import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import { makeComment, reactionKey } from '../../../src/core/common/comments/comment'
import { readActivity } from '../../../src/core/common/session/activity'
import {
  addComment,
  editComment,
  readComments,
  readReactions,
  removeComment,
  restoreComment,
  toggleMeToo,
} from '../../../src/core/common/session/comments'
import { sessionMap } from '../../../src/core/common/session/docSchema'
import { readTrash } from '../../../src/core/common/session/trash'
import { CLOSE_CODES } from '../../../src/core/node/relay'
import type { StandaloneRelay } from '../../helpers/standaloneRelay'
import { waitFor } from '../../helpers/wait'
import { SESSION, type Client, waitSynced } from './helpers'
import { RightsRelay } from './rightsRelay'
import { GRANTS, records } from './rightsBoard'

// Issue 17 item 3 with issue 16's rights: comments and "me too"s through the real relay and stock
// y-websocket clients — a participant writes, edits and deletes only their own; only facilitators hide;
// a hidden comment is in the trash with who and when and comes back from it.

const rig = new RightsRelay()
let relay: StandaloneRelay
const connect = rig.connect

const ALICE = { id: 'alice', name: 'Alice', anonymous: true, coproRole: 'service-user' } as const
const relayDoc = () => relay.relay.getLoadedDoc(SESSION)!
const comments = (doc: Y.Doc) => sessionMap(doc, 'comments').toJSON()
const reactions = (doc: Y.Doc) => sessionMap(doc, 'reactions').toJSON()

beforeEach(async () => {
  const fac = await rig.start()
  relay = rig.relay
  // a comment by the facilitator, and one by Alice, on the facilitator's card
  addComment(
    fac.doc,
    {
      cardId: 'shape:fac',
      author: { id: 'fac1', name: 'Sam', anonymous: false, coproRole: 'facilitator' },
      text: 'What do you mean by late?',
    },
    10,
    'comment:fac',
  )
  sessionMap(fac.doc, 'comments').set(
    'comment:alice',
    makeComment({ id: 'comment:alice', cardId: 'shape:fac', author: ALICE, text: 'Me as well', at: 11 }),
  )
  await waitFor(
    () => relayDoc() !== undefined && records(relayDoc()).size === 5 && readComments(relayDoc()).length === 2,
    'the seeded board',
  )
})

afterEach(async () => {
  await rig.stop()
  vi.restoreAllMocks()
})

/** `token`'s change is refused: the client is closed with permission denied and the relay's comments stay. */
async function expectRefused(change: (doc: Y.Doc) => void, token: keyof typeof GRANTS = 'alice') {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  const offender = connect(token)
  await waitSynced(offender)
  const before = [comments(relayDoc()), reactions(relayDoc()), readTrash(relayDoc())]
  const closes: number[] = []
  offender.provider.on('connection-close', (e) => {
    if (e) closes.push(e.code)
  })
  change(offender.doc)
  await waitFor(() => closes.length > 0, 'the offender to be closed')
  expect(closes).toEqual([CLOSE_CODES.PERMISSION_DENIED])
  // a facilitator's round trip after the refusal: the relay has not taken the change
  const fac = connect('fac')
  await waitSynced(fac)
  expect([comments(fac.doc), reactions(fac.doc), readTrash(fac.doc)]).toEqual(before)
  expect([comments(relayDoc()), reactions(relayDoc()), readTrash(relayDoc())]).toEqual(before)
}

async function allowed(token: keyof typeof GRANTS, change: (doc: Y.Doc) => void): Promise<Client> {
  const writer = connect(token)
  await waitSynced(writer)
  const closes: number[] = []
  writer.provider.on('connection-close', (e) => {
    if (e) closes.push(e.code)
  })
  change(writer.doc)
  return writer
}

describe('comment rights (stock y-websocket clients through the relay)', () => {
  it("a participant cannot edit someone else's comment", () =>
    expectRefused((d) => editComment(d, 'comment:fac', 'rewritten by Alice')))

  it("a participant cannot hide (delete) someone else's comment", () =>
    expectRefused((d) => removeComment(d, 'comment:fac')))

  it('a participant cannot write a comment in someone else’s name', () =>
    expectRefused((d) =>
      sessionMap(d, 'comments').set(
        'comment:forged',
        makeComment({
          id: 'comment:forged',
          cardId: 'shape:fac',
          author: { ...ALICE, id: 'bob', coproRole: 'frontline-staff' },
          text: 'forged',
          at: 1,
        }),
      ),
    ))

  it('a participant cannot comment with a role that is not theirs', () =>
    expectRefused((d) =>
      addComment(d, {
        cardId: 'shape:fac',
        author: { ...ALICE, coproRole: 'manager-commissioner' },
        text: 'x',
      }),
    ))

  it('a participant cannot move their comment to another card', () =>
    expectRefused((d) =>
      sessionMap(d, 'comments').set('comment:alice', {
        ...(sessionMap(d, 'comments').get('comment:alice') as object),
        cardId: 'shape:bob',
      }),
    ))

  it('a participant cannot say "me too" for someone else, nor with another role', async () => {
    await expectRefused((d) => toggleMeToo(d, 'shape:fac', { id: 'bob', coproRole: 'frontline-staff' }))
    await expectRefused((d) => toggleMeToo(d, 'shape:fac', { id: 'alice', coproRole: 'facilitator' }))
  })

  it('an unregistered participant cannot comment', () =>
    expectRefused(
      (d) =>
        addComment(d, {
          cardId: 'shape:fac',
          author: { id: 'mallory', name: '', anonymous: true, coproRole: 'service-user' },
          text: 'hello',
        }),
      'mallory',
    ))

  it('a participant adds, replies, edits and deletes their own comment and toggles their own "me too"', async () => {
    const alice = await allowed('alice', (d) => {
      const c = addComment(d, {
        cardId: 'shape:fac',
        parentId: 'comment:fac',
        author: ALICE,
        text: 'Yes, late',
      })
      editComment(d, c.id, 'Yes, an hour late')
      toggleMeToo(d, 'shape:fac', { id: 'alice', coproRole: 'service-user' })
    })
    await waitFor(
      () => readComments(relayDoc()).length === 3 && readReactions(relayDoc()).length === 1,
      'Alice’s reply',
    )
    const reply = readComments(relayDoc()).find((c) => c.text === 'Yes, an hour late')!
    expect(reply).toMatchObject({ parentId: 'comment:fac', authorId: 'alice', authorName: '' })
    expect(sessionMap(relayDoc(), 'reactions').has(reactionKey('shape:fac', 'alice'))).toBe(true)
    toggleMeToo(alice.doc, 'shape:fac', { id: 'alice', coproRole: 'service-user' })
    removeComment(alice.doc, reply.id)
    await waitFor(
      () => readComments(relayDoc()).length === 2 && readReactions(relayDoc()).length === 0,
      'taken back',
    )
    expect(alice.provider.wsconnected).toBe(true)
    // her own deletion is in the trash too (a facilitator can bring it back)
    const entry = readTrash(relayDoc()).find((e) => e.kind === 'comment')
    expect(entry).toMatchObject({ kind: 'comment', by: { role: 'participant', participantId: 'alice' } })
  })

  it('an observer cannot comment (its updates never reach the document)', async () => {
    const watcher = connect('watcher')
    await waitSynced(watcher)
    addComment(watcher.doc, { cardId: 'shape:fac', author: ALICE, text: 'watching' })
    const fac = connect('fac')
    await waitSynced(fac)
    expect(readComments(fac.doc)).toHaveLength(2)
    expect(readComments(relayDoc())).toHaveLength(2)
  })

  it('a facilitator hides a comment: it goes to the trash with who and when, and is restored from it', async () => {
    const fac = await allowed('fac', (d) => removeComment(d, 'comment:alice'))
    const bobView = connect('bob')
    await waitSynced(bobView)
    await waitFor(() => readComments(relayDoc()).length === 1, 'the hidden comment to leave')
    await waitFor(() => readComments(bobView.doc).length === 1, 'everyone to stop seeing it')
    const [entry] = readTrash(relayDoc())
    expect(entry).toMatchObject({
      kind: 'comment',
      by: { role: 'facilitator', participantId: 'fac1' },
      comment: { id: 'comment:alice', text: 'Me as well', authorId: 'alice' },
    })
    expect(entry!.at).toBeGreaterThan(0)
    // restored (as the Trash view does): the same comment under its id; the trash entry leaves
    expect(entry!.kind === 'comment' && restoreComment(fac.doc, entry!.comment)).toBe(true)
    await waitFor(
      () => readComments(relayDoc()).length === 2 && readTrash(relayDoc()).length === 0,
      'restored',
    )
    expect(readComments(relayDoc()).find((c) => c.id === 'comment:alice')?.text).toBe('Me as well')
    const log = readActivity(relayDoc()).filter((e) => e.target === 'comment')
    expect(log.map((e) => [e.action, e.id, e.by.role])).toEqual([
      ['created', 'comment:fac', 'facilitator'],
      ['created', 'comment:alice', 'facilitator'],
      ['hidden', 'comment:alice', 'facilitator'],
      ['restored', 'comment:alice', 'facilitator'],
    ])
  })

  it('a co-facilitator may hide a comment too', async () => {
    await allowed('cofac', (d) => removeComment(d, 'comment:fac'))
    await waitFor(() => readTrash(relayDoc()).length === 1, 'the trash entry')
    expect(readTrash(relayDoc())[0]).toMatchObject({ kind: 'comment', by: { role: 'co-facilitator' } })
  })
})
