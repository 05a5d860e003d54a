import { beforeEach } from 'vitest'
import * as Y from 'yjs'
import { WebSocket } from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import { MemoryPersistence, type RelayAuthResult, type RelayOptions } from '../../../src/core/node/relay'
import { startStandaloneRelay, type StandaloneRelay } from '../../helpers/standaloneRelay'
import { waitFor } from '../../helpers/wait'
import { destroyAfterEach, listed, stockProvider } from '../../helpers/yclient'

/** Kept here for the tests that import it with the other relay helpers (test/integration/storage). */
export { waitFor }

export const FACILITATOR_TOKEN = 'facilitator-token-0123456789'
export const OBSERVER_TOKEN = 'observer-token-0123456789'
export const SESSION = 'session-alpha'

/** Facilitator token for every session; an observer token; anything else refused. */
export function testAuthorize(_sessionId: string, token: string | null): RelayAuthResult | null {
  if (token === FACILITATOR_TOKEN) return { sessionRole: 'facilitator', tokenId: 'fac' }
  if (token === OBSERVER_TOKEN) return { sessionRole: 'observer', tokenId: 'obs', participantId: 'p-obs' }
  return null
}

export interface TestRelay extends StandaloneRelay {
  persistence: MemoryPersistence
  warnings: string[]
}

export async function startTestRelay(
  opts: {
    limits?: RelayOptions['limits']
    persistence?: MemoryPersistence
    sessions?: string[]
    now?: () => number
  } = {},
): Promise<TestRelay> {
  const persistence = opts.persistence ?? new MemoryPersistence()
  for (const s of opts.sessions ?? [SESSION]) persistence.create(s)
  const warnings: string[] = []
  const relay = await startStandaloneRelay({
    host: '127.0.0.1',
    port: 0,
    persistence,
    authorize: testAuthorize,
    limits: opts.limits,
    now: opts.now,
    onWarning: (m) => warnings.push(m),
  })
  return Object.assign(relay, { persistence, warnings })
}

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy(): void
}

/** A stock y-websocket 3.x client, as the issue asks: ws polyfill, no BroadcastChannel. */
export function stockClient(
  url: string,
  opts: { room?: string; token?: string | null; connect?: boolean; doc?: Y.Doc } = {},
): Client {
  const doc = opts.doc ?? new Y.Doc()
  const token = opts.token === undefined ? FACILITATOR_TOKEN : opts.token
  const provider = stockProvider(url, opts.room ?? SESSION, doc, {
    token,
    connect: opts.connect ?? true,
    maxBackoffTime: 300,
  })
  return {
    doc,
    provider,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/**
 * Stock clients, destroyed after each test; `then` runs after that (e.g. closing the relay).
 * The returned function makes one on `url` (`opts` as for stockClient).
 */
export function clientsPerTest(
  then?: () => unknown,
): (url: string, opts?: Parameters<typeof stockClient>[1]) => Client {
  const clients = destroyAfterEach<Client>(then)
  return (url, opts) => listed(clients, stockClient(url, opts))
}

/**
 * The relay most relay tests share: a fresh one before each test (`opts` as for startTestRelay),
 * handed to `onStart`; after the test its clients are destroyed, then it is closed (then `afterClose`).
 * The returned function makes a stock client on it, with the facilitator token unless given another.
 */
export function relayPerTest(
  onStart: (relay: TestRelay) => unknown,
  opts: Parameters<typeof startTestRelay>[0] & { afterClose?: () => void } = {},
): (token?: string) => Client {
  const { afterClose, ...relayOpts } = opts
  let relay: TestRelay
  beforeEach(async () => {
    relay = await startTestRelay(relayOpts)
    await onStart(relay)
  })
  const client = clientsPerTest(async () => {
    await relay.close()
    afterClose?.()
  })
  return (token) => client(relay.url, token === undefined ? {} : { token })
}

export function waitSynced(client: Client): Promise<void> {
  return waitFor(() => client.provider.synced, 'provider synced')
}

export interface RawSocket {
  ws: WebSocket
  received: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
  opened: Promise<void>
}

/** A bare ws client that records every frame it receives and how it was closed. */
export function rawSocket(url: string, room: string, token: string | null, extraQuery = ''): RawSocket {
  const q = token === null ? '' : `?token=${encodeURIComponent(token)}`
  const ws = new WebSocket(`${url}/${room}${q}${extraQuery}`)
  const received: Uint8Array[] = []
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
  ws.on('error', () => {})
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('close', () => reject(new Error('closed before open')))
  })
  opened.catch(() => {})
  return { ws, received, closed, opened }
}

/** Sends frames as fast as ws takes them. */
export function sendAll(ws: WebSocket, frames: Uint8Array[]): void {
  for (const f of frames) ws.send(f)
}
