import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { docFrom, tempDir } from './helpers'

const here = path.dirname(fileURLToPath(import.meta.url))
const fixture = path.join(here, 'fixtures', 'fillLog.ts')
let cleanup: (() => Promise<void>) | null = null
afterEach(async () => {
  await cleanup?.()
  cleanup = null
})

/** Runs the fixture under `ulimit -f <blocks>` (1 KiB blocks) with SIGXFSZ ignored, so writes fail with EFBIG. */
function runLimited(dataDir: string, id: string, blocks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const cmd = `trap '' XFSZ; ulimit -f ${blocks}; exec "$0" --import tsx "$1" "$2" "$3"`
    const c = spawn('bash', ['-c', cmd, process.execPath, fixture, dataDir, id], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    c.stdout.on('data', (d: Buffer) => (out += d.toString()))
    c.stderr.on('data', (d: Buffer) => (err += d.toString()))
    c.on('error', reject)
    c.on('exit', (code) =>
      code === 0 ? resolve(out.trim().split('\n')) : reject(new Error(`exit ${code}: ${err}`)),
    )
  })
}

describe.skipIf(process.platform === 'win32')('a real write failure (file size limit)', () => {
  it('reports "Not saved: reason", keeps everything fsynced before it, and leaves no garbage in the log', async () => {
    const t = await tempDir()
    cleanup = t.cleanup
    const store = await SessionStore.open(t.dir)
    const { id } = await store.create({ title: 'Full disk' })
    await store.close()

    const lines = await runLimited(t.dir, id, 48)
    const synced = lines.filter((l) => l.startsWith('synced ')).map((l) => Number(l.slice(7)))
    const errorLine = lines.find((l) => l.startsWith('state error'))
    expect(synced.length).toBeGreaterThan(5)
    expect(errorLine).toMatch(/state error .*(EFBIG|too large)/i)
    expect(lines.some((l) => l.startsWith('flush failed could not save the session'))).toBe(true)

    const again = await SessionStore.open(t.dir)
    try {
      const doc = docFrom(await again.load(id))
      const blocks = doc.getArray<string>('blocks').toArray()
      const last = synced.at(-1)!
      expect(blocks.length).toBeGreaterThanOrEqual(last + 1)
      for (let n = 0; n <= last; n++) expect(blocks[n]?.startsWith(`${n}:`)).toBe(true)
      // the failed batch was cut back off the file: no torn tail to drop
      expect(again.warnings.filter((w) => w.kind === 'log-tail-dropped')).toEqual([])
    } finally {
      await again.close()
    }
  })
})
