/**
 * Guests through "Share session": N stock y-websocket clients join a shared session over the extra
 * listener on 127.0.0.2 with the participant link. Measures time until all are synced, then the
 * latency of one guest's edit reaching every other client (p50/p95 over ROUNDS), and a burst where every
 * guest writes at once until all documents are identical.
 *   npx tsx bench/sharing.ts          (BENCH_GUESTS=50, BENCH_ROUNDS=30)
 */
import { loadavg } from 'node:os'
import * as Y from 'yjs'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { CoproServer, MemoryBackend } from '../src/core/node/server'
import { callApi } from './lib/serve'

const GUESTS = Number(process.env.BENCH_GUESTS ?? 50)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30)

const server = await CoproServer.start({ host: '127.0.0.1', port: 0, backend: new MemoryBackend() })
const call = (method: string, args: unknown) => callApi(server.baseUrl, server.token, method, args)
const waitFor = async (p: () => boolean) => {
  while (!p()) await new Promise((r) => setTimeout(r, 1))
}
const q = (xs: number[], f: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(f * xs.length))]!

const { id } = await call('sessions.create', { title: 'Bench hall' })
const links = await call('share.start', { sessionId: id, address: '127.0.0.2' })
const link = new URL(links.participantUrl)
const docs: Y.Doc[] = []
const providers: WebsocketProvider[] = []
// every y-websocket provider adds a process 'exit' listener in Node
process.setMaxListeners(GUESTS + 20)
const t0 = performance.now()
for (let i = 0; i < GUESTS; i++) {
  const doc = new Y.Doc()
  docs.push(doc)
  providers.push(
    new WebsocketProvider(`ws://${link.host}/sync`, id, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token: link.searchParams.get('token')! },
    }),
  )
}
await waitFor(() => providers.every((p) => p.synced))
const joinMs = performance.now() - t0

const latencies: number[] = []
for (let r = 0; r < ROUNDS; r++) {
  const from = r % GUESTS
  const start = performance.now()
  docs[from]!.getMap('cards').set(`r${r}`, r)
  await waitFor(() => docs.every((d) => d.getMap('cards').get(`r${r}`) === r))
  latencies.push(performance.now() - start)
}

const burstStart = performance.now()
docs.forEach((d, i) => d.getMap('burst').set(`g${i}`, i))
await waitFor(() => docs.every((d) => d.getMap('burst').size === GUESTS))
const sv = Buffer.from(Y.encodeStateVector(docs[0]!))
await waitFor(() => docs.every((d) => Buffer.from(Y.encodeStateVector(d)).equals(sv)))
const burstMs = performance.now() - burstStart

console.log(
  JSON.stringify(
    {
      guests: GUESTS,
      guestsCounted: server.sharing.status(id).guests,
      allSyncedMs: Math.round(joinMs),
      editToAllMs: {
        p50: +q(latencies, 0.5).toFixed(1),
        p95: +q(latencies, 0.95).toFixed(1),
        rounds: ROUNDS,
      },
      burstAllWriteConvergedMs: Math.round(burstMs),
      loadavg1m: +loadavg()[0]!.toFixed(2),
    },
    null,
    1,
  ),
)
for (const p of providers) p.destroy()
await server.close()
// Some sockets linger after close; a benchmark must end by itself.
process.exit(0)
