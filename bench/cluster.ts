/**
 * Hosting at scale: the laptop relay, a two-node cluster (Hocuspocus + Redis + PostgreSQL) and the
 * reference @y/websocket-server 0.1.1, each in its own process(es), under the same load of light
 * clients in this process. A light client speaks the y-websocket protocol with pre-encoded updates (one
 * card edit per second each) and does not apply what it receives: probes match each received update
 * by the card key it carries, so the measurement is the server, not hundreds of Yjs documents on 2 cores.
 *
 *   npm run bench -- cluster          (or: npx tsx bench/cluster.ts)
 *
 * Scenarios: one room × 300 participants (laptop relay; the same without its broadcast window, ADR
 * 0049; reference); 20 rooms × 30 participants over two cluster nodes, rooms kept on one node (affinity)
 * and rooms split over both nodes (same-node vs cross-node latency); the same 20 × 30 against the
 * laptop relay and the reference.
 * Environment: BENCH_SECONDS (20 measured per scenario), BENCH_WARMUP (3), BENCH_PROBES (20 per scenario),
 * BENCH_SCALE (1: divide the participants per room by this on a machine too small or busy for the full
 * load; the scenario names keep their nominal sizes, the JSON has the real client count),
 * BENCH_ONLY (comma-separated scenario names, run in that order; default: all, in the order above),
 * BENCH_PROF (a folder: the servers write V8 CPU profiles there). Needs redis-server and PostgreSQL for
 * the cluster scenarios (skipped, with the reason, otherwise). Prints one JSON line, then a summary with
 * the clients' own CPU: near 100 % of a core, the clients, not the server, limit the run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { PrivatePostgres, PrivateRedis, freePort, missingServers } from '../test/integration/cluster/servers'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3)
const PROBES = Number(process.env.BENCH_PROBES ?? 20)
const ONLY = process.env.BENCH_ONLY?.split(',') ?? null
/** Divides the participants per room (300 and 30) on a machine that cannot run the full load. */
const SCALE = Math.max(1, Number(process.env.BENCH_SCALE ?? 1))
const ADMIN = 'bench-admin-token-0123456789abcdefgh'
const tmp = mkdtempSync(join(os.tmpdir(), 'copro-bench-cluster-'))
/** BENCH_PROF=<dir>: the server processes write V8 CPU profiles there (`node --cpu-prof`) when they stop. */
const PROF = process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : []

interface ServerProc {
  pids: number[]
  urls: string[]
  stop(): Promise<void>
}

function waitLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  let out = ''
  let err = ''
  child.stderr?.on('data', (d) => (err += String(d)))
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += String(d)
      if (pattern.test(out)) resolve()
    })
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${err.slice(-2000)}`)))
  })
}

async function spawnRelay(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    [...PROF, '--import', 'tsx', 'src/cli/index.ts', 'relay', '--port', String(port), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COPRO_RELAY_TOKEN: ADMIN } },
  )
  await waitLine(child, /Health: /)
  return { child, port }
}

const stopAll = (children: ChildProcess[]) => async () => {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve()
          c.once('exit', () => resolve())
          c.kill('SIGTERM')
          setTimeout(() => c.kill('SIGKILL'), 10_000).unref()
        }),
    ),
  )
}

/** The laptop relay (a data folder, 400 connections per session); `windowMs`: its broadcast window (ADR 0049). */
const laptop = (windowMs?: number) => async (): Promise<ServerProc> => {
  const port = await freePort()
  const child = spawn(process.execPath, [...PROF, '--import', 'tsx', 'bench/lib/relayProcess.ts'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmp, 'laptop-')),
      COPRO_RELAY_TOKEN: ADMIN,
      MAX_CONNECTIONS: '400',
      ...(windowMs === undefined ? {} : { BROADCAST_WINDOW_MS: String(windowMs) }),
    },
  })
  await waitLine(child, /Health: /)
  return { pids: [child.pid!], urls: [`ws://127.0.0.1:${port}/sync`], stop: stopAll([child]) }
}

async function reference(): Promise<ServerProc> {
  const port = await freePort()
  const child = spawn(process.execPath, [...PROF, 'node_modules/@y/websocket-server/src/server.js'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
  })
  await waitLine(child, /running at/)
  return { pids: [child.pid!], urls: [`ws://127.0.0.1:${port}/sync`], stop: stopAll([child]) }
}

async function cluster(redis: PrivateRedis, databaseUrl: string): Promise<ServerProc> {
  const nodes = [
    await spawnRelay(['--redis', redis.url, '--database', databaseUrl]),
    await spawnRelay(['--redis', redis.url, '--database', databaseUrl]),
  ]
  return {
    pids: nodes.map((n) => n.child.pid!),
    urls: nodes.map((n) => `ws://127.0.0.1:${n.port}/sync`),
    stop: stopAll(nodes.map((n) => n.child)),
  }
}

/** utime + stime of a process, in ms. */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100
}

