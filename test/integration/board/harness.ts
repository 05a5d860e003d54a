import { afterAll, beforeAll } from 'vitest'
import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import type { TLStore } from 'tldraw'
import { MemoryPersistence } from '../../../src/core/node/relay'
import { startStandaloneRelay, type StandaloneRelay } from '../../helpers/standaloneRelay'
import { bindStoreToDoc, type Binding, type BindingOptions } from '../../../src/renderer/board/sync/binding'
import { createBoardStore, initialBoardRecords } from '../../../src/renderer/board/shapes/boardSchema'
import { destroyAfterEach, listed, stockProvider, whenSynced } from '../../helpers/yclient'

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

export type ConnectOptions = Partial<Omit<BindingOptions, 'store' | 'doc'>> & { store?: TLStore }

export async function connectClient(
  url: string,
  sessionId: string,
  opts: ConnectOptions = {},
): Promise<TestClient> {
  const doc = new Y.Doc()
  const provider = stockProvider(url, sessionId, doc, { token: TOKEN })
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

/**
 * One relay for a test file, started before its tests (handed to `onStart`) and closed after them;
 * the bound clients made with the returned function are destroyed after each test.
 */
export function relayPerFile(
  onStart: (relay: TestRelay) => void,
): (sessionId: string, opts?: ConnectOptions) => Promise<TestClient> {
  let relay: TestRelay
  const clients = destroyAfterEach<TestClient>()
  beforeAll(async () => {
    relay = await startTestRelay()
    onStart(relay)
  })
  afterAll(async () => {
    await relay.close()
  })
  return async (sessionId, opts = {}) =>
    listed(clients, await connectClient(relay.relay.url, sessionId, opts))
}

/** The synced document records of a store, sorted, for equality checks. */
export function docRecords(store: TLStore): unknown[] {
  return Object.values(store.serialize('document')).sort((a, b) => a.id.localeCompare(b.id))
}
