import { spawn } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { readTrash } from '../../../src/core/common/session/trash'
import { readActivity } from '../../../src/core/common/session/activity'
import { docFrom, tempDir } from './helpers'

const here = path.dirname(fileURLToPath(import.meta.url))
const writerSource = path.join(here, 'fixtures', 'writer.ts')
const KILLS = 50

/**
 * The writer is bundled once with esbuild (tsx's own dependency) so each of the 50 children starts in
 * ~0.1 s instead of ~0.8 s under `node --import tsx`; without esbuild it falls back to tsx.
 */
async function writerCommand(outDir: string): Promise<string[]> {
  try {
    const esbuild = await import('esbuild')
    const outfile = path.join(outDir, 'writer.mjs')
    await esbuild.build({
      entryPoints: [writerSource],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'silent',
    })
    return [outfile]
  } catch {
    return ['--import', 'tsx', writerSource]
  }
}
let writerArgs: string[] = []

interface RunResult {
  synced: number
  stderr: string
}

/**
 * Starts the writer and SIGKILLs it `extraMs` after its `killAfterSyncs`-th fsync report (0: after `ready`),
 * so every kill lands at a random point of real work whatever the machine's load. Returns the last fsynced
 * seq it reported.
 */
function runAndKill(
  dataDir: string,
  sessionId: string,
  firstSeq: number,
  killAfterSyncs: number,
  extraMs: number,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...writerArgs, dataDir, sessionId, String(firstSeq), '65536'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let synced = firstSeq - 1
    let buf = ''
    let stderr = ''
    let timer: NodeJS.Timeout | null = null
    let reports = 0
    const arm = () => {
      if (!timer) timer = setTimeout(() => child.kill('SIGKILL'), extraMs)
    }
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (d: string) => (stderr += d))
    child.stdout.on('data', (d: string) => {
      buf += d
      let nl: number
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl)
        buf = buf.slice(nl + 1)
        if (line === 'ready' && killAfterSyncs === 0) arm()
        const m = /^synced (\d+)$/.exec(line)
        if (m) {
          synced = Math.max(synced, Number(m[1]))
          if (++reports >= killAfterSyncs) arm()
        }
      }
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer)
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own (code ${code}): ${stderr}`))
      else resolve({ synced, stderr })
    })
  })
}

describe('crash safety: SIGKILL at random moments', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let sessionId: string

  beforeAll(async () => {
    ;({ dir, cleanup } = await tempDir())
    writerArgs = await writerCommand(dir)
    const store = await SessionStore.open(dir)
    sessionId = (await store.create({ title: 'Crash test' })).id
    await store.close()
  })
  afterAll(() => cleanup())

  it(`keeps every fsynced edit across ${KILLS} kills`, { timeout: 240_000 }, async () => {
    let nextSeq = 0
    let totalSynced = 0
    let tailsDropped = 0
    let cardOps = 0
    const perRun: number[] = []
    for (let i = 0; i < KILLS; i++) {
      const killAfterSyncs = i % 10 === 0 ? 0 : 1 + Math.floor(Math.random() * 5)
      const extraMs = Math.floor(Math.random() * 25)
      const { synced, stderr } = await runAndKill(dir, sessionId, nextSeq, killAfterSyncs, extraMs)
      expect(stderr).not.toMatch(/Error/)

      // The next owner takes over the stale lock of the killed process and finds every reported edit.
      const store = await SessionStore.open(dir)
      tailsDropped += store.warnings.filter((w) => w.kind === 'log-tail-dropped').length
      const doc = docFrom(await store.load(sessionId))
      // Opening for append cut any torn tail; a second look must find the log clean.
      expect(store.warnings.filter((w) => w.kind !== 'log-tail-dropped')).toEqual([])
      const seqs = new Set(doc.getArray<number>('seqs').toArray())
      for (let s = 0; s <= synced; s++)
        if (!seqs.has(s)) throw new Error(`kill ${i}: fsynced edit ${s} is missing`)
      const kv = new YKeyValue<{ seq: number }>(doc.getArray('tl_records'))
      // deletes and restores: a card created by a fsynced edit is on the board or in the trash, never
      // both and never neither (a deletion and its trash entry are stored as one update)
      const trashed = new Set(readTrash(doc).map((e) => (e.kind === 'card' ? e.record.id : '')))
      for (let k = 0; k < 13 && 10 * k + 3 <= synced; k++) {
        const key = `shape:card-${k}`
        if (kv.has(key) === trashed.has(key))
          throw new Error(
            `kill ${i}: ${key} is ${kv.has(key) ? 'both on the board and in the trash' : 'lost'}`,
          )
      }
      cardOps += readActivity(doc).length
      for (let k = 0; k < 97; k++) {
        // the last fsynced write to this key (or a later one) must be what the key holds
        let last = -1
        for (let s = synced; s >= 0; s--)
          if (s % 97 === k) {
            last = s
            break
          }
        if (last >= 0) expect(kv.get(`shape:${k}`)?.seq ?? -1).toBeGreaterThanOrEqual(last)
      }
      perRun.push(synced - nextSeq + 1)
      nextSeq = Math.max(-1, ...seqs) + 1
      totalSynced = synced
      doc.destroy()
      await store.close()
    }
    expect(totalSynced).toBeGreaterThan(0)
    expect(cardOps).toBeGreaterThan(0) // the runs did delete and restore cards
    // kills were armed after fsync reports, so most runs must have made durable progress
    expect(perRun.filter((n) => n > 0).length).toBeGreaterThanOrEqual(KILLS - KILLS / 10)
    // the session folder holds nothing unexpected (no leftover temp files from compaction)
    const files = await readdir(path.join(dir, 'sessions', sessionId))
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([])
    console.info(
      `crash test: ${KILLS} kills, ${nextSeq} edits written, ${tailsDropped} torn tails dropped, ${cardOps} card steps logged; fsynced edits per run: ${perRun.join(' ')}`,
    )
  })
})
