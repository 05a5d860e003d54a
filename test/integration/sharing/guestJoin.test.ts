/**
 * Per-device identity and join codes (issue 15 items 3 and 7; issue 21 item 4), against a real CoproServer
 * over real HTTP and websockets: a device exchanges the shared link for its own token, keeps it across
 * rejoins, loses it when sharing stops; a join code maps to the participant link while the session is
 * shared and is rate-limited per address; one link or one device cannot take the session's connections.
 */
import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { CoproServer, MemoryBackend } from '../../../src/core/node/server'
import { CLOSE_CODES, Relay } from '../../../src/core/node/relay'
import { JOIN_CODE_LOOKUPS_PER_MINUTE, JOINS_PER_MINUTE } from '../../../src/core/node/server/ipRateLimit'
import type { ShareLinks } from '../../../src/shared/api'
import { GuestJoinResponse, JoinCodeResponse } from '../../../src/shared/api/guestJoin'
import { callApi, serverPerFile, writeRenderer } from '../../helpers/server'
import { rawSocket, type RawSocket } from '../relay/helpers'
import { fromJoinUrl, guestsPerTest, synced, waitFor } from './helpers'

let server: CoproServer
const LIMITS = {
  maxConnectionsPerSession: 6,
  maxConnectionsPerToken: 4,
  maxConnectionsPerDevice: 2,
  participantReserve: 2,
}

function call(method: string, args: unknown) {
  return callApi(server.baseUrl, method, args, server.token)
}
async function newSession(title: string): Promise<string> {
  return (await call('sessions.create', { title })).body.value.id as string
}
async function share(sessionId: string): Promise<ShareLinks> {
  const r = await call('share.start', { sessionId, address: '127.0.0.2' })
  expect(r.body.error).toBeUndefined()
  return r.body.value as ShareLinks
}

/** An HTTP request from a chosen local address (rate limits are per address). */
function request(
  url: string,
  opts: { method?: string; body?: unknown; from?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const text = opts.body === undefined ? undefined : JSON.stringify(opts.body)
    const req = http.request(
      url,
      {
        method: opts.method ?? 'GET',
        localAddress: opts.from ?? '127.0.0.1',
        headers: { ...(text ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8')
          let body: unknown = raw
          try {
            body = JSON.parse(raw)
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers })
        })
      },
    )
    req.on('error', reject)
    req.end(text)
  })
}

function join(link: string, deviceToken?: string, token?: string) {
  const j = fromJoinUrl(link)
  return request(`${j.origin}/api/guest/join`, {
    method: 'POST',
    body: { sessionId: j.sessionId, token: token ?? j.token, ...(deviceToken ? { deviceToken } : {}) },
  })
}
async function joined(link: string, deviceToken?: string): Promise<GuestJoinResponse> {
  const r = await join(link, deviceToken)
  expect(r.status).toBe(200)
  return GuestJoinResponse.parse(r.body)
}

const { guest } = guestsPerTest(() => server)
const sockets: RawSocket[] = []
/** A raw sync socket to the shared address; resolves with 0 once joined, or the close code. */
function connect(links: ShareLinks, token: string): Promise<number> {
  const j = fromJoinUrl(links.participantUrl)
  const s = rawSocket(j.serverUrl, j.sessionId, token)
  sockets.push(s)
  return Promise.race([
    s.closed.then((c) => c.code),
    waitFor(() => s.received.length > 0, 'joined').then(() => 0),
  ])
}

serverPerFile(async (tempDir) => {
  const rendererDir = writeRenderer(tempDir('copro-join-renderer-'), {
    'index.html': '<!doctype html><title>Copro join</title>',
  })
  server = await CoproServer.start({
    host: '127.0.0.1',
    port: 0,
    backend: new MemoryBackend(),
    rendererDir,
    createRelay: ({ backend, authorize }) => new Relay({ persistence: backend, authorize, limits: LIMITS }),
  })
  return server
})

