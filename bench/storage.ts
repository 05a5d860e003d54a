/**
 * Storage benchmarks (issue 4). Run: `npx tsx bench/storage.ts [--quick]`
 *
 *  1. cold open of a 5,000-card session: a fresh Node process opens the data folder, loads the session
 *     (snapshot + a log of 1,000 later edits), builds the Y.Doc and the YKeyValue view. Target ≤ 300 ms.
 *  2. on-disk size of 100,000 small edits, before and after compaction, against
 *     Y.encodeStateAsUpdate(final doc). Target after ≤ 1.5 ×.
 *  3. sustained append throughput through SessionStore (batched + fdatasync): updates/s and MB/s.
 *
 * Prints one JSON object, then a human summary.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { CARD_KINDS } from '../src/shared/model/cardKinds'
import { SessionStore } from '../src/core/node/storage/sessionStore'

const quick = process.argv.includes('--quick')
const CARDS = 5_000
const LATER_EDITS = 1_000
const SMALL_EDITS = quick ? 20_000 : 100_000
const THROUGHPUT_UPDATES = quick ? 10_000 : 50_000
const COLD_RUNS = quick ? 3 : 5

function card(
  i: number,
  x = (i % 100) * 220,
  text = `Card ${i}: waiting times at the front desk were too long`,
) {
  return {
    id: `shape:card${i}`,
    typeName: 'shape',
    type: 'card',
    x,
    y: Math.floor(i / 100) * 160,
    rotation: 0,
    index: `a${i.toString(36)}`,
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    props: {
      w: 200,
      h: 140,
      kind: CARD_KINDS[i % CARD_KINDS.length],
      text,
      authorId: `p${i % 30}`,
      authorRole: 'participant',
      authorName: '',
      createdAt: 1_790_000_000_000 + i,
      owner: '',
      due: '',
    },
    meta: {},
  }
}

function wire(store: SessionStore, id: string, doc: Y.Doc): void {
  doc.on('update', (u: Uint8Array) => store.append(id, u))
}

async function loadDoc(store: SessionStore, id: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const updates = await store.load(id)
  doc.transact(() => {
    for (const u of updates) Y.applyUpdate(doc, u)
  })
  return doc
}

// ── child mode: one cold open, timed from before SessionStore.open to a usable YKeyValue ──────
async function coldOpenChild(dataDir: string, id: string): Promise<void> {
  const t0 = performance.now()
  const store = await SessionStore.open(dataDir)
  const t1 = performance.now()
  const doc = await loadDoc(store, id)
  const kv = new YKeyValue<unknown>(doc.getArray<{ key: string; val: unknown }>('tl_records'))
  const t2 = performance.now()
  const records = kv.map.size
  await store.close()
  process.stdout.write(JSON.stringify({ openMs: t1 - t0, loadMs: t2 - t1, totalMs: t2 - t0, records }) + '\n')
}

function runChild(
  dataDir: string,
  id: string,
): Promise<{ openMs: number; loadMs: number; totalMs: number; records: number }> {
  const self = fileURLToPath(import.meta.url)
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', 'tsx', self, '--cold-open', dataDir, id], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    c.stdout.on('data', (d: Buffer) => (out += d.toString()))
    c.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`child exited ${code}`)),
    )
  })
}

async function benchColdOpen(root: string) {
  const dataDir = path.join(root, 'cold')
  const store = await SessionStore.open(dataDir, { batchMs: 50 })
  const seed = new Y.Doc()
  const seedKv = new YKeyValue<unknown>(seed.getArray('tl_records'))
  seed.transact(() => {
    for (let i = 0; i < CARDS; i++) seedKv.set(`shape:card${i}`, card(i))
  })
  const { id } = await store.create({ title: '5,000 cards', initialUpdate: Y.encodeStateAsUpdate(seed) })
  const doc = await loadDoc(store, id)
  wire(store, id, doc)
  const kv = new YKeyValue<unknown>(doc.getArray('tl_records'))
  for (let e = 0; e < LATER_EDITS; e++) {
    const i = (e * 37) % CARDS
    kv.set(`shape:card${i}`, card(i, i * 3 + e))
    if (e % 100 === 99) await store.flush(id)
  }
  await store.flush(id)
  const usage = await store.diskUsage(id)
  await store.close()
  const runs = []
  for (let r = 0; r < COLD_RUNS; r++) runs.push(await runChild(dataDir, id))
  const totals = runs.map((r) => r.totalMs).sort((a, b) => a - b)
  return {
    cards: CARDS,
    laterEditsInLog: LATER_EDITS,
    snapshotBytes: usage.snapshotBytes,
    logBytes: usage.logBytes,
    runs: runs.map((r) => ({
      ...r,
      openMs: +r.openMs.toFixed(1),
      loadMs: +r.loadMs.toFixed(1),
      totalMs: +r.totalMs.toFixed(1),
    })),
    medianMs: +totals[Math.floor(totals.length / 2)]!.toFixed(1),
    targetMs: 300,
  }
}

async function benchCompaction(root: string) {
  const dataDir = path.join(root, 'size')
  const store = await SessionStore.open(dataDir, {
    batchMs: 100,
    compactBytes: Number.MAX_SAFE_INTEGER,
    compactOnCloseBytes: Number.MAX_SAFE_INTEGER,
  })
  const { id } = await store.create({ title: '100k edits' })
  const doc = await loadDoc(store, id)
  wire(store, id, doc)
  const kv = new YKeyValue<unknown>(doc.getArray('tl_records'))
  // 500 cards, then small edits: moves and text changes, one per transaction, as users make them
  doc.transact(() => {
    for (let i = 0; i < 500; i++) kv.set(`shape:card${i}`, card(i))
  })
  for (let e = 0; e < SMALL_EDITS; e++) {
    const i = (e * 7919) % 500
    kv.set(`shape:card${i}`, card(i, e % 2000, `Card ${i} edit ${e}`))
    if (e % 2000 === 1999) await store.flush(id)
  }
  await store.flush(id)
  const before = await store.diskUsage(id)
  const t0 = performance.now()
  await store.compact(id)
  const compactMs = performance.now() - t0
  const after = await store.diskUsage(id)
  const finalState = Y.encodeStateAsUpdate(doc).length
  await store.close()
  const beforeBytes = before.snapshotBytes + before.logBytes
  const afterBytes = after.snapshotBytes + after.logBytes
  return {
    edits: SMALL_EDITS,
    beforeBytes,
    afterBytes,
    encodeStateAsUpdateBytes: finalState,
    ratioAfter: +(afterBytes / finalState).toFixed(3),
    compactMs: +compactMs.toFixed(1),
    target: '≤ 1.5 × encodeStateAsUpdate',
  }
}

/** The event-loop stall of one compaction at the default 2 MiB threshold, on a 5,000-card board. */
async function benchCompactionStall(root: string) {
  const dataDir = path.join(root, 'stall')
  const store = await SessionStore.open(dataDir, {
    batchMs: 50,
    compactBytes: Number.MAX_SAFE_INTEGER,
    compactOnCloseBytes: Number.MAX_SAFE_INTEGER,
  })
  const seed = new Y.Doc()
  const seedKv = new YKeyValue<unknown>(seed.getArray('tl_records'))
  seed.transact(() => {
    for (let i = 0; i < CARDS; i++) seedKv.set(`shape:card${i}`, card(i))
  })
  const { id } = await store.create({ title: 'stall', initialUpdate: Y.encodeStateAsUpdate(seed) })
  const doc = await loadDoc(store, id)
  wire(store, id, doc)
  const kv = new YKeyValue<unknown>(doc.getArray('tl_records'))
  let e = 0
  const fill = async () => {
    while ((await store.diskUsage(id)).logBytes < 2 * 1024 * 1024) {
      for (let k = 0; k < 500; k++, e++) kv.set(`shape:card${(e * 31) % CARDS}`, card((e * 31) % CARDS, e))
      await store.flush(id)
    }
  }
  await fill()
  let t0 = performance.now()
  await store.compact(id)
  const rebuildMs = performance.now() - t0
  await fill()
  store.setLiveDocs((sid) => (sid === id ? doc : undefined))
  t0 = performance.now()
  await store.compact(id)
  const liveDocMs = performance.now() - t0
  await store.close()
  return {
    cards: CARDS,
    logBytes: 2 * 1024 * 1024,
    rebuildFromDiskMs: +rebuildMs.toFixed(1),
    fromLiveDocMs: +liveDocMs.toFixed(1),
  }
}

