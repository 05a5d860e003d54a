import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { CLOSE_CODES } from '../../../src/core/node/relay'
import { closeOf, stockClient, waitFor, type Guest } from '../sharing/helpers'
import { cardTexts, postCard } from '../../helpers/guestCards'
import { sessionRulesConformance } from './conformanceRules'
import { durabilityConformance } from './conformanceDurability'
import { budgetConformance } from './conformanceBudgets'
import { moderationConformance } from './conformanceModeration'

/**
 * One hosting target as the conformance suite sees it: only its public surface — /sync for stock
 * y-websocket clients and the hosted relay's admin API. A laptop relay has one node; a cluster two.
 */
export interface Target {
  /** The y-websocket serverUrl of each node (ws://HOST:PORT/sync). */
  syncUrls: string[]
  /** http://HOST:PORT of each node. */
  origins: string[]
  adminToken: string
  /** The limits the target was started with (the suite needs small ones). */
  limits: {
    maxConnectionsPerSession: number
    maxMessagesPerSecond: number
    maxMessageBytes: number
    maxBufferedBytes: number
    maxDocumentStructs: number
  }
}

export const CONFORMANCE_LIMITS = {
  maxConnectionsPerSession: 4,
  maxMessagesPerSecond: 100,
  maxMessageBytes: 256 * 1024,
  maxBufferedBytes: 64 * 1024,
  maxStructsPerUpdate: 2000,
  /** Small enough for the quota scenario to fill (conformanceBudgets.ts), large enough for the others. */
  maxDocumentStructs: 5000,
}

let counter = 0
const sessionId = () => `conf${Date.now().toString(36)}${(counter++).toString(36)}`

/**
 * The relay scenarios stock clients depend on (docs/protocol/relay.md), run against any target:
 * sync, awareness and its removal, refusals, limits, observer drops, revocation, offline merge.
 */