function redisStats(port: number): { commands: number; bytes: number } {
  const r = spawnSync('redis-cli', ['-p', String(port), 'INFO', 'stats'], { encoding: 'utf8' })
  const get = (k: string) => Number(new RegExp(`${k}:(\\d+)`).exec(r.stdout)?.[1] ?? 0)
  return {
    commands: get('total_commands_processed'),
    bytes: get('total_net_input_bytes') + get('total_net_output_bytes'),
  }
}

/** Pre-encoded sync-update frames: one card edit per second, each carrying its key `k<client>_<seq>`. */
function preEncode(client: number, count: number): Uint8Array[] {
  const doc = new Y.Doc()
  const frames: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, u)
    frames.push(encoding.toUint8Array(e))
  })
  const cards = doc.getMap('cards')
  for (let s = 0; s < count; s++)
    cards.set(`k${client}_${s}`, {
      id: `shape:k${client}_${s}`,
      type: 'card',
      x: (client * 37) % 2000,
      y: s * 11,
      props: { text: `Card ${s} from participant ${client}: a sentence of typical length.`, kind: 'idea' },
    })
  doc.destroy()
  return frames
}

const STEP1_EMPTY = (() => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint8Array(e, new Uint8Array([0]))
  return encoding.toUint8Array(e)
})()

interface Placement {
  rooms: number
  perRoom: number
  /** Which server url client `i` of room `r` connects to. */
  node(room: number, i: number): number
}

interface Result {
  name: string
  clients: number
  edits: number
  p50: number
  p95: number
  p99: number
  sameNodeP95: number | null
  crossNodeP95: number | null
  serverCpuMsPerEdit: number
  /** CPU of this (the clients') process while measuring, in % of one core: near 100 the clients limit the run. */
  clientCpuPct: number
  redisCommandsPerEdit: number | null
  redisBytesPerEdit: number | null
  loadavg: number[]
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function run(
  name: string,
  server: ServerProc,
  placement: Placement,
  redisPort: number | null,
): Promise<Result> {
  const total = placement.rooms * placement.perRoom
  const editsEach = SECONDS + WARMUP + 2
  const sentAt = new Map<string, { t: number; node: number }>()
  const same: number[] = []
  const cross: number[] = []
  let measuring = false
  const sockets: WebSocket[] = []
  const clients: { ws: WebSocket; frames: Uint8Array[]; next: number; phase: number; node: number }[] = []
  const probeEvery = Math.max(1, Math.floor(total / PROBES))
  const run = Date.now().toString(36)
  await Promise.all(
    Array.from({ length: total }, async (_, c) => {
      const room = Math.floor(c / placement.perRoom)
      const node = placement.node(room, c % placement.perRoom) % server.urls.length
      const url = `${server.urls[node]}/bench${run}r${room}?token=${ADMIN}`
      const ws = new WebSocket(url, { perMessageDeflate: false })
      sockets.push(ws)
      const probe = c % probeEvery === 0
      const seen = new Set<string>()
      await new Promise<void>((resolve, reject) => {
        ws.once('error', reject)
        ws.once('open', () => ws.send(STEP1_EMPTY))
        ws.once('message', () => resolve())
      })
      ws.on('error', () => {})
      if (probe)
        ws.on('message', (data: Buffer) => {
          if (!measuring || data[0] !== 0) return
          const now = performance.now()
          for (const m of data.toString('latin1').matchAll(/k(\d+)_(\d+)/g)) {
            const key = m[0]
            if (seen.has(key)) continue
            seen.add(key)
            const s = sentAt.get(key)
            if (!s || Number(m[1]) === c) continue
            ;(s.node === node ? same : cross).push(now - s.t)
          }
        })
      clients[c] = { ws, frames: preEncode(c, editsEach), next: 0, phase: Math.random() * 1000, node }
    }),
  )
  const started = performance.now()
  let cpu0 = 0
  let client0 = { cpu: process.cpuUsage(), at: 0 }
  let redis0 = { commands: 0, bytes: 0 }
  let edits = 0
  const order = clients.map((_, i) => i).sort((a, b) => clients[a]!.phase - clients[b]!.phase)
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const t = performance.now() - started
      if (!measuring && t >= WARMUP * 1000) {
        measuring = true
        cpu0 = server.pids.reduce((s, p) => s + cpuMs(p), 0)
        client0 = { cpu: process.cpuUsage(), at: performance.now() }
        if (redisPort) redis0 = redisStats(redisPort)
      }
      if (t >= (WARMUP + SECONDS) * 1000) {
        clearInterval(tick)
        return resolve()
      }
      for (const i of order) {
        const cl = clients[i]!
        if (cl.next >= cl.frames.length || cl.phase + cl.next * 1000 > t) continue
        const seq = cl.next++
        sentAt.set(`k${i}_${seq}`, { t: performance.now(), node: cl.node })
        cl.ws.send(cl.frames[seq]!)
        if (measuring) edits++
      }
    }, 5)
  })
  const cpu = server.pids.reduce((s, p) => s + cpuMs(p), 0) - cpu0
  const { user, system } = process.cpuUsage(client0.cpu)
  const clientCpuPct = (user + system) / 10 / (performance.now() - client0.at)
  const redis1 = redisPort ? redisStats(redisPort) : null
  measuring = false
  await new Promise((r) => setTimeout(r, 300))
  for (const ws of sockets) ws.terminate()
  const all = [...same, ...cross].sort((a, b) => a - b)
  same.sort((a, b) => a - b)
  cross.sort((a, b) => a - b)
  const r2 = (x: number) => Math.round(x * 100) / 100
  return {
    name,
    clients: total,
    edits,
    p50: r2(pct(all, 50)),
    p95: r2(pct(all, 95)),
    p99: r2(pct(all, 99)),
    sameNodeP95: server.urls.length > 1 ? r2(pct(same, 95)) : null,
    crossNodeP95: server.urls.length > 1 && cross.length ? r2(pct(cross, 95)) : null,
    serverCpuMsPerEdit: r2(cpu / Math.max(1, edits)),
    clientCpuPct: Math.round(clientCpuPct),
    redisCommandsPerEdit: redis1 ? r2((redis1.commands - redis0.commands) / Math.max(1, edits)) : null,
    redisBytesPerEdit: redis1 ? Math.round((redis1.bytes - redis0.bytes) / Math.max(1, edits)) : null,
    loadavg: os.loadavg().map(r2),
  }
}

