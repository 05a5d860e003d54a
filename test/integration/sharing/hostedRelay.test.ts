import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES } from '../../../src/core/node/relay'
import { startHostedRelay, type HostedRelay } from '../../../src/core/node/server/hostedRelay'
import { destroyAfterEach } from '../../helpers/yclient'
import { closeOf, stockClient, waitFor, type Guest } from './helpers'

const dirs: string[] = []
const clients = destroyAfterEach<Guest>()
let relay: HostedRelay

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'copro-hosted-relay-'))
  dirs.push(d)
  return d
}

async function admin(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
  const token = init.token === undefined ? relay.adminToken : init.token
  const res = await fetch(`${relay.origin}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  })
  return { status: res.status, body: (await res.json()) as any }
}

beforeAll(async () => {
  relay = await startHostedRelay({ dataDir: tempDir(), port: 0 })
})

afterAll(async () => {
  await relay.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('hosted relay admin API', () => {
  it('answers health without a token and refuses /admin without the admin token', async () => {
    expect((await fetch(`${relay.origin}/health`)).status).toBe(200)
    expect(await (await fetch(`${relay.origin}/api/health`)).json()).toEqual({ ok: true })
    expect(typeof ((await (await fetch(`${relay.origin}/api/time`)).json()) as any).now).toBe('number')
    expect((await fetch(`${relay.origin}/api/call/sessions.list`, { method: 'POST' })).status).toBe(404)
    expect((await admin('/admin/sessions', { token: null })).status).toBe(401)
    expect((await admin('/admin/sessions', { token: 'x'.repeat(40) })).status).toBe(401)
    // The admin token is accepted only as a header on /admin, not as a query parameter.
    expect((await fetch(`${relay.origin}/admin/sessions?token=${relay.adminToken}`)).status).toBe(401)
    expect((await admin('/admin/sessions')).body).toEqual([])
  })

  it('rejects hostile admin requests with clear errors and keeps serving', async () => {
    expect((await admin('/admin/sessions', { method: 'POST', body: '{not json' })).status).toBe(400)
    expect(
      (await admin('/admin/sessions', { method: 'POST', body: { sessionId: '../../etc' } })).status,
    ).toBe(400)
    expect((await admin('/admin/sessions', { method: 'POST', body: [1, 2] })).status).toBe(400)
    expect(
      (await admin('/admin/tokens', { method: 'POST', body: { sessionId: 'abcdefgh', role: 'admin' } }))
        .status,
    ).toBe(400)
    expect(
      (
        await admin('/admin/tokens', {
          method: 'POST',
          body: { sessionId: 'abcdefgh', role: 'observer', x: 1 },
        })
      ).status,
    ).toBe(400)
    expect((await admin('/admin/tokens', { method: 'POST', body: 'x'.repeat(64 * 1024) })).status).toBe(413)
    expect((await admin('/admin/nope')).status).toBe(404)
    // The facilitator's app calls the admin API cross-origin: preflight and responses carry CORS headers.
    const pre = await fetch(`${relay.origin}/admin/tokens`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5555', 'access-control-request-method': 'POST' },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-headers')).toContain('authorization')
    expect((await fetch(`${relay.origin}/api/time`)).headers.get('access-control-allow-origin')).toBe('*')
    expect((await admin('/admin/tokens/tk_unknown', { method: 'DELETE' })).status).toBe(404)
    const r = await admin('/admin/sessions', { method: 'POST', body: { sessionId: 'abc def' } })
    expect(r.body.error).toMatch(/sessionId/)
    expect((await fetch(`${relay.origin}/health`)).status).toBe(200)
  })

  it('publishes on first admin connection, mints tokens that reach only their session', async () => {
    const fac = stockClient(relay.url, 'hall-session-1', relay.adminToken)
    clients.push(fac)
    await waitFor(() => fac.provider.synced, 'published')
    fac.doc.getMap('cards').set('a', 1)
    const listed = (await admin('/admin/sessions')).body
    expect(listed).toContainEqual(
      expect.objectContaining({ sessionId: 'hall-session-1', title: 'Published session hall-session-1' }),
    )
    const p = (
      await admin('/admin/tokens', {
        method: 'POST',
        body: { sessionId: 'hall-session-1', role: 'participant' },
      })
    ).body
    // A guest token cannot publish (create) a session, nor join one that exists but is not its own.
    expect(await closeOf(`${relay.url}/brand-new-session?token=${p.token}`)).toEqual({
      code: CLOSE_CODES.TOKEN_REFUSED,
    })
    expect((await admin('/admin/sessions')).body.map((s: any) => s.sessionId)).not.toContain(
      'brand-new-session',
    )
    expect(await closeOf(`${relay.url}/hall-session-1`)).toEqual({ code: CLOSE_CODES.TOKEN_MISSING })
    const guest = stockClient(relay.url, 'hall-session-1', p.token)
    clients.push(guest)
    await waitFor(() => guest.doc.getMap('cards').get('a') === 1, 'guest reads')
    expect((await fetch(`${relay.origin}/api/guest/session?token=${p.token}`)).status).toBe(200)
    expect((await fetch(`${relay.origin}/api/guest/session?token=${relay.adminToken}`)).status).toBe(401)

    // Stop sharing the whole session: every guest connection closes, the facilitator stays.
    const stop = await admin('/admin/sessions/hall-session-1/tokens', { method: 'DELETE' })
    expect(stop.body).toEqual({ revoked: 1 })
    await waitFor(() => guest.closed !== null, 'guest closed')
    expect(guest.closed).toEqual({ code: CLOSE_CODES.TOKEN_REVOKED })
    expect(fac.closes).toEqual([])
  })

  it('expired minted tokens are refused and their connections closed', async () => {
    const fac = stockClient(relay.url, 'hall-session-2', relay.adminToken)
    clients.push(fac)
    await waitFor(() => fac.provider.synced, 'published')
    const t = (
      await admin('/admin/tokens', {
        method: 'POST',
        body: { sessionId: 'hall-session-2', role: 'observer', expiresInSeconds: 3 },
      })
    ).body
    expect(Date.parse(t.expiresAt)).toBeGreaterThan(0)
    const obs = stockClient(relay.url, 'hall-session-2', t.token)
    clients.push(obs)
    await waitFor(() => obs.provider.synced, 'observer joined')
    await waitFor(() => obs.closed !== null, 'observer closed at expiry')
    expect(obs.closed).toEqual({ code: CLOSE_CODES.TOKEN_REVOKED })
    expect(await closeOf(`${relay.url}/hall-session-2?token=${t.token}`)).toEqual({
      code: CLOSE_CODES.TOKEN_REFUSED,
    })
  })
})

describe('hosted relay start-up', () => {
  it('refuses a short admin token, a damaged relay.json, and a data folder another relay holds', async () => {
    await expect(startHostedRelay({ dataDir: tempDir(), port: 0, adminToken: 'short' })).rejects.toThrow(/22/)
    const damaged = tempDir()
    writeFileSync(join(damaged, 'relay.json'), '{"formatVersion":1,"sessions":{"x":"../../etc"},"tokens":[]}')
    await expect(startHostedRelay({ dataDir: damaged, port: 0 })).rejects.toThrow(/relay.json/)
    const broken = tempDir()
    writeFileSync(join(broken, 'relay.json'), '{oops')
    await expect(startHostedRelay({ dataDir: broken, port: 0 })).rejects.toThrow(/not valid JSON/)
    // The damaged folders are released again: a fresh relay.json lets them start.
    writeFileSync(join(broken, 'relay.json'), '{"formatVersion":1,"sessions":{},"tokens":[]}')
    const ok = await startHostedRelay({ dataDir: broken, port: 0 })
    await expect(startHostedRelay({ dataDir: broken, port: 0 })).rejects.toThrow()
    await ok.close()
  })

  it('keeps minted tokens across a failed start (port taken) and a restart', async () => {
    const dataDir = tempDir()
    const adminToken = 'an-admin-token-of-enough-length-0123'
    const first = await startHostedRelay({ dataDir, port: 0, adminToken })
    const res = await fetch(`${first.origin}/admin/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ sessionId: 'kept-session', role: 'participant', expiresInSeconds: 3600 }),
    })
    expect(res.status).toBe(404) // not published yet
    await fetch(`${first.origin}/admin/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ sessionId: 'kept-session', title: 'Kept' }),
    })
    const minted = (await (
      await fetch(`${first.origin}/admin/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ sessionId: 'kept-session', role: 'participant', expiresInSeconds: 3600 }),
      })
    ).json()) as { token: string }
    await first.close()
    // Start on a port that is taken: it fails, and must not have dropped the saved tokens.
    const blocker = await startHostedRelay({ dataDir: tempDir(), port: 0 })
    await expect(startHostedRelay({ dataDir, port: blocker.port, adminToken })).rejects.toThrow()
    await blocker.close()
    const again = await startHostedRelay({ dataDir, port: 0, adminToken })
    expect(again.relay.stats().loadedRooms).toBe(0)
    const info = await fetch(`${again.origin}/api/guest/session?token=${minted.token}`)
    expect(await info.json()).toEqual({ sessionId: 'kept-session', title: 'Kept', role: 'participant' })
    // the join screen's question starts loading the board the guest is about to connect to
    await waitFor(() => again.relay.getLoadedDoc('kept-session') !== undefined, 'room preloaded')
    await again.close()
  })

  it('exchanges a minted link for device tokens that survive a restart and die with the link', async () => {
    const dataDir = tempDir()
    const adminToken = 'an-admin-token-of-enough-length-4567'
    const auth = { authorization: `Bearer ${adminToken}` }
    const first = await startHostedRelay({ dataDir, port: 0, adminToken })
    await fetch(`${first.origin}/admin/sessions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ sessionId: 'device-session', title: 'Devices' }),
    })
    const minted = (await (
      await fetch(`${first.origin}/admin/tokens`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ sessionId: 'device-session', role: 'participant' }),
      })
    ).json()) as { token: string; tokenId: string }
    const join = async (origin: string, deviceToken?: string) => {
      const res = await fetch(`${origin}/api/guest/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: 'device-session', token: minted.token, deviceToken }),
      })
      return { status: res.status, body: (await res.json()) as any }
    }
    const me = await join(first.origin)
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ sessionId: 'device-session', title: 'Devices', role: 'participant' })
    await first.close()
    const again = await startHostedRelay({ dataDir, port: 0, adminToken })
    expect((await join(again.origin, me.body.deviceToken)).body).toEqual(me.body)
    const g = clients.push(stockClient(again.url, 'device-session', me.body.deviceToken))
    await waitFor(() => clients[g - 1]!.provider.synced, 'device token syncs')
    await fetch(`${again.origin}/admin/tokens/${minted.tokenId}`, { method: 'DELETE', headers: auth })
    await waitFor(
      () => clients[g - 1]!.closed?.code === CLOSE_CODES.TOKEN_REVOKED,
      'device closed with its link',
    )
    expect((await join(again.origin, me.body.deviceToken)).status).toBe(401)
    await again.close()
  })

  it('stores images of published sessions: participants upload, observers read, others are refused', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    )
    await admin('/admin/sessions', { method: 'POST', body: { sessionId: 'photo-session', title: 'Photos' } })
    const mint = async (role: string) =>
      (await admin('/admin/tokens', { method: 'POST', body: { sessionId: 'photo-session', role } })).body
        .token as string
    const participant = await mint('participant')
    const observer = await mint('observer')
    const upload = (token: string | null, body: Buffer = png) =>
      fetch(`${relay.origin}/api/assets/photo-session`, {
        method: 'POST',
        headers: token ? { authorization: `Bearer ${token}` } : {},
        body: new Uint8Array(body),
      })
    const ok = await upload(participant)
    expect(ok.status).toBe(201)
    const { src } = (await ok.json()) as { src: string }
    expect((await upload(observer)).status).toBe(403)
    expect((await upload(null)).status).toBe(401)
    expect((await upload(participant, Buffer.from('<svg/>'))).status).toBe(415)
    const got = await fetch(`${relay.origin}${src}?token=${observer}`)
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(
      (await fetch(`${relay.origin}/api/assets/not-published/x.png?token=${relay.adminToken}`)).status,
    ).toBe(404)
  })
})
