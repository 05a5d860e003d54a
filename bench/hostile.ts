/**
 * Hostile traffic against the relay at its default limits (issue 21; docs/security.md, "Limits and
 * hostile traffic"; docs/adr/0022-relay-cost-bounds.md): for each attack, the worst event-loop stall
 * while the relay handles it (perf_hooks.monitorEventLoopDelay, 1 ms resolution), the memory the
 * process holds afterwards (heapUsed + arrayBuffers, after a GC when run with --expose-gc), the close
 * code the attacker got, and whether an honest client on the same session still round-trips an edit.
 *
 *   npx tsx bench/hostile.ts            (npm run bench -- hostile)
 *
 * Prints one JSON line of results, then a table for docs/benchmarks.md.
 */
import os from 'node:os'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { WebSocket } from 'ws'
import { DEFAULT_LIMITS, MemoryPersistence, Relay, type RelayAuthResult } from '../src/core/node/relay'
import { startStandaloneRelay, type StandaloneRelay } from '../test/helpers/standaloneRelay'
import {
  awarenessFlood,
  hugeText,
  manyTinyItems,
  updateWithMissingDependency,
} from '../test/integration/hostile/attacks'
import { awarenessFrame, updateFrame } from '../test/integration/relay/frames'

const ROOM = 'bench-hostile'
const authorize = (_s: string, token: string | null): RelayAuthResult | null =>
  token === 'fac'
    ? { sessionRole: 'facilitator', tokenId: 'fac' }
    : token === 'obs'
      ? { sessionRole: 'observer', tokenId: 'obs' }
      : null

/**
 * The longest the relay spent on one incoming frame (parse, checks, apply, broadcast), timed around its
 * private `process`: the stall the attack causes, without the attacker's own work (which shares this
 * process and so shows in the event-loop figure too).
 */
let worstFrameMs = 0
{
  const proto = Relay.prototype as unknown as { process: (...args: unknown[]) => void }
  const original = proto.process
  proto.process = function (this: unknown, ...args: unknown[]) {
    const t = performance.now()
    try {
      original.apply(this, args)
    } finally {
      worstFrameMs = Math.max(worstFrameMs, performance.now() - t)
    }
  }
}

interface Row {
  attack: string
  /** Longest time the relay spent on one frame. */
  worstFrameMs: number
  /** Worst event-loop delay of the whole process (relay and attacker) during the attack. */
  maxStallMs: number
  heldMiB: number
  closeCode: number | string
  honestOk: boolean
  ms: number
}

