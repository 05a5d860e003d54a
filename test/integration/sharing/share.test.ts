import { networkInterfaces } from 'node:os'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { cardTexts, postCard } from '../../helpers/guestCards'
import { CoproServer, MemoryBackend } from '../../../src/core/node/server'
import { CLOSE_CODES, type Relay } from '../../../src/core/node/relay'
import type { ShareLinks } from '../../../src/shared/api'
import { callApi, serverPerFile, writeRenderer } from '../../helpers/server'
import { closeOf, fromJoinUrl, guestsPerTest, synced, waitFor } from './helpers'

let server: CoproServer
const events: { event: string; payload: any }[] = []

function call(method: string, args: unknown, token: string | null = server.token, base = server.baseUrl) {
  return callApi(base, method, args, token)
}
async function newSession(title: string): Promise<string> {
  return (await call('sessions.create', { title })).body.value.id as string
}
async function share(sessionId: string, extra: object = {}): Promise<ShareLinks> {
  const r = await call('share.start', { sessionId, address: '127.0.0.2', ...extra })
  expect(r.body.error).toBeUndefined()
  return r.body.value as ShareLinks
}
const { guest, facilitator } = guestsPerTest(() => server)

serverPerFile(async (tempDir) => {
  const rendererDir = writeRenderer(tempDir('copro-share-renderer-'), {
    'index.html': '<!doctype html><title>Copro join</title>',
    'assets/app.js': 'console.log("guest")',
  })
  server = await CoproServer.start({ host: '127.0.0.1', port: 0, backend: new MemoryBackend(), rendererDir })
  server.onEvent((event, payload) => events.push({ event, payload }))
  return server
})

describe('share.interfaces', () => {
  it('lists loopback as internal and no link-local IPv6 address', async () => {
    const r = await call('share.interfaces', {})
    expect(r.status).toBe(200)
    const list = r.body.value as { name: string; address: string; family: string; internal: boolean }[]
    expect(list).toContainEqual(
      expect.objectContaining({ address: '127.0.0.1', family: 'IPv4', internal: true }),
    )
    expect(list.some((i) => /^fe80:/i.test(i.address))).toBe(false)
  })
})

