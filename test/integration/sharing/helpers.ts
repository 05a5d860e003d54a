import * as Y from 'yjs'
import { WebSocket } from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import type { CoproServer } from '../../../src/core/node/server'
import { waitFor as pollUntil } from '../../helpers/wait'
import { destroyAfterEach, listed, stockProvider } from '../../helpers/yclient'

export interface Guest {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Close codes the server sent to this client, in order. */
  closes: number[]
  /** Set once the provider gave up (a permanent 4400–4499 close). */
  closed: { code: number } | null
  destroy(): void
}

/** A stock y-websocket 3.x client, as a guest's browser would run it (ws polyfill, no BroadcastChannel). */
export function stockClient(
  serverUrl: string,
  room: string,
  token: string | null,
  opts: { ws?: typeof WebSocket } = {},
): Guest {
  const doc = new Y.Doc()
  const provider = stockProvider(serverUrl, room, doc, { token, ws: opts.ws, maxBackoffTime: 300 })
  const guest: Guest = {
    doc,
    provider,
    closes: [],
    closed: null,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
  provider.on('connection-close', (e) => {
    if (e) guest.closes.push(e.code)
  })
  provider.on('closed', (e) => {
    guest.closed = { code: e.code }
  })
  return guest
}

/** The sync serverUrl and token in a join link `http://ADDR:PORT/?join=<id>&token=<t>`. */
export function fromJoinUrl(link: string): {
  serverUrl: string
  sessionId: string
  token: string
  origin: string
} {
  const u = new URL(link)
  return {
    serverUrl: `ws://${u.host}/sync`,
    sessionId: u.searchParams.get('join')!,
    token: u.searchParams.get('token')!,
    origin: u.origin,
  }
}

/** Guests for the tests of one CoproServer, destroyed after each test. */
export function guestsPerTest(server: () => CoproServer): {
  /** Joins through a share link; into `room` instead of the link's session when given. */
  guest(link: string, room?: string): Guest
  /** Joins with the server's own (facilitator) token. */
  facilitator(sessionId: string): Guest
} {
  const guests = destroyAfterEach<Guest>()
  return {
    guest(link, room) {
      const j = fromJoinUrl(link)
      return listed(guests, stockClient(j.serverUrl, room ?? j.sessionId, j.token))
    },
    facilitator: (sessionId) => listed(guests, stockClient(server().syncUrl, sessionId, server().token)),
  }
}

/** waitFor with the longer default these tests allow (15 s). */
export function waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  return pollUntil(predicate, what, timeoutMs)
}

export const synced = (g: Guest): Promise<void> => waitFor(() => g.provider.synced, 'synced')

/** Opens a raw WebSocket and resolves with how it ended: a close code, or an HTTP refusal. */
export function closeOf(url: string): Promise<{ code: number } | { error: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url)
    let error: string | null = null
    ws.on('error', (e) => (error = e.message))
    ws.on('close', (code) => resolve(error ? { error } : { code }))
  })
}
