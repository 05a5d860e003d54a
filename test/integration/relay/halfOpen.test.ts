/**
 * The audit of issue 16 item 7 (docs/security.md, "Audit 2026-12"): a half-open websocket — a client
 * that completed the handshake and then went silent (a phone that left the wifi, or a hostile client
 * keeping slots) — is found by the relay's keep-alive ping and its slot freed. Hand-made handshake on a
 * raw socket, so nothing answers the pings.
 */
import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryPersistence, Relay } from '../../../src/core/node/relay'
import { closeServer, createHttpServer, listen } from '../../../src/core/node/server/http'
import { FACILITATOR_TOKEN, SESSION, testAuthorize, waitFor } from './helpers'

let relay: Relay
const server = createHttpServer((_req, res) => res.writeHead(404).end())
let port = 0

beforeAll(async () => {
  const persistence = new MemoryPersistence()
  persistence.create(SESSION)
  relay = new Relay({ persistence, authorize: testAuthorize, pingIntervalMs: 100 })
  server.on('upgrade', (req, socket, head) => relay.handleUpgrade(req, socket, head))
  port = await listen(server, 0, '127.0.0.1')
})

afterAll(async () => {
  await relay.close()
  await closeServer(server)
})

describe('half-open websockets', () => {
  it('a client that stops answering after the handshake is dropped and its slot freed', async () => {
    const socket = connect(port, '127.0.0.1')
    socket.on('error', () => {})
    let received = ''
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')))
    const closed = new Promise<void>((r) => socket.on('close', () => r()))
    socket.write(
      `GET /sync/${SESSION}?token=${FACILITATOR_TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
    )
    await waitFor(() => received.startsWith('HTTP/1.1 101'), 'the handshake')
    await waitFor(() => relay.sessionInfo(SESSION).connections === 1, 'joined')
    // silent from here on: no pong, no close frame
    await closed
    await waitFor(() => relay.sessionInfo(SESSION).connections === 0, 'the slot freed')
    expect(relay.stats().closedByCode).not.toEqual({})
  })
})
