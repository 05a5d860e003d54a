/**
 * The audit of issue 16 item 7 (docs/security.md, "Audit 2026-12"): the app's own server against other
 * websites — DNS rebinding (a foreign name in Host), cross-site websockets and cross-site calls of the
 * app API — over real sockets, with hand-made requests.
 */
import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { CoproServer, MemoryBackend } from '../../../src/core/node/server'
import { serverPerFile, writeRenderer } from '../../helpers/server'

let server: CoproServer

serverPerFile(async (tempDir) => {
  const rendererDir = writeRenderer(tempDir('copro-renderer-'), {
    'index.html': '<!doctype html><title>Copro</title>',
  })
  server = await CoproServer.start({ port: 0, backend: new MemoryBackend(), rendererDir })
  return server
})

/** A raw request with exactly these headers (fetch cannot set Host). */
function raw(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let text = ''
      res.on('data', (c: Buffer) => (text += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** Opens a websocket with these headers; resolves with 'open', the close code, or the refused HTTP status. */
function upgrade(path: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers })
    ws.on('open', () => {
      resolve('open')
      ws.close()
    })
    ws.on('unexpected-response', (_req, res) => {
      resolve(`http ${res.statusCode}`)
      ws.terminate()
    })
    ws.on('close', (code) => resolve(`close ${code}`))
    ws.on('error', () => resolve('error'))
  })
}

describe('DNS rebinding: a foreign name in Host is not answered', () => {
  it('pages, public endpoints, guest endpoints and the API answer 421 to Host: evil.example', async () => {
    const port = server.port
    for (const path of ['/', '/index.html', '/api/health', '/api/time', '/api/guest/code/ABCDEF']) {
      // the rebound page is same-origin with itself: Origin and Host both name evil.example
      const r = await raw(path, { host: `evil.example:${port}`, origin: `http://evil.example:${port}` })
      expect(r.status, path).toBe(421)
      expect(r.body, path).not.toContain('Copro')
      expect(r.headers['x-content-type-options'], path).toBe('nosniff')
      expect(r.headers['content-security-policy'], path).toContain("frame-ancestors 'none'")
    }
    const api = await raw(
      '/api/call/sessions.list',
      {
        host: `evil.example:${port}`,
        authorization: `Bearer ${server.token}`,
        'content-type': 'application/json',
      },
      'POST',
      '{}',
    )
    expect(api.status).toBe(421)
  })

  it('IP literals and localhost are answered', async () => {
    const port = server.port
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      '127.0.0.1',
      'app.localhost',
    ]) {
      expect((await raw('/api/health', { host })).status, host).toBe(200)
    }
  })

  it('websocket upgrades naming a foreign host are refused before the token is looked at', async () => {
    const port = server.port
    expect(await upgrade(`/sync/s_abcdefgh?token=${server.token}`, { host: `evil.example:${port}` })).toBe(
      'http 421',
    )
    expect(await upgrade(`/api/events?token=${server.token}`, { host: `evil.example:${port}` })).toBe(
      'http 421',
    )
  })
})

describe('cross-site websockets and cross-site calls', () => {
  it('another website cannot open the events socket, even holding the token', async () => {
    const path = `/api/events?token=${server.token}`
    expect(await upgrade(path, { origin: 'https://evil.example' })).toBe('http 403')
    expect(await upgrade(path, { origin: `http://127.0.0.1:${server.port}` })).toBe('open')
    expect(await upgrade(path, { origin: 'file://' })).toBe('open') // the desktop app's page
    expect(await upgrade(path, {})).toBe('open') // not a browser
  })

  it('another website cannot open a sync socket, even holding the token', async () => {
    const { value } = (await (
      await fetch(`${server.baseUrl}/api/call/sessions.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
        body: JSON.stringify({ title: 'Origin test' }),
      })
    ).json()) as { value: { id: string } }
    const path = `/sync/${value.id}?token=${server.token}`
    expect(await upgrade(path, { origin: 'https://evil.example' })).toBe('http 403')
    expect(await upgrade(path, { origin: 'null' })).toBe('open')
    expect(await upgrade(path, { origin: 'http://localhost:5173' })).toBe('open') // the dev renderer
  })

  it('the app API refuses another website (403) and anything but JSON (415)', async () => {
    const headers = { authorization: `Bearer ${server.token}`, host: `127.0.0.1:${server.port}` }
    const foreign = await raw(
      '/api/call/sessions.create',
      { ...headers, origin: 'https://evil.example', 'content-type': 'application/json' },
      'POST',
      JSON.stringify({ title: 'Made by another website' }),
    )
    expect(foreign.status).toBe(403)
    // a form or a "simple" cross-site request cannot send application/json without a preflight
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const r = await raw(
        '/api/call/sessions.create',
        { ...headers, 'content-type': type },
        'POST',
        JSON.stringify({ title: 'Made by a form' }),
      )
      expect(r.status, type).toBe(415)
    }
    const list = await raw(
      '/api/call/sessions.list',
      { ...headers, 'content-type': 'application/json; charset=utf-8' },
      'POST',
      '{}',
    )
    expect(list.status).toBe(200)
    const titles = (JSON.parse(list.body) as { value: { title: string }[] }).value.map((s) => s.title)
    expect(titles).not.toContain('Made by another website')
    expect(titles).not.toContain('Made by a form')
  })
})
