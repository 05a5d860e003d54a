import { appendFile, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { SaveState } from '../../../src/core/node/relay/persistence'
import { StorageError } from '../../../src/core/node/storage/errors'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { docFrom, tempDir } from './helpers'

let dir: string
let cleanup: () => Promise<void>
let store: SessionStore | null

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  store = await SessionStore.open(dir, { batchMs: 10 })
})
afterEach(async () => {
  await store?.close()
  await cleanup()
})

function s(): SessionStore {
  if (!store) throw new Error('no store')
  return store
}

async function reopen(): Promise<SessionStore> {
  await store?.close()
  store = await SessionStore.open(dir, { batchMs: 10 })
  return store
}

/** A live doc wired to the store like the relay's room: every update is appended. */
async function liveDoc(id: string): Promise<Y.Doc> {
  const doc = docFrom(await s().load(id))
  doc.on('update', (u: Uint8Array) => s().append(id, u))
  return doc
}

describe('sessions', () => {
  it('creates sessions with random URL-safe ids and lists, gets, searches and renames them', async () => {
    const a = await s().create({ title: 'Hospital discharge journey', templateId: 'journey-map' })
    const b = await s().create({ title: 'Library co-design' })
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{16,}$/)
    expect(a.id).not.toBe(b.id)
    expect(a.templateId).toBe('journey-map')
    expect(
      s()
        .list()
        .map((x) => x.id)
        .sort(),
    ).toEqual([a.id, b.id].sort())
    expect(s().get(a.id)?.title).toBe('Hospital discharge journey')
    expect(
      s()
        .search('LIBRARY')
        .map((x) => x.id),
    ).toEqual([b.id])
    await s().rename(b.id, 'Library services')
    await reopen()
    expect(s().get(b.id)?.title).toBe('Library services')
    await expect(s().create({ title: '   ' })).rejects.toThrow(StorageError)
    await expect(s().create({ title: 'x', templateId: '../../etc' })).rejects.toThrow(/template id/)
    expect(s().get('../../etc')).toBeNull()
  })

  it('keeps board edits across a reopen and reports save states', async () => {
    const { id } = await s().create({ title: 'Board' })
    const states: SaveState['state'][] = []
    s().onSaveState((sid, st) => sid === id && states.push(st.state))
    const doc = await liveDoc(id)
    doc.getMap('meta').set('title', 'Board')
    doc.getArray<number>('xs').push([1, 2, 3])
    await s().flush(id)
    expect(states).toContain('saving')
    expect(states.at(-1)).toBe('saved')
    await s().close(id)
    await reopen()
    const back = docFrom(await s().load(id))
    expect(back.getArray('xs').toArray()).toEqual([1, 2, 3])
    expect(back.getMap('meta').get('title')).toBe('Board')
  })

  it('reports an error save state for an append it cannot take', async () => {
    const states: [string, SaveState][] = []
    s().onSaveState((sid, st) => states.push([sid, st]))
    s().append('nosuchsession', new Uint8Array([0, 0]))
    expect(states).toEqual([
      ['nosuchsession', { state: 'error', reason: 'this session is not open for saving' }],
    ])
  })

  it('creates from an initial update and refuses one that is not Yjs', async () => {
    const t = new Y.Doc()
    t.getMap('workshop').set('structure', { stages: ['before', 'during', 'after'] })
    const created = await s().create({ title: 'From template', initialUpdate: Y.encodeStateAsUpdate(t) })
    expect(
      docFrom(await s().load(created.id))
        .getMap('workshop')
        .toJSON(),
    ).toEqual({
      structure: { stages: ['before', 'during', 'after'] },
    })
    const before = await readdir(path.join(dir, 'sessions'))
    await expect(
      s().create({ title: 'bad', initialUpdate: new Uint8Array([1, 2, 3, 4, 5]) }),
    ).rejects.toThrow(/not valid Yjs|incomplete/)
    expect(await readdir(path.join(dir, 'sessions'))).toEqual(before)
  })

  it('duplicates with a new id and a copy of the board', async () => {
    const { id } = await s().create({ title: 'Original' })
    const doc = await liveDoc(id)
    doc.getMap('meta').set('k', 'v')
    const copy = await s().duplicate(id)
    expect(copy.id).not.toBe(id)
    expect(copy.title).toBe('Original (copy)')
    expect(
      docFrom(await s().load(copy.id))
        .getMap('meta')
        .get('k'),
    ).toBe('v')
  })

  it('deletes to the trash, restores, and purges', async () => {
    const { id } = await s().create({ title: 'Trash me' })
    await s().delete(id)
    expect(
      s()
        .list()
        .map((x) => x.id),
    ).not.toContain(id)
    expect(
      s()
        .list({ includeDeleted: true })
        .find((x) => x.id === id)?.deletedAt,
    ).not.toBeNull()
    expect(await s().exists(id)).toBe(false)
    expect(await readdir(path.join(dir, 'trash'))).toEqual([id])
    await reopen()
    expect(s().get(id)?.deletedAt).not.toBeNull()
    await s().restore(id)
    expect(await s().exists(id)).toBe(true)
    expect(s().get(id)?.deletedAt).toBeNull()
    await s().purge(id)
    expect(s().get(id)).toBeNull()
    expect(await readdir(path.join(dir, 'sessions'))).toEqual([])
    expect(await readdir(path.join(dir, 'trash'))).toEqual([])
  })

  it('updates stats and settings (zod-validated, extensible)', async () => {
    const { id } = await s().create({ title: 'Stats' })
    await s().updateStats(id, { participantCount: 7, cardCount: 42 })
    expect(s().getSettings()).toMatchObject({ theme: 'system', licenseKey: '', recent: [] })
    await s().updateSettings({ theme: 'high-contrast', futureOption: { a: 1 } })
    await s().markRecent(id)
    await expect(s().updateSettings({ theme: 'neon' })).rejects.toThrow(/Invalid settings/)
    await reopen()
    expect(s().get(id)).toMatchObject({ participantCount: 7, cardCount: 42 })
    expect(s().getSettings()).toMatchObject({ theme: 'high-contrast', recent: [id], futureOption: { a: 1 } })
  })
})