export function relayConformance(name: string, target: () => Target): void {
  const guests: Guest[] = []
  const sockets: WebSocket[] = []
  afterEach(() => {
    for (const g of guests.splice(0)) g.destroy()
    for (const s of sockets.splice(0)) s.terminate()
  })
  const t = () => target()
  const last = () => t().syncUrls.length - 1
  const client = (node: number, room: string, token: string | null): Guest => {
    const g = stockClient(t().syncUrls[node]!, room, token)
    guests.push(g)
    return g
  }
  const admin = async (node: number, path: string, method = 'GET', body?: unknown) => {
    const res = await fetch(`${t().origins[node]}${path}`, {
      method,
      headers: { authorization: `Bearer ${t().adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  /** Publishes a session the way the desktop app does: by connecting to it with the admin token. */
  const publish = async (node = 0): Promise<{ id: string; facilitator: Guest }> => {
    const id = sessionId()
    const facilitator = client(node, id, t().adminToken)
    await waitFor(() => facilitator.provider.synced, 'the facilitator synced')
    return { id, facilitator }
  }
  const mint = async (node: number, id: string, role: 'participant' | 'observer') => {
    const r = await admin(node, '/admin/tokens', 'POST', { sessionId: id, role })
    expect(r.status).toBe(200)
    return r.body as { token: string; tokenId: string }
  }
  const raw = (node: number, room: string, token: string): WebSocket => {
    const ws = new WebSocket(`${t().syncUrls[node]}/${room}?token=${token}`)
    sockets.push(ws)
    return ws
  }
  const closed = (ws: WebSocket) =>
    new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
  const opened = (ws: WebSocket) => new Promise<void>((resolve) => ws.once('open', () => resolve()))

  describe(`relay conformance: ${name}`, () => {
    sessionRulesConformance({ t, last, client, admin, publish, mint })
    durabilityConformance({ t, last, client, admin, publish, mint })
    budgetConformance({ t, last, client, admin, publish, mint })
    moderationConformance({ t, last, client, admin, publish, mint })

    it('syncs a facilitator and a guest (on another node when there is one) both ways', async () => {
      const { id, facilitator } = await publish(0)
      facilitator.doc.getMap('cards').set('a', 'from the facilitator')
      const { token } = await mint(last(), id, 'participant')
      const guest = client(last(), id, token)
      await waitFor(
        () => guest.doc.getMap('cards').get('a') === 'from the facilitator',
        'the guest got the card',
      )
      // a guest writes what a participant may: a card authored as itself (docs/security.md "Rights")
      postCard(guest.doc, 'g-conformance-1', 'b', 'from the guest')
      await waitFor(() => cardTexts(facilitator.doc).get('b') === 'from the guest', 'the card came back')
      const late = client(0, id, token)
      await waitFor(
        () => late.doc.getMap('cards').size === 1 && cardTexts(late.doc).get('b') === 'from the guest',
        'a late joiner got everything',
      )
    })

    it('relays presence and removes it when its connection leaves', async () => {
      const { id, facilitator } = await publish(0)
      const { token } = await mint(0, id, 'participant')
      const guest = client(last(), id, token)
      await waitFor(() => guest.provider.synced, 'guest synced')
      guest.provider.awareness.setLocalStateField('user', { name: 'Ada' })
      const guestId = guest.doc.clientID
      const seen = () =>
        (facilitator.provider.awareness.getStates().get(guestId) as { user?: { name?: string } } | undefined)
          ?.user?.name
      await waitFor(() => seen() === 'Ada', 'the facilitator saw the guest')
      guest.provider.disconnect()
      await waitFor(() => !facilitator.provider.awareness.getStates().has(guestId), 'presence removed')
    })

    it('refuses without a token (4401), with a wrong or another session’s token (4403), a bad id (4404)', async () => {
      const { id } = await publish(0)
      const other = await publish(0)
      const { token } = await mint(0, other.id, 'participant')
      const node = last()
      expect(await closeOf(`${t().syncUrls[node]}/${id}`)).toEqual({ code: CLOSE_CODES.TOKEN_MISSING })
      expect(await closeOf(`${t().syncUrls[node]}/${id}?token=${'x'.repeat(32)}`)).toEqual({
        code: CLOSE_CODES.TOKEN_REFUSED,
      })
      expect(await closeOf(`${t().syncUrls[node]}/${id}?token=${token}`)).toEqual({
        code: CLOSE_CODES.TOKEN_REFUSED,
      })
      expect(await closeOf(`${t().syncUrls[node]}/ab?token=${token}`)).toEqual({
        code: CLOSE_CODES.UNKNOWN_SESSION,
      })
      // A stock client takes the refusal as permanent.
      const refused = client(node, id, 'y'.repeat(32))
      await waitFor(() => refused.closed !== null, 'the client gave up')
      expect(refused.closed).toEqual({ code: CLOSE_CODES.TOKEN_REFUSED })
      expect(refused.doc.getMap('cards').size).toBe(0)
    })

    it('enforces frame size (1009), malformed frames (4400), message rate (4029), connections per session (4053)', async () => {
      const { id, facilitator } = await publish(0)
      const { token } = await mint(0, id, 'participant')
      const big = raw(0, id, token)
      await opened(big)
      big.send(new Uint8Array(t().limits.maxMessageBytes + 1024))
      // permanent 4415 on the laptop relay (a stock client then stops re-sending it); 1009 on the cluster
      expect([CLOSE_CODES.MESSAGE_TOO_LARGE, CLOSE_CODES.MESSAGE_TOO_BIG]).toContain(await closed(big))

      const bad = raw(0, id, token)
      await opened(bad)
      bad.send(new Uint8Array([0xff, 0x01, 0x02]))
      expect(await closed(bad)).toBe(CLOSE_CODES.MALFORMED_MESSAGE)

      const chatty = raw(0, id, token)
      await opened(chatty)
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 3) // query awareness: harmless, answered
      const frame = encoding.toUint8Array(e)
      for (let i = 0; i < t().limits.maxMessagesPerSecond * 3; i++) chatty.send(frame)
      expect(await closed(chatty)).toBe(CLOSE_CODES.RATE_LIMITED)

      // The facilitator holds one slot; fill the rest, then one more is refused.
      const held: WebSocket[] = []
      for (let i = 1; i < t().limits.maxConnectionsPerSession; i++) {
        const ws = raw(0, id, token)
        held.push(ws)
        await opened(ws)
        // admitted: it answers a query-awareness, which only an admitted connection gets
        await new Promise<void>((resolve) => {
          ws.once('message', () => resolve())
          ws.send(frame)
          facilitator.provider.awareness.setLocalStateField('n', i)
        })
      }
      const one = raw(0, id, token)
      expect(await closed(one)).toBe(CLOSE_CODES.SESSION_FULL)
      // Everyone else carried on; a freed slot can be taken again.
      await Promise.all(held.map((ws) => (ws.close(), closed(ws))))
      facilitator.doc.getMap('cards').set('still', 'here')
      const guest = client(last(), id, (await mint(0, id, 'observer')).token)
      await waitFor(() => guest.doc.getMap('cards').get('still') === 'here', 'the session still syncs')
    })

    it('a client that stops reading is dropped as a slow consumer; the others carry on', async () => {
      const { id, facilitator } = await publish(0)
      const { token } = await mint(0, id, 'participant')
      const watcher = client(0, id, token)
      await waitFor(() => watcher.provider.synced, 'watcher synced')
      const slow = raw(0, id, token)
      await opened(slow)
      const connections = async () =>
        (
          (await admin(0, '/admin/sessions')).body as unknown as { sessionId: string; connections: number }[]
        ).find((s) => s.sessionId === id)?.connections
      while ((await connections()) !== 3) await new Promise((r) => setTimeout(r, 20))
      // Stop reading: the kernel buffers fill, then the relay's send buffer for this client grows.
      slow.pause()
      const big = 'x'.repeat(100 * 1024)
      let dropped = false
      for (let i = 0; i < 400 && !dropped; i++) {
        facilitator.doc.getMap('cards').set(`big-${i % 4}`, `${i}${big}`)
        await new Promise((r) => setTimeout(r, 25))
        if (i % 5 === 4) dropped = (await connections()) === 2
      }
      expect(dropped).toBe(true)
      facilitator.doc.getMap('cards').set('small', 1)
      await waitFor(() => watcher.doc.getMap('cards').get('small') === 1, 'the others still sync')
      expect(watcher.provider.wsconnected).toBe(true)
    })

    it('does not echo an update to its sender', async () => {
      const { id, facilitator } = await publish(0)
      const { token } = await mint(0, id, 'participant')
      const ws = raw(last(), id, token)
      const received: Buffer[] = []
      ws.on('message', (d: Buffer) => received.push(d))
      await opened(ws)
      const doc = new Y.Doc()
      let update: Uint8Array | null = null
      doc.on('update', (u: Uint8Array) => (update = u))
      postCard(doc, 'g-echo-probe', 'echo-probe', 'probe text 7c1')
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, update!)
      ws.send(encoding.toUint8Array(e))
      await waitFor(
        () => cardTexts(facilitator.doc).get('echo-probe') === 'probe text 7c1',
        'the update arrived',
      )
      // Frames are handled in order: once the answer to a later query arrives, an echo would have too.
      const before = received.length
      ws.send(new Uint8Array([0, 0, 1, 0])) // sync step 1, empty state vector: answered with step 2
      await waitFor(() => received.slice(before).some((f) => f[0] === 0 && f[1] === 1), 'the step 2 answer')
      const updates = received.filter((f) => f[0] === 0 && f[1] === 2)
      // (the relay's own activity-log entry for the card may come back; the card itself must not)
      expect(updates.some((f) => f.toString('latin1').includes('probe text 7c1'))).toBe(false)
      doc.destroy()
    })

    it('drops an observer’s writes on every node but relays its presence', async () => {
      const { id, facilitator } = await publish(0)
      const observer = client(last(), id, (await mint(0, id, 'observer')).token)
      const participant = client(last(), id, (await mint(0, id, 'participant')).token)
      await waitFor(() => observer.provider.synced && participant.provider.synced, 'both synced')
      observer.doc.getMap('cards').set('sneaky', 'write')
      observer.provider.awareness.setLocalStateField('user', { name: 'Obs' })
      postCard(participant.doc, 'g-conformance-2', 'after', 'the observer wrote')
      await waitFor(() => cardTexts(facilitator.doc).get('after') !== undefined, 'the participant’s write')
      await waitFor(
        () => facilitator.provider.awareness.getStates().has(observer.doc.clientID),
        'the observer’s presence',
      )
      // Later writes arrived; the observer's never does, on either node.
      const late = client(0, id, t().adminToken)
      await waitFor(() => cardTexts(late.doc).get('after') !== undefined, 'a late joiner synced')
      expect(facilitator.doc.getMap('cards').has('sneaky')).toBe(false)
      expect(participant.doc.getMap('cards').has('sneaky')).toBe(false)
      expect(late.doc.getMap('cards').has('sneaky')).toBe(false)
    })

    it('revoking a token (through any node) closes its connections with 4410 everywhere', async () => {
      const { id, facilitator } = await publish(0)
      const { token, tokenId } = await mint(0, id, 'participant')
      const guests = t().syncUrls.map((_, node) => client(node, id, token))
      await waitFor(() => guests.every((g) => g.provider.synced), 'guests synced')
      expect((await admin(last(), `/admin/tokens/${tokenId}`, 'DELETE')).body).toEqual({ revoked: 1 })
      await waitFor(() => guests.every((g) => g.closed !== null), 'every guest closed')
      for (const g of guests) expect(g.closed).toEqual({ code: CLOSE_CODES.TOKEN_REVOKED })
      expect(await closeOf(`${t().syncUrls[0]}/${id}?token=${token}`)).toEqual({
        code: CLOSE_CODES.TOKEN_REFUSED,
      })
      expect(facilitator.provider.wsconnected).toBe(true)
    })

    it('edits made offline on both sides merge; unpublishing then revokes every guest and leaves the facilitator’s copy equal to the hosted one', async () => {
      const { id, facilitator } = await publish(0)
      const guests = [
        client(last(), id, (await mint(0, id, 'participant')).token),
        client(0, id, (await mint(last(), id, 'observer')).token),
      ]
      await waitFor(() => guests.every((g) => g.provider.synced), 'guests synced')
      postCard(guests[0]!.doc, 'g-conformance-3', 'from-guest', 'kept')
      await waitFor(() => cardTexts(facilitator.doc).get('from-guest') === 'kept', 'the guest’s card arrived')
      // Both sides edit while the facilitator's laptop is offline, then merge (issue 18 item 5).
      facilitator.provider.disconnect()
      facilitator.doc.getMap('cards').set('laptop-offline', 'written without wifi')
      postCard(guests[0]!.doc, 'g-conformance-3', 'hosted-meanwhile', 'written on the relay')
      await waitFor(() => cardTexts(guests[1]!.doc).has('hosted-meanwhile'), 'the hosted copy moved on')
      facilitator.provider.connect()
      await waitFor(
        () =>
          cardTexts(facilitator.doc).get('hosted-meanwhile') === 'written on the relay' &&
          guests[1]!.doc.getMap('cards').get('laptop-offline') === 'written without wifi',
        'both sides merged',
      )
      expect((await admin(last(), `/admin/sessions/${id}/tokens`, 'DELETE')).body).toEqual({ revoked: 2 })
      await waitFor(() => guests.every((g) => g.closed !== null), 'every guest closed')
      for (const g of guests) expect(g.closed).toEqual({ code: CLOSE_CODES.TOKEN_REVOKED })
      // The hosted copy, read by a fresh client on every node, equals the facilitator's local copy.
      for (let node = 0; node <= last(); node++) {
        const check = client(node, id, t().adminToken)
        await waitFor(() => check.provider.synced, 'a fresh admin client synced')
        await waitFor(
          () =>
            cardTexts(check.doc).get('hosted-meanwhile') === 'written on the relay' &&
            check.doc.getMap('cards').get('laptop-offline') === 'written without wifi',
          'the hosted copy has both sides’ edits',
        )
        expect(Y.encodeStateVector(check.doc)).toEqual(Y.encodeStateVector(facilitator.doc))
        expect(check.doc.getMap('cards').toJSON()).toEqual(facilitator.doc.getMap('cards').toJSON())
        expect(cardTexts(check.doc)).toEqual(cardTexts(facilitator.doc))
      }
    })

    it('edits made offline on both sides merge on reconnect', async () => {
      const { id, facilitator } = await publish(0)
      const guest = client(last(), id, (await mint(0, id, 'participant')).token)
      await waitFor(() => guest.provider.synced, 'guest synced')
      guest.provider.disconnect()
      postCard(guest.doc, 'g-conformance-4', 'offline-guest', 'written on a train')
      facilitator.doc.getMap('cards').set('offline-facilitator', 2)
      guest.provider.connect()
      await waitFor(
        () =>
          cardTexts(facilitator.doc).get('offline-guest') === 'written on a train' &&
          guest.doc.getMap('cards').get('offline-facilitator') === 2,
        'both sides merged',
      )
      expect(Y.encodeStateVector(guest.doc)).toEqual(Y.encodeStateVector(facilitator.doc))
    })

    it('answers every HTTP request with the security headers, errors and admin replies included', async () => {
      const { origins } = target()
      for (const origin of origins) {
        for (const [path, init] of [
          ['/no-such-page', {}],
          ['/admin/sessions', {}],
          ['/admin/sessions', { headers: { authorization: `Bearer ${target().adminToken}` } }],
          ['/api/health', {}],
        ] as const) {
          const r = await fetch(`${origin}${path}`, init)
          const at = `${origin}${path} (${r.status})`
          expect(r.headers.get('x-content-type-options'), at).toBe('nosniff')
          expect(r.headers.get('content-security-policy'), at).toContain("frame-ancestors 'none'")
          expect(r.headers.get('referrer-policy'), at).toBe('no-referrer')
        }
      }
    })
  })
}
