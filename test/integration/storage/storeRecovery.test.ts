import { appendFile, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { StorageError } from '../../../src/core/node/storage/errors'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { docFrom, storePerTest } from './helpers'

// A store that meets damage: torn or corrupt logs, a lost or corrupt index, bad settings, and the lock.
const f = storePerTest()

describe('damage and recovery', () => {
  it('drops a torn tail, reports it, and keeps every record before it', async () => {
    const { id } = await f.s().create({ title: 'Torn' })
    const doc = await f.liveDoc(id)
    for (let i = 0; i < 10; i++) doc.getArray<number>('xs').push([i])
    await f.s().flush(id)
    await f.s().close(id)
    await f.store?.close()
    f.store = null
    const log = path.join(f.dir, 'sessions', id, 'updates.log')
    // a record whose header promises more bytes than were written (a crash mid-append)
    await appendFile(log, Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 9, 9, 9]))
    const sizeTorn = (await stat(log)).size
    await f.reopen()
    const back = docFrom(await f.s().load(id))
    expect(back.getArray('xs').toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    const w = f.s().warnings.find((x) => x.kind === 'log-tail-dropped')
    expect(w?.message).toMatch(/11 bytes/)
    expect((await stat(log)).size).toBe(sizeTorn - 11)
    // new edits land after the good records and survive
    const live = await f.liveDoc(id)
    live.getArray<number>('xs').push([10])
    await f.s().flush(id)
    await f.reopen()
    expect(docFrom(await f.s().load(id)).getArray('xs').length).toBe(11)
  })

  it('drops a record with a bad checksum and everything after it, keeping a copy of the damaged log', async () => {
    const { id } = await f.s().create({ title: 'Bitrot' })
    const doc = await f.liveDoc(id)
    doc.getArray<number>('xs').push([1])
    await f.s().flush(id)
    doc.getArray<number>('xs').push([2])
    await f.s().flush(id)
    await f.store?.close()
    f.store = null
    const log = path.join(f.dir, 'sessions', id, 'updates.log')
    const bytes = await readFile(log)
    bytes[bytes.length - 3]! ^= 0xff // inside the last record's payload
    await writeFile(log, bytes)
    await f.reopen()
    expect(
      docFrom(await f.s().load(id))
        .getArray('xs')
        .toArray(),
    ).toEqual([1])
    expect(f.s().warnings.some((w) => w.kind === 'log-tail-dropped' && /checksum/.test(w.message))).toBe(true)
    expect(
      (await readdir(path.join(f.dir, 'sessions', id))).some((f) => f.startsWith('updates.log.damaged-')),
    ).toBe(true)
  })

  it('moves a corrupt index aside and rebuilds it from the session folders', async () => {
    const a = await f.s().create({ title: 'Alpha' })
    const b = await f.s().create({ title: 'Beta' })
    await f.s().updateStats(a.id, { cardCount: 5 })
    await f.s().delete(b.id)
    await f.store?.close()
    f.store = null
    await writeFile(path.join(f.dir, 'index.json'), '{"version":1,"sessions":[{"id":')
    await f.reopen()
    expect(f.s().warnings.map((w) => w.kind)).toContain('index-rebuilt')
    expect(f.s().warnings[0]?.message).toMatch(/index.json.corrupt-/)
    expect(f.s().get(a.id)).toMatchObject({ title: 'Alpha', cardCount: 5, deletedAt: null })
    expect(f.s().get(b.id)?.deletedAt).not.toBeNull()
    const files = await readdir(f.dir)
    expect(files.filter((f) => f.startsWith('index.json.corrupt-'))).toHaveLength(1)
    // the rebuilt index was written: the next open is clean
    await f.reopen()
    expect(f.s().warnings).toEqual([])
    expect(f.s().list({ includeDeleted: true })).toHaveLength(2)
  })

  it('rebuilds a missing index and adds back sessions the index lost', async () => {
    const a = await f.s().create({ title: 'Alpha' })
    await f.store?.close()
    f.store = null
    const { rm } = await import('node:fs/promises')
    await rm(path.join(f.dir, 'index.json'))
    await f.reopen()
    expect(f.s().get(a.id)?.title).toBe('Alpha')
    expect(f.s().warnings.some((w) => /missing/.test(w.message))).toBe(true)
  })

  it('opens a session whose snapshot is damaged, saying so, instead of refusing it', async () => {
    const { id } = await f.s().create({ title: 'Snap' })
    await f.store?.close()
    f.store = null
    await truncate(path.join(f.dir, 'sessions', id, 'snapshot.bin'), 10)
    await f.reopen()
    await expect(f.s().load(id)).resolves.toHaveLength(1)
    expect(f.s().warnings.find((w) => w.kind === 'session-recovered')?.message).toMatch(
      /snapshot.*bad header.*no good checkpoint/,
    )
  })
})