describe('share session on a chosen address (127.0.0.2, loopback only in tests)', () => {
  it('is off by default: nothing listens on 127.0.0.2 until share.start', async () => {
    const id = await newSession('Not shared')
    expect((await call('share.status', { sessionId: id })).body.value).toEqual({
      sessionId: id,
      shared: false,
      links: null,
      guests: 0,
    })
    expect(server.sharing.listenerCount).toBe(0)
    await expect(fetch(`http://127.0.0.2:${server.port}/api/health`)).rejects.toThrow()
  })

  it('opens a guest-only listener and gives working participant and observer links', async () => {
    const id = await newSession('Repairs workshop')
    const links = await share(id)
    expect(links.address).toBe('127.0.0.2')
    expect(links.participantUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.2:${links.port}/\\?join=${id}&token=[A-Za-z0-9_-]{32}$`),
    )
    expect(links.observerUrl).not.toBe(links.participantUrl)
    expect(server.sharing.listenerCount).toBe(1)
    const p = fromJoinUrl(links.participantUrl)
    const o = fromJoinUrl(links.observerUrl)

    // The join screen: static files and the guest endpoint, over the shared address.
    const page = await fetch(p.origin + '/')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Copro join')
    expect((await fetch(p.origin + '/assets/app.js')).status).toBe(200)
    const relay = server.relay as Relay
    expect(relay.getLoadedDoc(id)).toBeUndefined()
    const info = await fetch(`${p.origin}/api/guest/session?token=${p.token}`)
    expect(info.status).toBe(200)
    expect(await info.json()).toEqual({ sessionId: id, title: 'Repairs workshop', role: 'participant' })
    // the join screen's question starts loading the board the guest is about to connect to
    await waitFor(() => relay.getLoadedDoc(id) !== undefined, 'room preloaded by the join screen')
    const oinfo = await fetch(`${o.origin}/api/guest/session`, {
      headers: { authorization: `Bearer ${o.token}` },
    })
    expect(await oinfo.json()).toEqual({ sessionId: id, title: 'Repairs workshop', role: 'observer' })

    // A participant writes through the shared address; the facilitator (loopback main listener) sees it.
    const fac = facilitator(id)
    const part = guest(links.participantUrl)
    await Promise.all([synced(fac), synced(part)])
    postCard(part.doc, 'phone-guest', 'from-phone', 'something that is hard')
    await waitFor(() => cardTexts(fac.doc).get('from-phone') === 'something that is hard', 'facilitator sees')
    fac.doc.getMap('cards').set('from-facilitator', 'welcome')
    await waitFor(() => part.doc.getMap('cards').get('from-facilitator') === 'welcome', 'guest sees')

    const status = (await call('share.status', { sessionId: id })).body.value
    expect(status).toMatchObject({ shared: true, links, guests: 1 })
    expect(events).toContainEqual({
      event: 'share.changed',
      payload: { sessionId: id, shared: true, guests: 1 },
    })
    await call('share.stop', { sessionId: id })
  })

  it('an observer reads the board but its writes reach no one', async () => {
    const id = await newSession('Observed')
    const links = await share(id)
    const fac = facilitator(id)
    const obs = guest(links.observerUrl)
    const part = guest(links.participantUrl)
    await Promise.all([synced(fac), synced(obs), synced(part)])
    obs.doc.getMap('cards').set('observer-card', 'should not land')
    postCard(part.doc, 'phone-guest', 'participant-card', 'lands')
    await waitFor(() => cardTexts(obs.doc).get('participant-card') === 'lands', 'observer reads')
    await waitFor(() => cardTexts(fac.doc).get('participant-card') === 'lands', 'facilitator reads')
    await waitFor(() => (server.relay as any).sessionInfo(id).droppedObserverUpdates > 0, 'relay drops')
    // A client that joins afterwards gets the authoritative doc: the observer's card is not in it.
    const late = facilitator(id)
    await synced(late)
    expect(cardTexts(late.doc).get('participant-card')).toBe('lands')
    expect(late.doc.getMap('cards').has('observer-card')).toBe(false)
    expect(fac.doc.getMap('cards').has('observer-card')).toBe(false)
    expect(part.doc.getMap('cards').has('observer-card')).toBe(false)
    await call('share.stop', { sessionId: id })
  })
})

describe('guests reach only their own session', () => {
  it('a guest token gets 401 on the app API, over HTTP and the events socket, on both listeners', async () => {
    const id = await newSession('Locked down')
    const links = await share(id)
    const p = fromJoinUrl(links.participantUrl)
    const o = fromJoinUrl(links.observerUrl)
    for (const token of [p.token, o.token]) {
      for (const base of [server.baseUrl, p.origin]) {
        expect((await call('sessions.list', {}, token, base)).status).toBe(401)
        expect((await call('share.stop', { sessionId: id }, token, base)).status).toBe(401)
        expect((await call('board.connect', { id }, token, base)).status).toBe(401)
        expect(await closeOf(`${base.replace('http', 'ws')}/api/events?token=${token}`)).toEqual({
          code: 4401,
        })
      }
    }
    // The shared listener serves no app API at all, not even to the facilitator token.
    expect((await call('sessions.list', {}, server.token, p.origin)).status).toBe(401)
    expect(await closeOf(`ws://${new URL(p.origin).host}/api/events?token=${server.token}`)).toEqual({
      code: 4401,
    })
    const facOnShare = await closeOf(`${p.serverUrl}/${id}?token=${server.token}`)
    expect(facOnShare).toEqual({ error: expect.stringContaining('403') })
    // The guest endpoint answers guest tokens only.
    expect((await fetch(`${p.origin}/api/guest/session?token=${server.token}`)).status).toBe(401)
    expect((await fetch(`${p.origin}/api/guest/session?token=nope`)).status).toBe(401)
    expect((await fetch(`${p.origin}/api/guest/session`)).status).toBe(401)
    expect((await fetch(`${p.origin}/api/guest/session?token=${p.token}`, { method: 'POST' })).status).toBe(
      405,
    )
    // And the session still works for the facilitator.
    expect((await call('sessions.list', {})).status).toBe(200)
    await call('share.stop', { sessionId: id })
  })

  it('cannot join another session, shared or not (4403), nor with a wrong or missing token', async () => {
    const mine = await newSession('Mine')
    const other = await newSession('Other')
    const third = await newSession('Third, shared too')
    const links = await share(mine)
    const thirdLinks = await share(third)
    const p = fromJoinUrl(links.participantUrl)
    for (const base of [p.serverUrl, server.syncUrl]) {
      expect(await closeOf(`${base}/${other}?token=${p.token}`)).toEqual({ code: CLOSE_CODES.TOKEN_REFUSED })
      expect(await closeOf(`${base}/${third}?token=${p.token}`)).toEqual({ code: CLOSE_CODES.TOKEN_REFUSED })
      expect(await closeOf(`${base}/${mine}?token=${fromJoinUrl(thirdLinks.observerUrl).token}`)).toEqual({
        code: CLOSE_CODES.TOKEN_REFUSED,
      })
      expect(await closeOf(`${base}/${mine}?token=not-a-real-token-aaaaaaaaaaaaaaaaaaa`)).toEqual({
        code: CLOSE_CODES.TOKEN_REFUSED,
      })
      expect(await closeOf(`${base}/${mine}`)).toEqual({ code: CLOSE_CODES.TOKEN_MISSING })
    }
    // A stock client with a refused token stops trying (permanent close).
    const wrong = guest(links.participantUrl, other)
    await waitFor(() => wrong.closed !== null, 'refused client gives up')
    expect(wrong.closed).toEqual({ code: CLOSE_CODES.TOKEN_REFUSED })
    expect(wrong.provider.synced).toBe(false)
    await call('share.stop', { sessionId: mine })
    await call('share.stop', { sessionId: third })
  })
})

