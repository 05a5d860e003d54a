import * as Y from 'yjs'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import type { TLStore } from 'tldraw'
import { MemoryPersistence, startStandaloneRelay, type StandaloneRelay } from '../../../src/core/node/relay'
import { bindStoreToDoc, type Binding, type BindingOptions } from '../../../src/renderer/board/sync/binding'
import { createBoardStore, initialBoardRecords } from '../../../src/renderer/board/shapes/boardSchema'

export const TOKEN = 'board-test-token'

export interface TestRelay {
  relay: StandaloneRelay
  persistence: MemoryPersistence
  newSession(): string
  close(): Promise<void>
}

let sessionCounter = 0

/** The real relay on 127.0.0.1, port 0, in-memory persistence, one facilitator token. */
export async function startTestRelay(): Promise<TestRelay> {
  const persistence = new MemoryPersistence()
  const relay = await startStandaloneRelay({
    port: 0,
    persistence,
    authorize: (_sessionId, token) =>
      token === TOKEN ? { sessionRole: 'facilitator', tokenId: 'facilitator' } : null,
  })
  return {
    relay,
    persistence,
    newSession() {
      const id = `board-${process.pid}-${++sessionCounter}`
      persistence.create(id)
      return id
    },
    close: () => relay.close(),
  }
}

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  store: TLStore
  binding: Binding
  destroy(): void
}

export async function connectClient(
  url: string,
  sessionId: string,
  opts: Partial<Omit<BindingOptions, 'store' | 'doc'>> & { store?: TLStore } = {},
): Promise<TestClient> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(url, sessionId, doc, {
    params: { token: TOKEN },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  await whenSynced(provider)
  const store = opts.store ?? createBoardStore()
  const binding = bindStoreToDoc({ seed: initialBoardRecords, ...opts, store, doc })
  return {
    doc,
    provider,
    store,
    binding,
    destroy() {
      binding.destroy()
      provider.destroy()
      doc.destroy()
    },
  }
}

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

/** Polls until `check` stops throwing (sync is asynchronous); rethrows the last failure on timeout. */
export async function eventually(check: () => void, timeoutMs = 10_000): Promise<void> {
  const start = Date.now()
  for (;;) {
    try {
      check()
      return
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e
      await new Promise((r) => setTimeout(r, 20))
    }
  }
}

/** The synced document records of a store, sorted, for equality checks. */
export function docRecords(store: TLStore): unknown[] {
  return Object.values(store.serialize('document')).sort((a, b) => a.id.localeCompare(b.id))
}
