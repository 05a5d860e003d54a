/**
 * The audit of issue 16 item 7 (docs/security.md, "Audit 2026-12"): slow and half-open connections
 * against the app's server and `copro relay`, over real sockets. Node's own defaults keep a socket that
 * never sends a byte open for ever; every server is made by http.ts createHttpServer, which bounds it.
 * The timeouts are shortened here so the test is quick; nothing asserts how long anything took.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { CoproServer, MemoryBackend } from '../../../src/core/node/server'
import { startHostedRelay, type HostedRelay } from '../../../src/core/node/server/hostedRelay'
import { HTTP_TIMEOUTS } from '../../../src/core/node/server/http'
import { callApi } from '../../helpers/server'

const SHORT = { idleMs: 300, headersMs: 400, requestMs: 2_000 }

const closers: (() => Promise<unknown>)[] = []
afterAll(async () => {
  for (const c of closers.splice(0).reverse()) await c()
})

/** A raw TCP socket to `port`; `closed` resolves when the server ends it. */
function tcp(port: number): { socket: Socket; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => {})
  const closed = new Promise<void>((r) => socket.on('close', () => r()))
  closers.push(async () => void socket.destroy())
  return { socket, closed }
}

/** Sends a header line now and then, never finishing the request (slowloris). */
function dripHeaders(port: number): Promise<void> {
  const { socket, closed } = tcp(port)
  socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n')
  const timer = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 100)
  return closed.finally(() => clearInterval(timer))
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.on('open', () => resolve(ws))
    ws.on('error', reject)
    closers.push(async () => ws.terminate())
  })
}

describe('slow and half-open connections', () => {
  it('the defaults bound what Node leaves unbounded', () => {
    expect(HTTP_TIMEOUTS.idleMs).toBeLessThanOrEqual(60_000)
    expect(HTTP_TIMEOUTS.headersMs).toBeLessThanOrEqual(HTTP_TIMEOUTS.requestMs)
  })

  it('the app server closes a socket that sends nothing and one that drips its headers; websockets stay', async () => {
    const server = await CoproServer.start({ port: 0, backend: new MemoryBackend(), httpTimeouts: SHORT })
    closers.push(() => server.close())
    const created = await callApi<{ id: string }>(
      server.baseUrl,
      'sessions.create',
      { title: 'Slow' },
      server.token,
    )
    const sync = await openSocket(
      `ws://127.0.0.1:${server.port}/sync/${created.body.value.id}?token=${server.token}`,
    )
    const events = await openSocket(`ws://127.0.0.1:${server.port}/api/events?token=${server.token}`)
    // a connection that never sends a byte (Node 20 keeps it for ever by default)
    await tcp(server.port).closed
    // headers dripped in one line at a time: never a whole request
    await dripHeaders(server.port)
    // the websockets, idle all along, are still open: the relay pings them instead
    expect(sync.readyState).toBe(WebSocket.OPEN)
    expect(events.readyState).toBe(WebSocket.OPEN)
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200)
  })

  it('a sharing listener and copro relay do the same', async () => {
    const server = await CoproServer.start({ port: 0, backend: new MemoryBackend(), httpTimeouts: SHORT })
    closers.push(() => server.close())
    const created = await callApi<{ id: string }>(
      server.baseUrl,
      'sessions.create',
      { title: 'Shared' },
      server.token,
    )
    const links = await callApi<{ port: number }>(
      server.baseUrl,
      'share.start',
      { sessionId: created.body.value.id, address: '127.0.0.2' },
      server.token,
    )
    expect(links.status).toBe(200)
    const shared = links.body.value.port
    const idle = connect(shared, '127.0.0.2')
    idle.on('error', () => {})
    closers.push(async () => void idle.destroy())
    await new Promise<void>((r) => idle.on('close', () => r()))

    const dataDir = await mkdtemp(path.join(tmpdir(), 'copro-slow-relay-'))
    closers.push(() => rm(dataDir, { recursive: true, force: true }))
    const relay: HostedRelay = await startHostedRelay({ dataDir, port: 0, httpTimeouts: SHORT })
    closers.push(() => relay.close())
    await tcp(relay.port).closed
    await dripHeaders(relay.port)
    expect((await fetch(`${relay.origin}/health`)).status).toBe(200)
  })
})
