import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { CoproServer, MemoryBackend } from '../../../src/core/node/server'
import { callApi, serverPerFile, writeRenderer } from '../../helpers/server'
import { waitFor } from '../../helpers/wait'
import type { Relay } from '../../../src/core/node/relay'

let server: CoproServer

const call = (method: string, args: unknown, token: string | null = server.token) =>
  callApi(server.baseUrl, method, args, token)

serverPerFile(async (tempDir) => {
  const rendererDir = writeRenderer(tempDir('copro-renderer-'), {
    'index.html': '<!doctype html><title>Copro</title>',
    'assets/app.js': 'console.log(1)',
  })
  server = await CoproServer.start({ port: 0, backend: new MemoryBackend(), rendererDir })
  return server
})

describe('CoproServer over real HTTP on port 0', () => {
  it('prints a URL with a long URL-safe facilitator token', () => {
    expect(server.port).toBeGreaterThan(0)
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/)
  })

  it('serves the relay clock to its own pages only, and nothing secret that way', async () => {
    const t = await fetch(`${server.baseUrl}/api/time`)
    expect(t.headers.get('access-control-allow-origin')).toBeNull()
    // another website cannot read them, nor learn that the app runs here (issue 22)
    for (const path of ['/api/time', '/api/health']) {
      const foreign = await fetch(`${server.baseUrl}${path}`, { headers: { origin: 'https://evil.example' } })
      expect(foreign.status).toBe(403)
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
      const own = await fetch(`${server.baseUrl}${path}`, { headers: { origin: server.baseUrl } })
      expect(own.status).toBe(200)
    }
    expect(Math.abs(((await t.json()) as { now: number }).now - Date.now())).toBeLessThan(60_000)
    const api = await call('sessions.list', {})
    expect(api.status).toBe(200)
    const res = await fetch(`${server.baseUrl}/api/call/sessions.list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
      body: '{}',
    })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses the app API without the token (401)', async () => {
    expect((await call('sessions.list', {}, null)).status).toBe(401)
    expect((await call('sessions.list', {}, 'wrong-token')).status).toBe(401)
    const viaQuery = await fetch(`${server.baseUrl}/api/call/sessions.list?token=${server.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(viaQuery.status).toBe(200)
  })

  it('creates, lists, renames, trashes and restores sessions', async () => {
    const created = await call('sessions.create', { title: 'Housing repairs journey' })
    expect(created.status).toBe(200)
    const id = created.body.value.id as string
    expect((await call('sessions.list', {})).body.value.map((s: { id: string }) => s.id)).toContain(id)
    expect((await call('sessions.rename', { id, title: 'Repairs' })).body.value.title).toBe('Repairs')
    await call('sessions.delete', { id })
    expect((await call('sessions.list', {})).body.value).toHaveLength(0)
    expect((await call('board.connect', { id })).body.error.code).toBe('conflict')
    await call('sessions.restore', { id })
    const relay = server.relay as Relay
    expect(relay.stats().loadedRooms).toBe(0)
    const conn = await call('board.connect', { id })
    expect(conn.body.value).toMatchObject({ sessionId: id, syncUrl: `ws://127.0.0.1:${server.port}/sync` })
    // the board's document starts loading before the board connects
    await waitFor(() => relay.stats().loadedRooms === 1, 'room preloaded by board.connect')
  })

  it('answers bad input with typed errors and keeps serving', async () => {
    expect(await call('sessions.rename', { id: 'short', title: '' })).toMatchObject({
      status: 400,
      body: { ok: false, error: { code: 'invalid_arguments' } },
    })
    expect((await call('sessions.list', '{not json')).body.error.code).toBe('invalid_arguments')
    expect((await call('no.such', {})).status).toBe(404)
    expect((await call('sessions.get', { id: 'doesnotexist' })).body.error.code).toBe('not_found')
    expect((await call('sessions.list', JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) }))).status).toBe(
      413,
    )
    expect((await call('app.info', {})).status).toBe(200)
  })

  it('the facilitator page may reach exactly the hosted relays in the settings, and nothing that is not a relay address', async () => {
    const connectOf = async () =>
      ((await fetch(`${server.baseUrl}/`)).headers.get('content-security-policy') ?? '')
        .split(';')
        .find((d) => d.trim().startsWith('connect-src'))!
    expect(await connectOf()).not.toContain('relay.example.org')
    const set = await call('settings.set', { relays: ['https://relay.example.org'] })
    expect(set.body.value.relays).toEqual(['https://relay.example.org'])
    expect(await connectOf()).toContain('https://relay.example.org wss://relay.example.org')
    for (const bad of [
      'http://relay.example.org',
      'https://relay.example.org/path',
      'https:',
      "https://a.org 'unsafe-inline'",
    ]) {
      expect((await call('settings.set', { relays: [bad] })).status, bad).toBe(400)
    }
    expect(await connectOf()).toContain('https://relay.example.org')
    await call('settings.set', { relays: [] })
    expect(await connectOf()).not.toContain('relay.example.org')
  })

  it('pushes events over the events socket, only with the token', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=nope`)
    const code = await new Promise<number>((r) => refused.on('close', (c) => r(c)))
    expect(code).toBe(4401)
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${server.token}`)
    await new Promise((r) => ws.on('open', r))
    const got = new Promise<string>((r) => ws.on('message', (m) => r(String(m))))
    await call('sessions.create', { title: 'Event test' })
    expect(JSON.parse(await got)).toEqual({ event: 'sessions.changed', payload: {} })
    ws.close()
  })

  it('every response, errors and 404s included, carries nosniff, no framing, no referrer and a CSP; guests’ connect-src is only the server', async () => {
    const { value } = (await call('sessions.create', { title: 'Headers' })).body as { value: { id: string } }
    const links = (
      (await call('share.start', { sessionId: value.id, address: '127.0.0.2' })).body as {
        value: { participantUrl: string }
      }
    ).value
    const guestOrigin = new URL(links.participantUrl).origin
    const connectSrc = (csp: string) => csp.split(';').find((d) => d.trim().startsWith('connect-src')) ?? ''
    for (const [origin, guest] of [
      [server.baseUrl, false],
      [guestOrigin, true],
    ] as const) {
      for (const [path, init] of [
        ['/', {}],
        ['/no/such/page', {}],
        ['/api/health', {}],
        ['/api/sessions.list', { method: 'POST' }], // no token: 401 (or refused on a guest listener)
        ['/%00', {}],
      ] as const) {
        const r = await fetch(`${origin}${path}`, init)
        const csp = r.headers.get('content-security-policy') ?? ''
        const where = `${origin}${path}`
        expect(r.headers.get('x-content-type-options'), where).toBe('nosniff')
        expect(r.headers.get('referrer-policy'), where).toBe('no-referrer')
        expect(r.headers.get('x-frame-options'), where).toBe('DENY')
        expect(csp, where).toContain("frame-ancestors 'none'")
        const connect = connectSrc(csp)
        expect(connect, where).toContain("'self'")
        // never a whole scheme, on any listener
        expect(connect, where).not.toMatch(/(^|\s)(https?|wss?):(\s|$)/)
        if (guest) expect(connect, where).not.toContain('*')
        // the facilitator's page: itself, relays on this computer, and no hosted relay it was not given
        else
          expect(connect.trim(), where).toBe(
            "connect-src 'self' http://127.0.0.1:* ws://127.0.0.1:* http://localhost:* ws://localhost:* data: blob:",
          )
      }
    }
    await call('share.stop', { sessionId: value.id })
  })

  it('serves the renderer with a CSP and never leaves its folder', async () => {
    const index = await fetch(`${server.baseUrl}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await fetch(`${server.baseUrl}/assets/app.js`)).headers.get('content-type')).toContain(
      'javascript',
    )
    for (const p of [
      '/../package.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2fpackage.json',
      '/%00',
    ]) {
      const r = await fetch(`${server.baseUrl}${p}`)
      expect([400, 403, 404], p).toContain(r.status)
    }
  })
})