describe('revocation, expiry and stop sharing', () => {
  it('stop sharing closes guest connections (4410), refuses the tokens and closes the extra listener', async () => {
    const id = await newSession('Stopping')
    const links = await share(id)
    const fac = facilitator(id)
    const part = guest(links.participantUrl)
    const obs = guest(links.observerUrl)
    await Promise.all([synced(fac), synced(part), synced(obs)])
    await waitFor(() => server.sharing.status(id).guests === 2, 'two guests counted')

    const stopped = await call('share.stop', { sessionId: id })
    expect(stopped.body.value).toMatchObject({ sessionId: id, shared: false, links: null })
    await waitFor(() => part.closed !== null && obs.closed !== null, 'guests closed')
    expect(part.closed).toEqual({ code: CLOSE_CODES.TOKEN_REVOKED })
    expect(obs.closed).toEqual({ code: CLOSE_CODES.TOKEN_REVOKED })
    expect(server.sharing.listenerCount).toBe(0)
    await expect(fetch(`${fromJoinUrl(links.participantUrl).origin}/api/health`)).rejects.toThrow()
    // The tokens are dead everywhere, including on the main listener.
    const p = fromJoinUrl(links.participantUrl)
    expect(await closeOf(`${server.syncUrl}/${id}?token=${p.token}`)).toEqual({
      code: CLOSE_CODES.TOKEN_REFUSED,
    })
    expect((await fetch(`${server.baseUrl}/api/guest/session?token=${p.token}`)).status).toBe(401)
    // The facilitator was not touched.
    fac.doc.getMap('cards').set('after-stop', 1)
    const late = facilitator(id)
    await synced(late)
    await waitFor(() => late.doc.getMap('cards').get('after-stop') === 1, 'facilitator still live')
    expect(fac.closes).toEqual([])
    await waitFor(() => server.sharing.status(id).guests === 0, 'no guests counted')
    expect(events).toContainEqual({
      event: 'share.changed',
      payload: { sessionId: id, shared: false, guests: 0 },
    })
  })

  it('sharing again mints new links; the listener stays open while another session is shared', async () => {
    const a = await newSession('Shared A')
    const b = await newSession('Shared B')
    const first = await share(a)
    const again = await share(a)
    expect(again).toEqual(first) // idempotent while shared
    const linksB = await share(b)
    expect(linksB.port).toBe(first.port)
    expect(server.sharing.listenerCount).toBe(1)
    await call('share.stop', { sessionId: a })
    expect(server.sharing.listenerCount).toBe(1)
    const gb = guest(linksB.participantUrl)
    await synced(gb)
    const renewed = await share(a)
    expect(renewed.participantUrl).not.toBe(first.participantUrl)
    await call('share.stop', { sessionId: a })
    await call('share.stop', { sessionId: b })
    expect(server.sharing.listenerCount).toBe(0)
  })

  it('an expired token is refused and its live connection is closed', async () => {
    const id = await newSession('Short lived')
    const links = await share(id, { expiresInSeconds: 3 }) // long enough to join on a loaded machine
    expect(Date.parse(links.expiresAt!)).toBeGreaterThan(0)
    const part = guest(links.participantUrl)
    await synced(part)
    await waitFor(() => part.closed !== null, 'expired guest closed')
    expect(part.closed).toEqual({ code: CLOSE_CODES.TOKEN_REVOKED })
    const p = fromJoinUrl(links.participantUrl)
    expect(await closeOf(`${server.syncUrl}/${id}?token=${p.token}`)).toEqual({
      code: CLOSE_CODES.TOKEN_REFUSED,
    })
    await waitFor(() => !server.sharing.status(id).shared, 'share ended once both tokens expired')
    await waitFor(() => server.sharing.listenerCount === 0, 'listener closed after expiry')
  })

  it('trashing a shared session stops sharing', async () => {
    const id = await newSession('To the trash')
    const links = await share(id)
    const part = guest(links.participantUrl)
    await synced(part)
    await call('sessions.delete', { id })
    await waitFor(() => part.closed !== null, 'guest closed')
    expect(server.sharing.status(id).shared).toBe(false)
  })
})