const one300: Placement = { rooms: 1, perRoom: Math.round(300 / SCALE), node: () => 0 }
const rooms20x30 = (split: boolean): Placement => ({
  rooms: 20,
  perRoom: Math.max(2, Math.round(30 / SCALE)),
  node: (room, i) => (split ? i % 2 : room % 2),
})

async function main(): Promise<void> {
  const results: Result[] = []
  const missing = missingServers()
  if (missing) console.log(`cluster scenarios skipped: ${missing}`)
  let shared: { redis: PrivateRedis; postgres: PrivatePostgres } | null = null
  const servers = async () => {
    if (!shared) {
      const [redis, postgres] = await Promise.all([PrivateRedis.start(), PrivatePostgres.start()])
      shared = { redis, postgres }
    }
    return shared
  }
  const clusterRun = (name: string, split: boolean) => async () => {
    const { redis, postgres } = await servers()
    const s = await cluster(redis, await postgres.createDatabase(name.replace(/-/g, '_')))
    try {
      return await run(name, s, rooms20x30(split), redis.port)
    } finally {
      await s.stop()
    }
  }
  const singleRun = (name: string, start: () => Promise<ServerProc>, p: Placement) => async () => {
    const s = await start()
    try {
      return await run(name, s, p, null)
    } finally {
      await s.stop()
    }
  }
  const scenarios: Record<string, () => Promise<Result>> = {
    'laptop-1x300': singleRun('laptop-1x300', laptop(), one300),
    'laptop-nowindow-1x300': singleRun('laptop-nowindow-1x300', laptop(0), one300),
    'reference-1x300': singleRun('reference-1x300', reference, one300),
    'laptop-20x30': singleRun('laptop-20x30', laptop(), rooms20x30(false)),
    'reference-20x30': singleRun('reference-20x30', reference, rooms20x30(false)),
    ...(missing
      ? {}
      : {
          'cluster-affinity-20x30': clusterRun('cluster-affinity-20x30', false),
          'cluster-split-20x30': clusterRun('cluster-split-20x30', true),
        }),
  }
  // The client process's JIT warms up on an unmeasured run first, so the first scenario is not penalised.
  if (!process.env.BENCH_NO_PREWARM) await singleRun('prewarm', reference, rooms20x30(false))()
  for (const name of ONLY ?? Object.keys(scenarios)) {
    const scenario = scenarios[name]
    if (!scenario) {
      console.log(`unknown or skipped scenario ${name}`)
      continue
    }
    results.push(await scenario())
  }
  if (shared) {
    const { redis, postgres } = shared as { redis: PrivateRedis; postgres: PrivatePostgres }
    await redis.dispose()
    await postgres.dispose()
  }
  rmSync(tmp, { recursive: true, force: true })
  console.log(
    JSON.stringify({
      bench: 'cluster',
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      seconds: SECONDS,
      scale: SCALE,
      results,
    }),
  )
  for (const r of results)
    console.log(
      `${r.name.padEnd(24)} ${String(r.clients).padStart(3)} clients ${String(r.edits).padStart(5)} edits  p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms` +
        (r.sameNodeP95 !== null ? `  same-node p95 ${r.sameNodeP95} cross-node p95 ${r.crossNodeP95}` : '') +
        `  server CPU ${r.serverCpuMsPerEdit} ms/edit  clients ${r.clientCpuPct}% CPU` +
        (r.redisCommandsPerEdit !== null
          ? `  Redis ${r.redisCommandsPerEdit} cmds, ${r.redisBytesPerEdit} B per edit`
          : '') +
        `  load ${r.loadavg.join(' ')}`,
    )
}

main().catch((err: unknown) => {
  console.error(err)
  rmSync(tmp, { recursive: true, force: true })
  process.exit(1)
})
