// @vitest-environment happy-dom
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { GUEST_JOIN_PATH } from '../../../src/shared/api/guestJoin'
import { joinAsGuest, rememberedDevice } from '../../../src/renderer/guest/joinExchange'

const rememberedDeviceToken = (sessionId: string) => rememberedDevice(sessionId)?.deviceToken ?? null

/** The join exchange's client against a real HTTP server speaking the contract (or not). */
type Handler = (req: IncomingMessage, body: string) => { status: number; json?: unknown }
let server: Server | null = null
const seen: Array<{ path: string; body: string }> = []

async function serve(handler: Handler): Promise<string> {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      seen.push({ path: req.url ?? '', body })
      // the page's origin differs from this server's in the test: answer the CORS preflight
      const r = req.method === 'OPTIONS' ? { status: 204, json: undefined } : handler(req, body)
      res.writeHead(r.status, {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'content-type',
      })
      res.end(r.json === undefined ? '' : JSON.stringify(r.json))
    })
  })
  await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
}

afterEach(async () => {
  seen.length = 0
  localStorage.clear()
  await new Promise((ok) => (server ? server.close(ok) : ok(undefined)))
  server = null
})

const link = { sessionId: 'session-1', token: 'link-token' }
const fallback = { participantId: 'g-local-1', role: 'participant' as const }

describe('joining with the per-device exchange', () => {
  it('uses the identity the server gives, keeps its token per session and sends it when rejoining', async () => {
    const origin = await serve(() => ({
      status: 200,
      json: {
        sessionId: 'session-1',
        title: 'T',
        role: 'participant',
        participantId: 'p-from-server',
        deviceToken: 'device-token-1',
      },
    }))
    const first = await joinAsGuest(link, fallback, origin)
    expect(first).toEqual({
      kind: 'ok',
      identity: {
        participantId: 'p-from-server',
        syncToken: 'device-token-1',
        role: 'participant',
        source: 'server',
      },
    })
    expect(rememberedDeviceToken('session-1')).toBe('device-token-1')
    await joinAsGuest(link, fallback, origin)
    const posts = seen.filter((s) => s.path === GUEST_JOIN_PATH && s.body)
    expect(JSON.parse(posts[0]!.body)).toEqual({ sessionId: 'session-1', token: 'link-token' })
    expect(JSON.parse(posts[1]!.body)).toEqual({
      sessionId: 'session-1',
      token: 'link-token',
      deviceToken: 'device-token-1',
    })
  })

  it('falls back to the link token and the local id when the server has no join endpoint', async () => {
    const origin = await serve((req) =>
      req.url?.startsWith('/api/guest/session')
        ? { status: 200, json: { sessionId: 'session-1', title: 'T', role: 'participant' } }
        : { status: 404 },
    )
    expect(await joinAsGuest(link, fallback, origin)).toEqual({
      kind: 'ok',
      identity: { participantId: 'g-local-1', syncToken: 'link-token', role: 'participant', source: 'local' },
    })
  })

  it('says the link is dead when the server refuses it and the link no longer works', async () => {
    const origin = await serve(() => ({ status: 401 }))
    expect(await joinAsGuest(link, fallback, origin)).toEqual({ kind: 'refused' })
  })

  it('refuses an answer that does not match the contract', async () => {
    const origin = await serve(() => ({ status: 200, json: { sessionId: 'session-1' } }))
    expect(await joinAsGuest(link, fallback, origin)).toEqual({ kind: 'refused' })
  })
})