describe('damage and recovery', () => {
  it('drops a torn tail, reports it, and keeps every record before it', async () => {
    const { id } = await s().create({ title: 'Torn' })
    const doc = await liveDoc(id)
    for (let i = 0; i < 10; i++) doc.getArray<number>('xs').push([i])
    await s().flush(id)
    await s().close(id)
    await store?.close()
    store = null
    const log = path.join(dir, 'sessions', id, 'updates.log')
    // a record whose header promises more bytes than were written (a crash mid-append)
    await appendFile(log, Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 9, 9, 9]))
    const sizeTorn = (await stat(log)).size
    await reopen()
    const back = docFrom(await s().load(id))
    expect(back.getArray('xs').toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    const w = s().warnings.find((x) => x.kind === 'log-tail-dropped')
    expect(w?.message).toMatch(/11 bytes/)
    expect((await stat(log)).size).toBe(sizeTorn - 11)
    // new edits land after the good records and survive
    const live = await liveDoc(id)
    live.getArray<number>('xs').push([10])
    await s().flush(id)
    await reopen()
    expect(docFrom(await s().load(id)).getArray('xs').length).toBe(11)
  })

  it('drops a record with a bad checksum and everything after it, keeping a copy of the damaged log', async () => {
    const { id } = await s().create({ title: 'Bitrot' })
    const doc = await liveDoc(id)
    doc.getArray<number>('xs').push([1])
    await s().flush(id)
    doc.getArray<number>('xs').push([2])
    await s().flush(id)
    await store?.close()
    store = null
    const log = path.join(dir, 'sessions', id, 'updates.log')
    const bytes = await readFile(log)
    bytes[bytes.length - 3]! ^= 0xff // inside the last record's payload
    await writeFile(log, bytes)
    await reopen()
    expect(
      docFrom(await s().load(id))
        .getArray('xs')
        .toArray(),
    ).toEqual([1])
    expect(s().warnings.some((w) => w.kind === 'log-tail-dropped' && /checksum/.test(w.message))).toBe(true)
    expect(
      (await readdir(path.join(dir, 'sessions', id))).some((f) => f.startsWith('updates.log.damaged-')),
    ).toBe(true)
  })

  it('moves a corrupt index aside and rebuilds it from the session folders', async () => {
    const a = await s().create({ title: 'Alpha' })
    const b = await s().create({ title: 'Beta' })
    await s().updateStats(a.id, { cardCount: 5 })
    await s().delete(b.id)
    await store?.close()
    store = null
    await writeFile(path.join(dir, 'index.json'), '{"version":1,"sessions":[{"id":')
    await reopen()
    expect(s().warnings.map((w) => w.kind)).toContain('index-rebuilt')
    expect(s().warnings[0]?.message).toMatch(/index.json.corrupt-/)
    expect(s().get(a.id)).toMatchObject({ title: 'Alpha', cardCount: 5, deletedAt: null })
    expect(s().get(b.id)?.deletedAt).not.toBeNull()
    const files = await readdir(dir)
    expect(files.filter((f) => f.startsWith('index.json.corrupt-'))).toHaveLength(1)
    // the rebuilt index was written: the next open is clean
    await reopen()
    expect(s().warnings).toEqual([])
    expect(s().list({ includeDeleted: true })).toHaveLength(2)
  })

  it('rebuilds a missing index and adds back sessions the index lost', async () => {
    const a = await s().create({ title: 'Alpha' })
    await store?.close()
    store = null
    const { rm } = await import('node:fs/promises')
    await rm(path.join(dir, 'index.json'))
    await reopen()
    expect(s().get(a.id)?.title).toBe('Alpha')
    expect(s().warnings.some((w) => /missing/.test(w.message))).toBe(true)
  })

  it('refuses a snapshot that is damaged instead of opening an empty board', async () => {
    const { id } = await s().create({ title: 'Snap' })
    await store?.close()
    store = null
    await truncate(path.join(dir, 'sessions', id, 'snapshot.bin'), 10)
    await reopen()
    await expect(s().load(id)).rejects.toThrow(/snapshot/)
  })
})

