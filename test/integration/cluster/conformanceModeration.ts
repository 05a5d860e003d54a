import { expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { WebSocket } from 'ws'
import { CLOSE_CODES } from '../../../src/core/node/relay'
import {
  encodeModeration,
  MESSAGE_MODERATION,
  type ModerationNotice,
  type ModerationRequest,
} from '../../../src/core/common/moderation/moderation'
import { readActivity } from '../../../src/core/common/session/activity'
import { recordsArray, sessionMap } from '../../../src/core/common/session/docSchema'
import { readTrash } from '../../../src/core/common/session/trash'
import { registerParticipant } from '../../../src/core/common/session/write'
import { cardTexts, postCard } from '../../helpers/guestCards'
import {
  copies,
  everything,
  heldCard,
  lastInbox,
  lastMine,
  listenModeration,
  sendModeration,
} from '../../helpers/moderationNotices'
import { waitFor, type Guest } from '../sharing/helpers'
import type { ConformanceContext } from './conformanceRules'

type Speaker = Guest & { notices: ModerationNotice[] }
const speaking = (g: Guest): Speaker => Object.assign(g, { notices: listenModeration(g.provider) })
const ask = (g: Guest, request: ModerationRequest) => sendModeration(g.provider, request)

/** Registers a guest (binding a shared link to it) and waits until `seen` has the registration. */
export async function register(guest: Guest, guestId: string, seen: Y.Doc): Promise<void> {
  registerParticipant(
    guest.doc,
    { id: guestId, name: '', anonymous: true, coproRole: 'service-user', sessionRole: 'participant' },
    1,
  )
  await waitFor(() => sessionMap(seen, 'participants').has(guestId), 'the guest registered')
}

/**
 * Moderation's held-cards inbox (ADR 0047) on every node: what the app does (phone guests send cards
 * for approval, facilitators decide) through stock clients that speak message 16, on the laptop relay
 * and across the nodes of a cluster.
 */
export function moderationConformance({ t, last, client, publish, mint }: ConformanceContext): void {
  /** A moderated session: the facilitator (node 0, holding on) and a registered guest on the last node. */
  const moderated = async (guestId: string) => {
    const { id, facilitator } = await publish(0)
    const staff = speaking(facilitator)
    ask(staff, { t: 'settings', settings: { hold: true, words: [] } })
    await waitFor(() => lastInbox(staff)?.settings.hold === true, 'holding is on')
    const { token } = await mint(0, id, 'participant')
    const guest = speaking(client(last(), id, token))
    await waitFor(() => guest.provider.synced, 'the guest synced')
    await register(guest, guestId, facilitator.doc)
    await waitFor(() => lastMine(guest)?.moderated === true, 'the guest told cards are held')
    return { id, staff, guest, token }
  }

  it('holds a guest’s card for the facilitators on every node; approving writes it as the guest’s everywhere', async () => {
    const SECRET = 'held text on a cluster 5e1'
    const { id, staff, guest, token } = await moderated('g-mod-1')
    ask(guest, { t: 'submit', record: heldCard('shape:mod1', 'g-mod-1', SECRET), index: 'b1' })
    await waitFor(() => lastInbox(staff)?.held.length === 1, 'the facilitator sees the held card')
    expect(lastInbox(staff)!.held[0]).toMatchObject({ by: 'g-mod-1', matched: null, index: 'b1' })
    expect(lastInbox(staff)!.held[0]!.record.props.text).toBe(SECRET)
    await waitFor(() => lastMine(guest)?.held.length === 1, 'the guest sees the card waiting')

    // a guest's new card written straight into the document is refused on every node (4430, told why)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      for (let node = 0; node <= last(); node++) {
        const sneaky = client(node, id, token)
        await waitFor(() => sneaky.provider.synced, 'synced')
        postCard(sneaky.doc, `g-sneaky-${node}`, `sneaky${node}`, SECRET)
        await waitFor(() => sneaky.closed !== null, 'the direct write refused')
        expect(sneaky.closed).toEqual({ code: CLOSE_CODES.PERMISSION_DENIED })
        expect(warn.mock.calls.some((a) => String(a.join(' ')).includes('moderation inbox'))).toBe(true)
        warn.mockClear()
      }
    } finally {
      warn.mockRestore()
    }

    // stock clients that never speak moderation: an observer on the first node, a participant on the last
    const silent = [client(0, id, (await mint(0, id, 'observer')).token), client(last(), id, token)]
    let framesToSilent = 0
    for (const s of silent) s.provider.messageHandlers[MESSAGE_MODERATION] = () => void framesToSilent++
    await waitFor(() => silent.every((s) => s.provider.synced), 'the stock clients synced')

    // A round trip through every node: nobody but the facilitators got the text.
    staff.doc.getMap('facilitation').set('ping', 1)
    await waitFor(
      () => silent.every((s) => s.doc.getMap('facilitation').get('ping') === 1),
      'the ping everywhere',
    )
    for (const s of [...silent, guest]) expect(everything(s.doc)).not.toContain(SECRET)
    expect(framesToSilent).toBe(0)
    expect(guest.notices.some((n) => n.t === 'inbox')).toBe(false)

    ask(staff, { t: 'approve', ids: ['shape:mod1'] })
    const far = silent.at(-1)!
    await waitFor(() => cardTexts(far.doc).get('mod1') === SECRET, 'the approved card on the last node')
    const written = recordsArray(far.doc)
      .toArray()
      .find((e) => (e as { key?: unknown }).key === 'shape:mod1') as {
      val: { index: string; props: { authorId: string } }
    }
    expect(written.val.props.authorId).toBe('g-mod-1')
    expect(written.val.index).toBe('b1')
    const log = () =>
      readActivity(far.doc)
        .filter((e) => e.id === 'shape:mod1')
        .map((e) => [e.action, e.by.role, e.by.participantId ?? null])
        .sort()
    await waitFor(() => log().length === 3, 'the activity log')
    expect(log()).toEqual([
      ['approved', 'facilitator', null],
      ['created', 'participant', 'g-mod-1'],
      ['held', 'participant', 'g-mod-1'],
    ])
    await waitFor(
      () => lastMine(guest)?.decisions.some((d) => d.id === 'shape:mod1' && d.status === 'approved') === true,
      'the guest told it is on the board',
    )
    expect(lastMine(guest)!.held).toEqual([])
    await waitFor(() => lastInbox(staff)?.held.length === 0, 'the inbox emptied')
    expect(framesToSilent).toBe(0)
  })

  it('two facilitators approving the same card at once (on two nodes) put it on the board once', async () => {
    const { id, staff, guest } = await moderated('g-mod-2')
    const other = speaking(client(last(), id, t().adminToken))
    await waitFor(() => lastInbox(other) !== undefined, 'the second facilitator listens')
    ask(guest, { t: 'submit', record: heldCard('shape:mod2', 'g-mod-2', 'approve me once'), index: 'b2' })
    await waitFor(
      () => lastInbox(staff)?.held.length === 1 && lastInbox(other)?.held.length === 1,
      'both see the held card',
    )
    const from = [staff.notices.length, other.notices.length]
    ask(staff, { t: 'approve', ids: ['shape:mod2'] })
    ask(other, { t: 'approve', ids: ['shape:mod2'] })
    // the winner's change reaches both (2), the other's request is answered with the emptied inbox (1)
    const emptied = () =>
      [...staff.notices.slice(from[0]), ...other.notices.slice(from[1])].filter(
        (n) => n.t === 'inbox' && n.held.length === 0,
      )
    await waitFor(() => emptied().length >= 3, 'both requests answered')
    for (const doc of [staff.doc, other.doc])
      await waitFor(
        () => readActivity(doc).some((e) => e.id === 'shape:mod2' && e.action === 'created'),
        'the card created',
      )
    // after a round trip through every node, one card and one approval
    staff.doc.getMap('facilitation').set('after', 2)
    for (let node = 0; node <= last(); node++) {
      const check = client(node, id, t().adminToken)
      await waitFor(() => check.doc.getMap('facilitation').get('after') === 2, 'a fresh client synced')
      expect(copies(check.doc, 'shape:mod2')).toBe(1)
      const actions = readActivity(check.doc)
        .filter((e) => e.id === 'shape:mod2')
        .map((e) => e.action)
        .sort()
      expect(actions).toEqual(['approved', 'created', 'held'])
    }
    expect(lastMine(guest)!.decisions.filter((d) => d.id === 'shape:mod2')).toHaveLength(1)
  })

  it('with only a word list, a matching card waits (flagged) and the others go straight on the board as the guest’s', async () => {
    const { id, staff, guest } = await moderated('g-mod-5')
    ask(staff, { t: 'settings', settings: { hold: false, words: ['cafe'] } })
    await waitFor(
      () => lastMine(guest)?.moderated === true && lastInbox(staff)?.settings.hold === false,
      'set',
    )
    ask(guest, { t: 'submit', record: heldCard('shape:flag', 'g-mod-5', 'The CAFÉ was cold'), index: 'b5' })
    ask(guest, {
      t: 'submit',
      record: heldCard('shape:fine', 'g-mod-5', 'The canteen was fine'),
      index: 'b6',
    })
    await waitFor(() => lastInbox(staff)?.held.length === 1, 'the flagged card waits')
    expect(lastInbox(staff)!.held[0]).toMatchObject({ matched: 'cafe', record: { id: 'shape:flag' } })
    const check = client(0, id, t().adminToken)
    await waitFor(
      () => cardTexts(check.doc).get('fine') === 'The canteen was fine',
      'the other card on the board',
    )
    expect(cardTexts(check.doc).has('flag')).toBe(false)
    await waitFor(
      () => readActivity(check.doc).some((e) => e.id === 'shape:fine' && e.action === 'created'),
      'its creation logged',
    )
    expect(readActivity(check.doc).find((e) => e.id === 'shape:fine' && e.action === 'created')?.by).toEqual({
      role: 'participant',
      participantId: 'g-mod-5',
    })
  })

  it('approving a card already on the board (written before a crash lost the inbox’s change) only clears it', async () => {
    const { id, staff, guest } = await moderated('g-mod-4')
    const record = heldCard('shape:mod4', 'g-mod-4', 'written before the crash')
    ask(guest, { t: 'submit', record, index: 'b4' })
    await waitFor(() => lastInbox(staff)?.held.length === 1, 'the facilitator sees the held card')
    // what a node that crashed between writing the card and committing the inbox leaves behind
    staff.doc.transact(() => {
      recordsArray(staff.doc).push([{ key: record.id, val: { ...record, index: 'b4', opacity: 1 } }])
    })
    const check = client(last(), id, t().adminToken)
    await waitFor(() => cardTexts(check.doc).has('mod4'), 'the card on the board everywhere')
    ask(staff, { t: 'approve', ids: ['shape:mod4'] })
    await waitFor(() => lastInbox(staff)?.held.length === 0, 'the inbox cleared')
    await waitFor(
      () => lastMine(guest)?.decisions.some((d) => d.id === 'shape:mod4' && d.status === 'approved') === true,
      'the guest told',
    )
    staff.doc.getMap('facilitation').set('after', 4)
    await waitFor(() => check.doc.getMap('facilitation').get('after') === 4, 'a round trip')
    expect(copies(check.doc, 'shape:mod4')).toBe(1)
    expect(readActivity(check.doc).filter((e) => e.id === 'shape:mod4' && e.action === 'approved')).toEqual(
      [],
    )
  })

  it('“not now” puts a held card in the board trash, by the facilitator, and tells the guest', async () => {
    const { id, staff, guest } = await moderated('g-mod-3')
    ask(guest, { t: 'submit', record: heldCard('shape:mod3', 'g-mod-3', 'maybe later'), index: 'b3' })
    await waitFor(() => lastInbox(staff)?.held.length === 1, 'the facilitator sees the held card')
    ask(staff, { t: 'reject', ids: ['shape:mod3'] })
    const check = client(last(), id, t().adminToken)
    const trashed = () => readTrash(check.doc).find((e) => e.kind === 'card' && e.record.id === 'shape:mod3')
    await waitFor(() => trashed() !== undefined, 'the card in the trash')
    expect(trashed()!.by.role).toBe('facilitator')
    expect(cardTexts(check.doc).has('mod3')).toBe(false)
    await waitFor(
      () => readActivity(check.doc).some((e) => e.id === 'shape:mod3' && e.action === 'not-shown'),
      'logged as not shown',
    )
    await waitFor(
      () =>
        lastMine(guest)?.decisions.some((d) => d.id === 'shape:mod3' && d.status === 'not-shown') === true,
      'the guest told',
    )
    await waitFor(() => lastInbox(staff)?.held.length === 0, 'the inbox emptied')
    // turning holding off tells every guest, on whichever node
    ask(staff, { t: 'settings', settings: { hold: false, words: [] } })
    await waitFor(() => lastMine(guest)?.moderated === false, 'the guest told cards go straight on')
  })

  it('the app’s moderation query (message 16) is answered to who asks, never closes a connection', async () => {
    const { id } = await publish(0)
    const { token } = await mint(0, id, 'participant')
    for (let node = 0; node <= last(); node++) {
      const ws = new WebSocket(`${t().syncUrls[node]}/${id}?token=${token}`)
      const types: number[] = []
      ws.on('message', (d: Buffer) => types.push(d[0]!))
      await new Promise<void>((resolve) => ws.once('open', () => resolve()))
      ws.send(encodeModeration({ t: 'query' }))
      await waitFor(() => types.includes(MESSAGE_MODERATION), 'the answer')
      expect(ws.readyState).toBe(WebSocket.OPEN)
      ws.terminate()
    }
  })
}
