import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { syncStep1Frame } from './frames'
import { CLOSE_CODES, MemoryPersistence, isPermanentCloseCode } from '../../../src/core/node/relay'
import { Relay } from '../../../src/core/node/relay'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { waitFor } from '../../helpers/wait'
import {
  FACILITATOR_TOKEN,
  SESSION,
  rawSocket,
  relayPerTest,
  stockClient,
  type TestRelay,
  waitSynced,
} from './helpers'

let relay: TestRelay

relayPerTest((r) => {
  relay = r
  // Give the session content, so a leak of document bytes would be visible.
  const seed = new Y.Doc()
  seed.getMap('cards').set('secret', 'the content strangers must not see')
  relay.persistence.delete(SESSION)
  relay.persistence.create(SESSION, [Y.encodeStateAsUpdate(seed)])
})

/** Connects raw, sends a sync step 1 at once (as a stock client does), and returns how it ended. */
async function refusedWith(room: string, token: string | null, extra = '') {
  const s = rawSocket(relay.url, room, token, extra)
  s.ws.on('open', () => s.ws.send(syncStep1Frame()))
  const closed = await s.closed
  return { ...closed, received: s.received }
}

describe('relay: refusals before any document byte', () => {
  it('no token → TOKEN_MISSING (4401), nothing received', async () => {
    const r = await refusedWith(SESSION, null)
    expect(r.code).toBe(CLOSE_CODES.TOKEN_MISSING)
    expect(r.reason).toBe('token required')
    expect(r.received).toEqual([])
  })

  it('empty token counts as none → 4401', async () => {
    const r = await refusedWith(SESSION, '')
    expect(r.code).toBe(CLOSE_CODES.TOKEN_MISSING)
    expect(r.received).toEqual([])
  })

  it('wrong token → TOKEN_REFUSED (4403), nothing received', async () => {
    const r = await refusedWith(SESSION, 'not-the-token')
    expect(r.code).toBe(CLOSE_CODES.TOKEN_REFUSED)
    expect(r.received).toEqual([])
  })

  it('two token parameters → 4403', async () => {
    const r = await refusedWith(SESSION, FACILITATOR_TOKEN, '&token=other')
    expect(r.code).toBe(CLOSE_CODES.TOKEN_REFUSED)
    expect(r.received).toEqual([])
  })

  it('unknown session with a valid token → UNKNOWN_SESSION (4404), nothing received', async () => {
    const r = await refusedWith('session-nobody-made', FACILITATOR_TOKEN)
    expect(r.code).toBe(CLOSE_CODES.UNKNOWN_SESSION)
    expect(r.received).toEqual([])
    expect(relay.relay.stats().loadedRooms).toBe(0)
  })

  it('a session id that is not well formed → 4404', async () => {
    for (const room of ['ab', 'a%2Fb%2Fc-session', 'has.dots.in.it', 'x'.repeat(65)]) {
      const r = await refusedWith(room, FACILITATOR_TOKEN)
      expect(r.code, room).toBe(CLOSE_CODES.UNKNOWN_SESSION)
      expect(r.received).toEqual([])
    }
  })

  it('refusals are permanent for a stock client: it emits `closed` and stops reconnecting', async () => {
    const c = stockClient(relay.url, { token: 'wrong' })
    const closed = new Promise<{ code: number }>((resolve) => c.provider.on('closed', (e) => resolve(e)))
    const { code } = await closed
    expect(code).toBe(CLOSE_CODES.TOKEN_REFUSED)
    expect(isPermanentCloseCode(code)).toBe(true)
    expect(c.provider.shouldConnect).toBe(false)
    expect(c.doc.getMap('cards').size).toBe(0)
    c.destroy()
  })

  it('the right token joins and does receive the document', async () => {
    const c = stockClient(relay.url)
    await waitSynced(c)
    await waitFor(() => c.doc.getMap('cards').get('secret') !== undefined, 'content')
    c.destroy()
  })

  it('revokeToken closes that token’s connections with TOKEN_REVOKED; others stay', async () => {
    const c = stockClient(relay.url)
    await waitSynced(c)
    const closed = new Promise<{ code: number }>((resolve) => c.provider.on('closed', (e) => resolve(e)))
    relay.relay.revokeToken('someone-else')
    expect(relay.relay.sessionInfo(SESSION).connections).toBe(1)
    relay.relay.revokeToken('fac')
    expect((await closed).code).toBe(CLOSE_CODES.TOKEN_REVOKED)
    expect(relay.relay.sessionInfo(SESSION).connections).toBe(0)
    c.destroy()
  })

  it('closeSession closes every connection of that session with SESSION_CLOSED (or a given code)', async () => {
    relay.persistence.create('session-beta')
    const a = stockClient(relay.url)
    const b = stockClient(relay.url, { room: 'session-beta' })
    await Promise.all([waitSynced(a), waitSynced(b)])
    const closed = new Promise<{ code: number }>((resolve) => a.provider.on('closed', (e) => resolve(e)))
    relay.relay.closeSession(SESSION)
    expect((await closed).code).toBe(CLOSE_CODES.SESSION_CLOSED)
    expect(relay.relay.sessionInfo('session-beta').connections).toBe(1)
    const closedB = new Promise<{ code: number }>((resolve) => b.provider.on('closed', (e) => resolve(e)))
    relay.relay.closeSession('session-beta', 4499)
    expect((await closedB).code).toBe(4499)
    a.destroy()
    b.destroy()
  })
})

describe('relay: authorize and persistence failures', () => {
  it('an authorize that throws or returns a bad shape closes with INTERNAL_ERROR (1011), the relay keeps going', async () => {
    const persistence = new MemoryPersistence()
    persistence.create(SESSION)
    const r = new Relay({
      persistence,
      authorize: async (_s, token) => {
        if (token === 'boom') throw new Error('db down')
        if (token === 'shape') return { sessionRole: 'king', tokenId: '' } as never
        return { sessionRole: 'facilitator', tokenId: 'ok' }
      },
    })
    const server = http.createServer()
    server.on('upgrade', (req, socket, head) => r.handleUpgrade(req, socket, head))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/sync`
    try {
      for (const token of ['boom', 'shape']) {
        const s = rawSocket(url, SESSION, token)
        expect((await s.closed).code).toBe(CLOSE_CODES.INTERNAL_ERROR)
        expect(s.received).toEqual([])
      }
      const ok = rawSocket(url, SESSION, 'fine')
      await waitFor(() => ok.received.length > 0, 'sync step 1 from the relay')
      expect(ok.received[0]?.[0]).toBe(0)
      ok.ws.close()
    } finally {
      await r.close()
      server.close()
    }
  })

  it('a session whose stored updates cannot load closes with INTERNAL_ERROR and is not left loaded', async () => {
    relay.persistence.create('session-broken', [new Uint8Array([1, 2, 3, 250, 250, 250])])
    const s = rawSocket(relay.url, 'session-broken', FACILITATOR_TOKEN)
    expect((await s.closed).code).toBe(CLOSE_CODES.INTERNAL_ERROR)
    expect(s.received).toEqual([])
    expect(relay.relay.sessionInfo('session-broken').loaded).toBe(false)
    expect(relay.warnings.some((w) => w.includes('session-broken'))).toBe(true)
  })
})