describe('share.start refuses what it must', () => {
  it('addresses that are not this computer, malformed input, unknown and trashed sessions', async () => {
    const id = await newSession('Picky')
    const bad = async (args: object) =>
      (await call('share.start', { sessionId: id, ...args })).body.error?.code
    expect(await bad({ address: '192.0.2.99' })).toBe('invalid_arguments') // TEST-NET, not ours
    expect(await bad({ address: '0.0.0.0' })).toBe('invalid_arguments')
    expect(await bad({ address: '::' })).toBe('invalid_arguments')
    expect(await bad({ address: 'example.com' })).toBe('invalid_arguments')
    expect(await bad({ address: '127.0.0.2', port: 70000 })).toBe('invalid_arguments')
    expect(await bad({ address: '127.0.0.2', expiresInSeconds: 0 })).toBe('invalid_arguments')
    expect(await bad({ address: '127.0.0.2', extra: true })).toBe('invalid_arguments')
    expect(
      (await call('share.start', { sessionId: 'doesnotexist', address: '127.0.0.2' })).body.error.code,
    ).toBe('not_found')
    const trashed = await newSession('Trashed')
    await call('sessions.delete', { id: trashed })
    expect((await call('share.start', { sessionId: trashed, address: '127.0.0.2' })).body.error.code).toBe(
      'conflict',
    )
    // A port already taken on that address is a conflict, not a crash.
    const blocker = createNetServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.4', () => r()))
    const taken = (blocker.address() as AddressInfo).port
    expect(await bad({ address: '127.0.0.4', port: taken })).toBe('conflict')
    await new Promise((r) => blocker.close(r))
    expect(server.sharing.listenerCount).toBe(0)
    await share(id)
    const other = await newSession('Elsewhere')
    expect(
      (await call('share.start', { sessionId: other, address: '127.0.0.3', port: server.port })).status,
    ).toBe(200)
    expect(await bad({ address: '127.0.0.3' })).toBe('conflict') // already shared on 127.0.0.2
    await call('share.stop', { sessionId: id })
    await call('share.stop', { sessionId: other })
    expect(server.sharing.listenerCount).toBe(0)
  })

  it.skipIf(!Object.values(networkInterfaces()).some((l) => l?.some((i) => i.address === '::1')))(
    'shares on IPv6 loopback with a bracketed link',
    async () => {
      const id = await newSession('IPv6')
      const links = (await call('share.start', { sessionId: id, address: '::1' })).body.value as ShareLinks
      expect(links.participantUrl).toMatch(new RegExp(`^http://\\[::1\\]:${links.port}/\\?join=${id}&token=`))
      const part = guest(links.participantUrl)
      await synced(part)
      await call('share.stop', { sessionId: id })
      expect(server.sharing.listenerCount).toBe(0)
    },
  )

  it('sharing on the main listener address needs no extra listener', async () => {
    const id = await newSession('Same address')
    const links = (await call('share.start', { sessionId: id, address: '127.0.0.1' })).body
      .value as ShareLinks
    expect(links.port).toBe(server.port)
    expect(server.sharing.listenerCount).toBe(0)
    const part = guest(links.participantUrl)
    await synced(part)
    await call('share.stop', { sessionId: id })
    await waitFor(() => part.closed !== null, 'guest closed')
    expect(part.closed).toEqual({ code: CLOSE_CODES.TOKEN_REVOKED })
  })
})