describe('settings damage', () => {
  it('falls back per field, keeping the good values and unknown keys', async () => {
    await f.s().updateSettings({ licenseKey: 'tl-key-123', theme: 'dark' })
    await f.store?.close()
    f.store = null
    const file = path.join(f.dir, 'index.json')
    const index = JSON.parse(await readFile(file, 'utf8'))
    index.settings.theme = 'neon'
    index.settings.recent = 'not a list'
    index.settings.laterFeature = true
    await writeFile(file, JSON.stringify(index))
    await f.reopen()
    expect(f.s().getSettings()).toEqual({
      licenseKey: 'tl-key-123',
      theme: 'system',
      recent: [],
      relays: [],
      laterFeature: true,
    })
  })
})

describe('the data-folder lock', () => {
  it('lets only one store own a folder, with a clear message, and frees it on close', async () => {
    const err = await SessionStore.open(f.dir).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StorageError)
    expect((err as StorageError).code).toBe('locked')
    expect((err as Error).message).toMatch(
      /This data folder is in use by Copro Studio \(pid \d+\) since \d{4}-/,
    )
    await f.store?.close()
    f.store = null
    f.store = await SessionStore.open(f.dir)
  })

  it('respects a lock held by another live process', async () => {
    await f.store?.close()
    f.store = null
    const { spawn } = await import('node:child_process')
    const os = await import('node:os')
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' })
    try {
      const startedAt = '2026-11-22T08:00:00.000Z'
      await writeFile(
        path.join(f.dir, 'copro.lock'),
        JSON.stringify({ pid: other.pid, hostname: os.hostname(), startedAt }),
      )
      await expect(SessionStore.open(f.dir)).rejects.toThrow(
        `in use by Copro Studio (pid ${other.pid}) since ${startedAt}`,
      )
    } finally {
      other.kill('SIGKILL')
    }
    await new Promise((r) => other.once('exit', r))
    f.store = await SessionStore.open(f.dir)
  })

  it('lets exactly one of several simultaneous openers take over a stale lock', async () => {
    await f.store?.close()
    f.store = null
    const os = await import('node:os')
    for (let round = 0; round < 5; round++) {
      await writeFile(
        path.join(f.dir, 'copro.lock'),
        JSON.stringify({
          pid: 2 ** 22 + 999,
          hostname: os.hostname(),
          startedAt: '2020-01-01T00:00:00.000Z',
        }),
      )
      const results = await Promise.allSettled([
        SessionStore.open(f.dir),
        SessionStore.open(f.dir),
        SessionStore.open(f.dir),
      ])
      const won = results.filter((r) => r.status === 'fulfilled')
      expect(won).toHaveLength(1)
      for (const r of results)
        if (r.status === 'rejected') expect(String(r.reason)).toMatch(/in use by Copro Studio/)
      await (won[0] as PromiseFulfilledResult<SessionStore>).value.close()
    }
  })

  it('takes over a stale lock whose process is gone', async () => {
    await f.store?.close()
    f.store = null
    const os = await import('node:os')
    await writeFile(
      path.join(f.dir, 'copro.lock'),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        hostname: os.hostname(),
        startedAt: '2020-01-01T00:00:00.000Z',
      }),
    )
    f.store = await SessionStore.open(f.dir)
    expect(JSON.parse(await readFile(path.join(f.dir, 'copro.lock'), 'utf8')).pid).toBe(process.pid)
  })
})