describe('POST /api/guest/join: each device its own identity', () => {
  it('exchanges the shared link for a personal token bound to a new participant, usable for sync', async () => {
    const id = await newSession('Identity workshop')
    const links = await share(id)
    const a = await joined(links.participantUrl)
    const b = await joined(links.participantUrl)
    expect(a).toMatchObject({ sessionId: id, title: 'Identity workshop', role: 'participant' })
    expect(a.participantId).not.toBe(b.participantId)
    expect(a.deviceToken).not.toBe(b.deviceToken)
    expect(a.deviceToken).not.toBe(fromJoinUrl(links.participantUrl).token)

    // The personal token opens the board; the relay knows its participant.
    const g = guest(links.participantUrl.replace(/token=[^&]+/, `token=${a.deviceToken}`))
    await synced(g)
    const relay = server.relay as Relay
    expect(relay.connectionAuths(id)).toContainEqual(
      expect.objectContaining({ sessionRole: 'participant', participantId: a.participantId }),
    )
    // and the join screen's lookup accepts it too (a reload checks the link with it)
    const info = await request(
      `${fromJoinUrl(links.participantUrl).origin}/api/guest/session?token=${a.deviceToken}`,
    )
    expect(info.body).toEqual({ sessionId: id, title: 'Identity workshop', role: 'participant' })
  })

  it('a rejoin with the device token keeps the same identity; an observer turning participant keeps it too', async () => {
    const id = await newSession('Rejoin')
    const links = await share(id)
    const first = await joined(links.participantUrl)
    expect(await joined(links.participantUrl, first.deviceToken)).toEqual(first)
    // the personal token alone (sent as the link's token) stands for itself
    const alone = await join(links.participantUrl, undefined, first.deviceToken)
    expect(alone.body).toEqual(first)

    const watcher = await joined(links.observerUrl)
    expect(watcher.role).toBe('observer')
    const promoted = await joined(links.participantUrl, watcher.deviceToken)
    expect(promoted.role).toBe('participant')
    expect(promoted.participantId).toBe(watcher.participantId)
    expect(promoted.deviceToken).not.toBe(watcher.deviceToken)

    // a device token of another session is ignored: a new identity here
    const other = await share(await newSession('Other'))
    const elsewhere = await joined(other.participantUrl)
    const fresh = await joined(links.participantUrl, elsewhere.deviceToken)
    expect(fresh.participantId).not.toBe(elsewhere.participantId)
  })

  it('personal tokens stop working when sharing stops: live connections close, rejoin and sync are refused', async () => {
    const id = await newSession('Stop')
    const links = await share(id)
    const me = await joined(links.participantUrl)
    const live = connect(links, me.deviceToken)
    expect(await live).toBe(0)
    await call('share.stop', { sessionId: id })
    expect((await sockets.at(-1)!.closed).code).toBe(CLOSE_CODES.TOKEN_REVOKED)
    // the main (loopback) listener still answers; the link and the device token are dead there too
    const main = links.participantUrl.replace(/127\.0\.0\.2:\d+/, `127.0.0.1:${server.port}`)
    expect((await join(main, me.deviceToken)).status).toBe(401)
    expect((await request(`${server.baseUrl}/api/guest/session?token=${me.deviceToken}`)).status).toBe(401)
    const again = await share(id)
    const next = await joined(again.participantUrl, me.deviceToken)
    expect(next.participantId).not.toBe(me.participantId)
  })

  it('refuses bad requests plainly', async () => {
    const id = await newSession('Bad')
    const links = await share(id)
    const j = fromJoinUrl(links.participantUrl)
    const url = `${j.origin}/api/guest/join`
    expect((await request(url)).status).toBe(405)
    expect((await request(url, { method: 'POST', body: { sessionId: id } })).status).toBe(400)
    expect(
      (await request(url, { method: 'POST', body: { sessionId: id, token: 'x', extra: 1 } })).status,
    ).toBe(400)
    expect((await request(url, { method: 'POST', body: { sessionId: id, token: 'wrong' } })).status).toBe(401)
    const otherSession = await newSession('Not shared')
    expect(
      (await request(url, { method: 'POST', body: { sessionId: otherSession, token: j.token } })).status,
    ).toBe(401)
    const foreign = await request(url, {
      method: 'POST',
      body: { sessionId: id, token: j.token },
      headers: { origin: 'https://evil.example' },
    })
    expect(foreign.status).toBe(403)
  })

  it('rate-limits joins per address (but not from 127.0.0.1, the facilitator’s own computer)', async () => {
    const id = await newSession('Many joins')
    const links = await share(id)
    const j = fromJoinUrl(links.participantUrl)
    const statuses: number[] = []
    for (let i = 0; i < JOINS_PER_MINUTE + 1; i++)
      statuses.push(
        (
          await request(`${j.origin}/api/guest/join`, {
            method: 'POST',
            body: { sessionId: id, token: j.token },
            from: '127.0.0.6',
          })
        ).status,
      )
    expect(statuses.filter((s) => s === 200)).toHaveLength(JOINS_PER_MINUTE)
    expect(statuses.at(-1)).toBe(429)
    expect((await join(links.participantUrl)).status).toBe(200)
  })

  it('counts people, not connections, in share.status', async () => {
    const id = await newSession('Counting')
    const links = await share(id)
    const a = await joined(links.participantUrl)
    const b = await joined(links.participantUrl)
    expect(await connect(links, a.deviceToken)).toBe(0)
    expect(await connect(links, a.deviceToken)).toBe(0)
    expect(await connect(links, b.deviceToken)).toBe(0)
    await waitFor(() => server.sharing.status(id).guests === 2, 'two people')
    for (const s of sockets.splice(0)) s.ws.close()
    await waitFor(() => server.sharing.status(id).guests === 0, 'nobody')
  })
})