describe('settings damage', () => {
  it('falls back per field, keeping the good values and unknown keys', async () => {
    await s().updateSettings({ licenseKey: 'tl-key-123', theme: 'dark' })
    await store?.close()
    store = null
    const file = path.join(dir, 'index.json')
    const index = JSON.parse(await readFile(file, 'utf8'))
    index.settings.theme = 'neon'
    index.settings.recent = 'not a list'
    index.settings.laterFeature = true
    await writeFile(file, JSON.stringify(index))
    await reopen()
    expect(s().getSettings()).toEqual({
      licenseKey: 'tl-key-123',
      theme: 'system',
      recent: [],
      laterFeature: true,
    })
  })
})

describe('the data-folder lock', () => {
  it('lets only one store own a folder, with a clear message, and frees it on close', async () => {
    const err = await SessionStore.open(dir).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StorageError)
    expect((err as StorageError).code).toBe('locked')
    expect((err as Error).message).toMatch(
      /This data folder is in use by Copro Studio \(pid \d+\) since \d{4}-/,
    )
    await store?.close()
    store = null
    store = await SessionStore.open(dir)
  })

  it('respects a lock held by another live process', async () => {
    await store?.close()
    store = null
    const { spawn } = await import('node:child_process')
    const os = await import('node:os')
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' })
    try {
      const startedAt = '2026-11-22T08:00:00.000Z'
      await writeFile(
        path.join(dir, 'copro.lock'),
        JSON.stringify({ pid: other.pid, hostname: os.hostname(), startedAt }),
      )
      await expect(SessionStore.open(dir)).rejects.toThrow(
        `in use by Copro Studio (pid ${other.pid}) since ${startedAt}`,
      )
    } finally {
      other.kill('SIGKILL')
    }
    await new Promise((r) => other.once('exit', r))
    store = await SessionStore.open(dir)
  })

  it('lets exactly one of several simultaneous openers take over a stale lock', async () => {
    await store?.close()
    store = null
    const os = await import('node:os')
    for (let round = 0; round < 5; round++) {
      await writeFile(
        path.join(dir, 'copro.lock'),
        JSON.stringify({
          pid: 2 ** 22 + 999,
          hostname: os.hostname(),
          startedAt: '2020-01-01T00:00:00.000Z',
        }),
      )
      const results = await Promise.allSettled([
        SessionStore.open(dir),
        SessionStore.open(dir),
        SessionStore.open(dir),
      ])
      const won = results.filter((r) => r.status === 'fulfilled')
      expect(won).toHaveLength(1)
      for (const r of results)
        if (r.status === 'rejected') expect(String(r.reason)).toMatch(/in use by Copro Studio/)
      await (won[0] as PromiseFulfilledResult<SessionStore>).value.close()
    }
  })

  it('takes over a stale lock whose process is gone', async () => {
    await store?.close()
    store = null
    const os = await import('node:os')
    await writeFile(
      path.join(dir, 'copro.lock'),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        hostname: os.hostname(),
        startedAt: '2020-01-01T00:00:00.000Z',
      }),
    )
    store = await SessionStore.open(dir)
    expect(JSON.parse(await readFile(path.join(dir, 'copro.lock'), 'utf8')).pid).toBe(process.pid)
  })
})