function mem(): number {
  ;(globalThis as { gc?: () => void }).gc?.()
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

function open(url: string, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url}/${ROOM}?token=${token}`)
  ws.on('error', () => {})
  return new Promise((resolve, reject) => {
    ws.once('message', () => resolve(ws)) // joined: the relay's sync step 1
    ws.once('close', (c) => reject(new Error(`closed ${c}`)))
  })
}

/** Run only the attacks whose name contains this (e.g. BENCH_ONLY="slow reader"). */
const ONLY = process.env.BENCH_ONLY ?? ''

/** Time from the writer's first frame until the relay closed the paused reader (null: not within the wait). */
let slowReaderClosedAfterMs: number | null = null
/** 250 kB frames the writer had sent when the relay closed the paused reader. */
let slowReaderFramesSent = 0

/** Polls `test` every 20 ms until it holds (true) or `ms` pass (false). */
async function until(test: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms
  while (performance.now() < end) {
    if (test()) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return test()
}

function closed(ws: WebSocket, ms: number): Promise<number | string> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve('open'), ms)
    ws.once('close', (code) => {
      clearTimeout(t)
      resolve(code)
    })
  })
}

/** A raw honest pair: one writes a card, the other must receive it. */
async function honestRoundTrip(url: string, tag: string): Promise<boolean> {
  const w = new Y.Doc()
  w.getMap('cards').set(tag, 1)
  const reader = await open(url, 'fac')
  const got = new Promise<boolean>((resolve) => {
    const t = setTimeout(() => resolve(false), 10_000)
    reader.on('message', (d: Buffer) => {
      if (d.includes(Buffer.from(tag))) {
        clearTimeout(t)
        resolve(true)
      }
    })
  })
  const writer = await open(url, 'fac')
  writer.send(updateFrame(Y.encodeStateAsUpdate(w)))
  const ok = await got
  reader.close()
  writer.close()
  return ok
}

function concurrentInserts(n: number): Uint8Array {
  const ups: Uint8Array[] = []
  for (let i = 0; i < n; i++) {
    const d = new Y.Doc()
    d.clientID = i + 1
    d.getArray('tl_records').insert(0, [i])
    ups.push(Y.encodeStateAsUpdate(d))
    d.destroy()
  }
  return Y.mergeUpdates(ups)
}

/** `prepare` builds the attack's frames before measuring starts, and returns what sends them. */
async function measure(
  attack: string,
  prepare: () => (url: string, relay: Relay) => Promise<number | string>,
): Promise<Row | null> {
  if (ONLY && !attack.includes(ONLY)) return null
  const run = prepare()
  const persistence = new MemoryPersistence()
  persistence.create(ROOM)
  const relay: StandaloneRelay = await startStandaloneRelay({ port: 0, persistence, authorize })
  const keep = await open(relay.url, 'fac') // keeps the room loaded
  const before = mem()
  const h = monitorEventLoopDelay({ resolution: 1 })
  h.enable()
  worstFrameMs = 0
  const t0 = performance.now()
  const closeCode = await run(relay.url, relay.relay)
  const ms = performance.now() - t0
  h.disable()
  const honestOk = await honestRoundTrip(relay.url, `honest-${attack}`)
  const heldMiB = (mem() - before) / 2 ** 20
  keep.close()
  await relay.close()
  return { attack, worstFrameMs, maxStallMs: h.max / 1e6, heldMiB, closeCode, honestOk, ms }
}

async function sendAndWait(url: string, token: string, frames: Uint8Array[]): Promise<number | string> {
  const ws = await open(url, token)
  for (const f of frames) ws.send(f)
  const code = await closed(ws, 10_000)
  if (code === 'open') ws.close()
  return code
}

async function main(): Promise<void> {
  const L = DEFAULT_LIMITS
  const rows: (Row | null)[] = []
  rows.push(
    await measure('awareness: 8 MiB frame of ~170k entries (observer)', () => {
      const frame = awarenessFlood(1, 170_000, { u: 'x'.repeat(30) })
      return (url) => sendAndWait(url, 'obs', [frame])
    }),
  )
  rows.push(
    await measure(
      `awareness: ${L.maxAwarenessIdsPerConnection} states of 16 kB, 50 connections`,
      () => async (url) => {
        const sockets = await Promise.all(Array.from({ length: 50 }, () => open(url, 'obs')))
        const frames = sockets.map((_, i) =>
          Array.from({ length: L.maxAwarenessIdsPerConnection }, (_, k) =>
            awarenessFrame(1000 + i * 10 + k, 1, { u: 'x'.repeat(16 * 1024 - 20) }),
          ),
        )
        sockets.forEach((s, i) => {
          for (const f of frames[i]!) s.send(f)
        })
        await new Promise((r) => setTimeout(r, 1500))
        for (const s of sockets) s.close()
        return 'open'
      },
    ),
  )
  rows.push(
    await measure(`update: ${L.maxStructsPerUpdate} concurrent inserts at one position (at the cap)`, () => {
      const frame = updateFrame(concurrentInserts(L.maxStructsPerUpdate))
      return (url) => sendAndWait(url, 'fac', [frame])
    }),
  )
  rows.push(
    await measure('update: 300,000 tiny items (over the cap)', () => {
      const frame = updateFrame(manyTinyItems(300_000))
      return (url) => sendAndWait(url, 'fac', [frame])
    }),
  )
  rows.push(
    await measure('update: 40 × 200 kB with missing dependencies', () => {
      const frames = Array.from({ length: 40 }, (_, i) =>
        updateFrame(updateWithMissingDependency(`p${i}`, 200 * 1024)),
      )
      return (url) => sendAndWait(url, 'fac', frames)
    }),
  )
  rows.push(
    await measure('update: 30 × 8 MiB text (over the item cap)', () => {
      const frames = Array.from({ length: 30 }, (_, i) =>
        updateFrame(hugeText(`t${i}`, 8 * 1024 * 1024 - 64)),
      )
      return (url) => sendAndWait(url, 'fac', frames)
    }),
  )
  rows.push(
    await measure('update: 260 × 255 kB text until the 64 MiB quota', () => {
      const frames = Array.from({ length: 260 }, (_, i) => updateFrame(hugeText(`q${i}`, 255 * 1024)))
      return (url) => sendAndWait(url, 'fac', frames)
    }),
  )
  rows.push(
    await measure(
      'slow reader: 250 kB broadcasts to a paused socket until it is closed',
      () => async (url, relay) => {
        const slow = await open(url, 'obs')
        // A paused socket never reads, so it never sees its own close frame either: watch the relay's count.
        slow.pause()
        const writer = await open(url, 'fac')
        const shut = () => (relay.stats().closedByCode[4008] ?? 0) >= 1
        const t0 = performance.now()
        // paced as a busy board would be (the relay sees each frame before the next), at most 600 × 250 kB
        let i = 0
        for (; i < 600 && !shut(); i++) {
          writer.send(updateFrame(hugeText(`s${i}`, 250 * 1024)))
          await new Promise((r) => setTimeout(r, 1))
        }
        const closedInTime = await until(shut, 60_000)
        slowReaderClosedAfterMs = closedInTime ? performance.now() - t0 : null
        slowReaderFramesSent = i
        writer.close()
        slow.terminate()
        return closedInTime ? 4008 : 'open'
      },
    ),
  )
  rows.push(
    await measure('connections: 200 from one observer link', () => async (url) => {
      const results = await Promise.allSettled(Array.from({ length: 200 }, () => open(url, 'obs')))
      const admitted = results.filter((r) => r.status === 'fulfilled')
      for (const r of admitted) (r as PromiseFulfilledResult<WebSocket>).value.close()
      return `${admitted.length} admitted`
    }),
  )
  const env = {
    node: process.version,
    cpus: os.cpus().length,
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    date: new Date().toISOString().slice(0, 10),
  }
  const ran = rows.filter((r): r is Row => r !== null)
  console.log(
    JSON.stringify({ bench: 'hostile', env, rows: ran, slowReaderClosedAfterMs, slowReaderFramesSent }),
  )
  console.log(
    slowReaderClosedAfterMs === null
      ? 'slow reader: not closed within 120 s'
      : `slow reader: closed with 4008 ${slowReaderClosedAfterMs.toFixed(0)} ms after the writer's first frame, after ${slowReaderFramesSent} frames (${((slowReaderFramesSent * 250) / 1024).toFixed(1)} MiB offered to it)`,
  )
  console.log(
    `\n| attack | relay's longest frame (ms) | event-loop stall, attacker included (ms) | memory held after (MiB) | attacker closed with | honest client served |`,
  )
  console.log(`| --- | --- | --- | --- | --- | --- |`)
  for (const r of ran) {
    console.log(
      `| ${r.attack} | ${r.worstFrameMs.toFixed(0)} | ${r.maxStallMs.toFixed(0)} | ${r.heldMiB.toFixed(1)} | ${r.closeCode} | ${r.honestOk ? 'yes' : 'NO'} |`,
    )
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
