import { expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import { CLOSE_CODES } from '../../../src/core/node/relay'
import { readActivity } from '../../../src/core/common/session/activity'
import { readTrash } from '../../../src/core/common/session/trash'
import { addComment, readComments, removeComment } from '../../../src/core/common/session/comments'
import { GuestJoinResponse } from '../../../src/shared/api/guestJoin'
import { cardTexts, deleteCard, editCardText, postCard } from '../../helpers/guestCards'
import { waitFor, type Guest } from '../sharing/helpers'
import type { Target } from './conformance'

/** What the conformance suite's scenarios share (conformance.ts). */
export interface ConformanceContext {
  t: () => Target
  last: () => number
  client(node: number, room: string, token: string | null): Guest
  admin(
    node: number,
    path: string,
    method?: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>
  publish(node?: number): Promise<{ id: string; facilitator: Guest }>
  mint(
    node: number,
    id: string,
    role: 'participant' | 'observer',
  ): Promise<{ token: string; tokenId: string }>
}

/**
 * The session rules every node keeps (issue 18 item 2): the rights check (ADR 0040), the board trash
 * and activity log (ADR 0041), per-device identity (ADR 0038) and images, on the laptop relay and on
 * every node of a cluster.
 */
export function sessionRulesConformance({ t, last, client, admin, publish, mint }: ConformanceContext): void {
  it('refuses a participant’s change to someone else’s card on every node (4430, told, nobody sees it)', async () => {
    const { id, facilitator } = await publish(0)
    postCard(facilitator.doc, 'fac-conformance', 'theirs', 'the facilitator’s words')
    const { token } = await mint(0, id, 'participant')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      for (let node = 0; node <= last(); node++) {
        const offender = client(node, id, token)
        await waitFor(() => cardTexts(offender.doc).has('theirs'), 'the offender synced')
        editCardText(offender.doc, 'theirs', 'overruled')
        await waitFor(() => offender.closed !== null, 'the offender was closed')
        expect(offender.closed).toEqual({ code: CLOSE_CODES.PERMISSION_DENIED })
        // told why, through the auth sub-protocol (a stock client logs it)
        expect(warn.mock.calls.some((a) => String(a.join(' ')).includes('permission denied'))).toBe(true)
        warn.mockClear()
      }
    } finally {
      warn.mockRestore()
    }
    // A round trip through every node after the refusals: nobody has the change, nor stored it.
    facilitator.doc.getMap('cards').set('after', 1)
    for (let node = 0; node <= last(); node++) {
      const check = client(node, id, t().adminToken)
      await waitFor(() => check.doc.getMap('cards').get('after') === 1, 'a fresh client synced')
      expect(cardTexts(check.doc).get('theirs')).toBe('the facilitator’s words')
    }
    expect(cardTexts(facilitator.doc).get('theirs')).toBe('the facilitator’s words')
  })

  it('refuses an update over the cost bounds on every node, whoever sends it (4413), before it is applied', async () => {
    const { id, facilitator } = await publish(0)
    const doc = new Y.Doc()
    let update: Uint8Array | null = null
    doc.on('update', (u: Uint8Array) => (update = u))
    doc.transact(() => {
      for (let i = 0; i < 3000; i++) doc.getMap('cards').set(`bulk${i}`, i)
    })
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, update!)
    for (let node = 0; node <= last(); node++) {
      const ws = new WebSocket(`${t().syncUrls[node]}/${id}?token=${t().adminToken}`)
      await new Promise<void>((resolve) => ws.once('open', () => resolve()))
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
      ws.send(encoding.toUint8Array(e))
      expect(await closed).toBe(CLOSE_CODES.UPDATE_TOO_LARGE)
    }
    facilitator.doc.getMap('cards').set('after', 1)
    const check = client(last(), id, t().adminToken)
    await waitFor(() => check.doc.getMap('cards').get('after') === 1, 'a fresh client synced')
    expect(check.doc.getMap('cards').has('bulk0')).toBe(false)
    doc.destroy()
  })

  it('records a deleted card in the board trash and the activity log, by who deleted it, on every node', async () => {
    const { id, facilitator } = await publish(0)
    const guest = client(last(), id, (await mint(0, id, 'participant')).token)
    await waitFor(() => guest.provider.synced, 'guest synced')
    postCard(guest.doc, 'g-conformance-5', 'mine', 'changed my mind')
    await waitFor(() => cardTexts(facilitator.doc).has('mine'), 'the card arrived')
    deleteCard(guest.doc, 'mine')
    const trashed = (doc: Y.Doc) =>
      readTrash(doc).find((e) => e.kind === 'card' && e.record.id === 'shape:mine')
    await waitFor(() => trashed(facilitator.doc) !== undefined, 'the card in the trash')
    expect(cardTexts(facilitator.doc).has('mine')).toBe(false)
    const entry = trashed(facilitator.doc)!
    expect(entry.by.role).toBe('participant')
    expect(entry.kind === 'card' && entry.record.props.text).toBe('changed my mind')
    const actions = readActivity(facilitator.doc)
      .filter((a) => a.id === 'shape:mine')
      .map((a) => [a.action, a.by.role])
    expect(actions).toEqual([
      ['created', 'participant'],
      ['deleted', 'participant'],
    ])
    // recorded once (not again by the node that only relayed it), and stored with the change
    for (let node = 0; node <= last(); node++) {
      const check = client(node, id, t().adminToken)
      await waitFor(() => trashed(check.doc) !== undefined, 'a fresh client has the trash entry')
      expect(readActivity(check.doc).filter((a) => a.id === 'shape:mine')).toHaveLength(2)
    }
  })

  /** POST /api/guest/join on a node: a guest device exchanges a link for its own token. */
  const join = async (node: number, body: unknown) => {
    const r = await fetch(`${t().origins[node]}/api/guest/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: r.status, body: (await r.json()) as Record<string, unknown> }
  }

  it('records a comment its author deleted in the board trash and the activity log, on every node', async () => {
    const { id, facilitator } = await publish(0)
    const link = await mint(0, id, 'participant')
    const device = GuestJoinResponse.parse((await join(last(), { sessionId: id, token: link.token })).body)
    const guest = client(last(), id, device.deviceToken)
    await waitFor(() => guest.provider.synced, 'guest synced')
    const me = device.participantId
    postCard(guest.doc, me, 'commented', 'a card to comment on')
    const author = { id: me, name: '', anonymous: true, coproRole: 'service-user' } as const
    addComment(guest.doc, { cardId: 'shape:commented', author, text: 'on second thoughts' }, 1, 'c-conf')
    await waitFor(() => readComments(facilitator.doc).some((c) => c.id === 'c-conf'), 'the comment arrived')
    removeComment(guest.doc, 'c-conf')
    const trashed = (doc: Y.Doc) =>
      readTrash(doc).find((e) => e.kind === 'comment' && e.comment.id === 'c-conf')
    await waitFor(() => trashed(facilitator.doc) !== undefined, 'the comment in the trash')
    expect(readComments(facilitator.doc).some((c) => c.id === 'c-conf')).toBe(false)
    const entry = trashed(facilitator.doc)!
    expect(entry.by).toEqual({ role: 'participant', participantId: me })
    expect(entry.kind === 'comment' && entry.comment.text).toBe('on second thoughts')
    const actions = (doc: Y.Doc) =>
      readActivity(doc)
        .filter((a) => a.id === 'c-conf')
        .map((a) => [a.action, a.by.participantId])
    expect(actions(facilitator.doc)).toEqual([
      ['created', me],
      ['deleted', me],
    ])
    // recorded once (by the node the guest is on), and stored with the change: read on every node
    for (let node = 0; node <= last(); node++) {
      const check = client(node, id, t().adminToken)
      await waitFor(() => trashed(check.doc) !== undefined, 'a fresh client has the comment in the trash')
      expect(actions(check.doc)).toEqual(actions(facilitator.doc))
    }
  })

  it('a guest device joins (POST /api/guest/join) on any node and writes as its own participant', async () => {
    const { id, facilitator } = await publish(0)
    const link = await mint(0, id, 'participant')
    const first = await join(last(), { sessionId: id, token: link.token })
    expect(first.status).toBe(200)
    const joined = GuestJoinResponse.parse(first.body)
    expect(joined.role).toBe('participant')
    // a rejoin on another node with the device's token keeps its identity
    const again = GuestJoinResponse.parse(
      (await join(0, { sessionId: id, token: link.token, deviceToken: joined.deviceToken })).body,
    )
    expect(again.participantId).toBe(joined.participantId)
    expect((await join(0, { sessionId: id, token: 'z'.repeat(32) })).status).toBe(401)
    // the device writes cards as its participant id (and only as it)
    const device = client(0, id, joined.deviceToken)
    await waitFor(() => device.provider.synced, 'the device synced')
    postCard(device.doc, joined.participantId, 'device-card', 'from my phone')
    await waitFor(() => cardTexts(facilitator.doc).get('device-card') === 'from my phone', 'the card arrived')
    const created = readActivity(facilitator.doc).find((a) => a.id === 'shape:device-card')
    expect(created?.by).toEqual({ role: 'participant', participantId: joined.participantId })
    // revoking the shared link revokes the device's token too, on every node
    expect((await admin(last(), `/admin/tokens/${link.tokenId}`, 'DELETE')).status).toBe(200)
    await waitFor(() => device.closed !== null, 'the device was closed')
    expect(device.closed).toEqual({ code: CLOSE_CODES.TOKEN_REVOKED })
  })

  it('stores an image on one node and serves it from every node, to readers of the session only', async () => {
    const { id } = await publish(0)
    const participant = await mint(0, id, 'participant')
    const observer = await mint(0, id, 'observer')
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])
    const up = await fetch(`${t().origins[last()]}/api/assets/${id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${participant.token}` },
      body: png,
    })
    expect(up.status).toBe(201)
    const { src } = (await up.json()) as { src: string }
    for (let node = 0; node <= last(); node++) {
      const r = await fetch(`${t().origins[node]}${src}?token=${observer.token}`)
      expect(r.status).toBe(200)
      expect(r.headers.get('content-type')).toBe('image/png')
      expect(r.headers.get('x-content-type-options')).toBe('nosniff')
      expect(new Uint8Array(await r.arrayBuffer())).toEqual(png)
      expect((await fetch(`${t().origins[node]}${src}`)).status).toBe(401)
    }
    const refused = await fetch(`${t().origins[0]}/api/assets/${id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${observer.token}` },
      body: png,
    })
    expect(refused.status).toBe(403)
    const notImage = await fetch(`${t().origins[0]}/api/assets/${id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${participant.token}` },
      body: new TextEncoder().encode('<script>alert(1)</script>'),
    })
    expect(notImage.status).toBe(415)
  })
}