describe('join codes', () => {
  it('share.start gives a six-character code that maps to the participant link until sharing stops', async () => {
    const id = await newSession('Codes')
    const links = await share(id)
    expect(links.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/)
    expect(links.joinCodeUrl).toBe(`http://127.0.0.2:${links.port}/join`)
    expect((await request(links.joinCodeUrl!)).body).toContain('Copro join')
    const typed = `${links.joinCode!.slice(0, 3).toLowerCase()}-${links.joinCode!.slice(3)}`
    const r = await request(`${links.joinCodeUrl!.replace('/join', '')}/api/guest/code/${typed}`, {
      from: '127.0.0.3',
    })
    expect(r.status).toBe(200)
    expect(JoinCodeResponse.parse(r.body)).toEqual({
      sessionId: id,
      token: fromJoinUrl(links.participantUrl).token,
    })
    await call('share.stop', { sessionId: id })
    const after = await request(`${server.baseUrl}/api/guest/code/${links.joinCode}`, { from: '127.0.0.3' })
    expect(after.status).toBe(404)
    expect(after.headers['x-content-type-options']).toBe('nosniff')
  })

  it('rate-limits lookups per address: guessing is refused with 429, other addresses still work', async () => {
    const id = await newSession('Guessing')
    const links = await share(id)
    const statuses: number[] = []
    for (let i = 0; i < JOIN_CODE_LOOKUPS_PER_MINUTE + 2; i++)
      statuses.push(
        (await request(`${server.baseUrl}/api/guest/code/ZZZZZ${(i % 8) + 2}`, { from: '127.0.0.4' })).status,
      )
    expect(statuses.slice(0, JOIN_CODE_LOOKUPS_PER_MINUTE).every((s) => s === 404)).toBe(true)
    expect(statuses.slice(JOIN_CODE_LOOKUPS_PER_MINUTE)).toEqual([429, 429])
    // even the right code is refused from that address now; another address gets it
    expect(
      (await request(`${server.baseUrl}/api/guest/code/${links.joinCode}`, { from: '127.0.0.4' })).status,
    ).toBe(429)
    expect(
      (await request(`${server.baseUrl}/api/guest/code/${links.joinCode}`, { from: '127.0.0.5' })).status,
    ).toBe(200)
    expect((await request(`${server.baseUrl}/api/guest/code/not-a-code`, { from: '127.0.0.5' })).status).toBe(
      404,
    )
  })
})

describe('connection budgets per link and per device (issue 21 item 4)', () => {
  it('one device, one link cannot take the session; participants and the facilitator still get in', async () => {
    const id = await newSession('Budgets')
    const links = await share(id)
    const o = fromJoinUrl(links.observerUrl)
    const p = fromJoinUrl(links.participantUrl)
    const watchers = [
      await joined(links.observerUrl),
      await joined(links.observerUrl),
      await joined(links.observerUrl),
    ]
    // one device: at most maxConnectionsPerDevice (2)
    expect(await connect(links, watchers[0]!.deviceToken)).toBe(0)
    expect(await connect(links, watchers[0]!.deviceToken)).toBe(0)
    expect(await connect(links, watchers[0]!.deviceToken)).toBe(CLOSE_CODES.DEVICE_FULL)
    // one link: at most maxConnectionsPerToken (4), its devices counted together
    expect(await connect(links, watchers[1]!.deviceToken)).toBe(0)
    expect(await connect(links, watchers[1]!.deviceToken)).toBe(0)
    expect(await connect(links, watchers[2]!.deviceToken)).toBe(CLOSE_CODES.TOKEN_FULL)
    expect(await connect(links, o.token)).toBe(CLOSE_CODES.TOKEN_FULL)
    // bare participant-link connections fill the session (6)
    expect(await connect(links, p.token)).toBe(0)
    expect(await connect(links, p.token)).toBe(0)
    expect(await connect(links, p.token)).toBe(CLOSE_CODES.SESSION_FULL)
    // a participant's device still gets in (participantReserve), and so does the facilitator
    const me = await joined(links.participantUrl)
    expect(await connect(links, me.deviceToken)).toBe(0)
    const fac = rawSocket(server.syncUrl, id, server.token)
    sockets.push(fac)
    await waitFor(() => fac.received.length > 0, 'facilitator joined')
    for (const s of sockets.splice(0)) s.ws.close()
  })
})