async function benchThroughput(root: string) {
  const dataDir = path.join(root, 'tput')
  const store = await SessionStore.open(dataDir, { batchMs: 100 })
  const { id } = await store.create({ title: 'throughput' })
  const doc = await loadDoc(store, id)
  let bytes = 0
  doc.on('update', (u: Uint8Array) => {
    bytes += u.length
    store.append(id, u)
  })
  const kv = new YKeyValue<unknown>(doc.getArray('tl_records'))
  const t0 = performance.now()
  for (let e = 0; e < THROUGHPUT_UPDATES; e++) {
    const i = e % 200
    kv.set(`shape:card${i}`, card(i, e, `typed ${e}`))
    if (e % 500 === 499) await new Promise((r) => setImmediate(r))
  }
  await store.flush(id)
  const s = (performance.now() - t0) / 1000
  const usage = await store.diskUsage(id)
  await store.close()
  return {
    updates: THROUGHPUT_UPDATES,
    seconds: +s.toFixed(3),
    updatesPerSecond: Math.round(THROUGHPUT_UPDATES / s),
    payloadMBPerSecond: +(bytes / 1e6 / s).toFixed(2),
    avgUpdateBytes: Math.round(bytes / THROUGHPUT_UPDATES),
    diskBytesAfter: usage.snapshotBytes + usage.logBytes,
    note: 'includes the Yjs/YKeyValue work that produces each update; appends batched ≤ 100 ms and fdatasync-ed',
  }
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--cold-open')
  if (i >= 0) return coldOpenChild(process.argv[i + 1]!, process.argv[i + 2]!)
  const root = await mkdtemp(path.join(os.tmpdir(), 'copro-bench-storage-'))
  try {
    const coldOpen = await benchColdOpen(root)
    const compaction = await benchCompaction(root)
    const throughput = await benchThroughput(root)
    const compactionStall = await benchCompactionStall(root)
    const result = {
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
      loadavg: os.loadavg().map((l) => +l.toFixed(2)),
      quick,
      coldOpen,
      compaction,
      throughput,
      compactionStall,
    }
    console.log(JSON.stringify(result, null, 2))
    console.log(
      [
        '',
        `cold open, ${CARDS} cards + ${LATER_EDITS} logged edits: median ${coldOpen.medianMs} ms (target ≤ 300) ${coldOpen.medianMs <= 300 ? 'OK' : 'OVER'}`,
        `${SMALL_EDITS} small edits: ${compaction.beforeBytes} B on disk before compaction, ${compaction.afterBytes} B after; encodeStateAsUpdate ${compaction.encodeStateAsUpdateBytes} B → ${compaction.ratioAfter} × (target ≤ 1.5) ${compaction.ratioAfter <= 1.5 ? 'OK' : 'OVER'}; compaction took ${compaction.compactMs} ms`,
        `append throughput: ${throughput.updatesPerSecond} updates/s, ${throughput.payloadMBPerSecond} MB/s (avg ${throughput.avgUpdateBytes} B/update)`,
        `one compaction of a 2 MiB log on a ${CARDS}-card board: ${compactionStall.rebuildFromDiskMs} ms rebuilding from disk, ${compactionStall.fromLiveDocMs} ms from the live doc (setLiveDocs)`,
      ].join('\n'),
    )
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

await main()
