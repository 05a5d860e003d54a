import { afterEach } from 'vitest'
import type * as Y from 'yjs'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'

export interface StockProviderOptions {
  /** Sent as the `token` query parameter; null sends none. */
  token: string | null
  /** The WebSocket class to connect with (default: ws's), e.g. one that trusts a test CA. */
  ws?: new (url: string, protocols?: string | string[]) => WebSocket
  /** y-websocket's own options; left out, y-websocket's defaults apply. */
  connect?: boolean
  maxBackoffTime?: number
}

/** A stock y-websocket 3.x provider, as a browser runs it: ws polyfill, no BroadcastChannel. */
export function stockProvider(
  url: string,
  room: string,
  doc: Y.Doc,
  opts: StockProviderOptions,
): WebsocketProvider {
  return new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: (opts.ws ?? WebSocket) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: opts.token === null ? {} : { token: opts.token },
    connect: opts.connect,
    maxBackoffTime: opts.maxBackoffTime,
  })
}

/** Resolves once the provider has synced with the server (at once if it already has). */
export function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve()
  return new Promise((resolve) => {
    const on = (s: boolean) => {
      if (!s) return
      provider.off('sync', on)
      resolve()
    }
    provider.on('sync', on)
  })
}

export interface Destroyable {
  destroy(): void
}

/**
 * A list of clients that are destroyed, and the list emptied, after each test; `then` runs after
 * that (e.g. closing the server they were connected to).
 */
export function destroyAfterEach<C extends Destroyable>(then?: () => unknown): C[] {
  const list: C[] = []
  afterEach(async () => {
    for (const c of list.splice(0)) c.destroy()
    await then?.()
  })
  return list
}

/** Adds `client` to `list` (to be destroyed later) and returns it. */
export function listed<C>(list: C[], client: C): C {
  list.push(client)
  return client
}