describe('checkpoints', () => {
  it('creates, lists and restores a checkpoint as a new session', async () => {
    const { id } = await s().create({ title: 'Workshop' })
    const doc = await liveDoc(id)
    doc.getMap('meta').set('stage', 'ideas')
    const cp = await s().createCheckpoint(id, 'After ideas', 'activity-end')
    doc.getMap('meta').set('stage', 'voting')
    await s().flush(id)
    expect((await s().listCheckpoints(id)).map((c) => [c.name, c.reason])).toEqual([
      ['After ideas', 'activity-end'],
    ])
    const restored = await s().restoreCheckpointAsNewSession(id, cp.id)
    expect(restored.id).not.toBe(id)
    expect(
      docFrom(await s().load(restored.id))
        .getMap('meta')
        .get('stage'),
    ).toBe('ideas')
    expect(
      docFrom(await s().load(id))
        .getMap('meta')
        .get('stage'),
    ).toBe('voting')
    await expect(s().readCheckpointState(id, 'nosuchcheckpoint')).rejects.toThrow(/no checkpoint/)
  })

  it('reverts a session with no live room, after checkpointing the present (undoable)', async () => {
    const { id } = await s().create({ title: 'Revert' })
    let doc = await liveDoc(id)
    doc.getArray<string>('cards').push(['a'])
    const cp = await s().createCheckpoint(id, 'One card')
    doc.getArray<string>('cards').push(['b'])
    doc.getMap('meta').set('x', 1)
    await s().close(id)
    const { beforeRevert } = await s().revertToCheckpoint(id, cp.id)
    expect(beforeRevert.reason).toBe('before-revert')
    await reopen()
    doc = docFrom(await s().load(id))
    expect(doc.getArray('cards').toArray()).toEqual(['a'])
    expect(doc.getMap('meta').has('x')).toBe(false)
    // and back again: revert to the before-revert checkpoint
    await s().revertToCheckpoint(id, beforeRevert.id)
    doc = docFrom(await s().load(id))
    expect(doc.getArray('cards').toArray()).toEqual(['a', 'b'])
    expect(doc.getMap('meta').get('x')).toBe(1)
    const cps = await s().listCheckpoints(id)
    expect(cps.map((c) => c.reason)).toEqual(['manual', 'before-revert', 'before-revert']) // oldest first
  })

  it('reverts a live room through applyToLiveDoc so connected clients follow', async () => {
    const { id } = await s().create({ title: 'Live' })
    const room = await liveDoc(id) // the relay's authoritative doc
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room))
    room.on('update', (u: Uint8Array) => Y.applyUpdate(client, u))
    room.getMap('meta').set('stage', 'one')
    const cp = await s().createCheckpoint(id, 'Stage one')
    room.getMap('meta').set('stage', 'two')
    room.getMap('workshop').set('timer', { running: true })
    await s().revertToCheckpoint(id, cp.id, { applyToLiveDoc: (u) => Y.applyUpdate(room, u, 'revert') })
    expect(client.getMap('meta').get('stage')).toBe('one')
    expect(client.getMap('workshop').size).toBe(0)
    await s().flush(id)
    await s().close(id)
    await reopen()
    expect(
      docFrom(await s().load(id))
        .getMap('meta')
        .get('stage'),
    ).toBe('one')
  })
})

describe('compaction', () => {
  it('with setLiveDocs, compacts cheaply from the live doc at the lower threshold, and only then', async () => {
    await store?.close()
    const opts = { batchMs: 5, compactBytes: 10_000_000, liveCompactBytes: 2048 }
    store = await SessionStore.open(dir, opts)
    const { id } = await s().create({ title: 'Live compaction' })
    const doc = await liveDoc(id)
    const edit = async (n: number) => {
      for (let i = 0; i < n; i++) {
        doc.getMap('m').set(`k${i % 7}`, `value ${i} `.repeat(4))
        await s().flush(id)
      }
    }
    await edit(100)
    const unwired = (await s().diskUsage(id)).logBytes
    expect(unwired).toBeGreaterThan(5000) // no live doc known: the 10 MB rebuild threshold applies
    s().setLiveDocs((sid) => (sid === id ? doc : undefined))
    await edit(100)
    expect((await s().diskUsage(id)).logBytes).toBeLessThan(2048 + 200)
    await reopen()
    expect(
      docFrom(await s().load(id))
        .getMap('m')
        .toJSON(),
    ).toEqual(doc.getMap('m').toJSON())
  })

  it('compacts the log into a snapshot past the threshold and loses nothing', async () => {
    await store?.close()
    store = await SessionStore.open(dir, { batchMs: 5, compactBytes: 4096 })
    const { id } = await s().create({ title: 'Compact' })
    const doc = await liveDoc(id)
    for (let i = 0; i < 300; i++) {
      doc.getMap('m').set(`k${i % 10}`, `value ${i} `.repeat(5))
      if (i % 25 === 0) await s().flush(id)
    }
    await s().flush(id)
    const log = (await stat(path.join(dir, 'sessions', id, 'updates.log'))).size
    expect(log).toBeLessThan(4096 + 2000)
    await reopen()
    const back = docFrom(await s().load(id))
    expect(back.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON())
  })
})
