import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { SaveState } from '../../../src/core/node/relay/persistence'
import { StorageError } from '../../../src/core/node/storage/errors'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { docFrom, storePerTest } from './helpers'

const f = storePerTest()

describe('sessions', () => {
  it('creates sessions with random URL-safe ids and lists, gets, searches and renames them', async () => {
    const a = await f.s().create({ title: 'Hospital discharge journey', templateId: 'journey-map' })
    const b = await f.s().create({ title: 'Library co-design' })
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{16,}$/)
    expect(a.id).not.toBe(b.id)
    expect(a.templateId).toBe('journey-map')
    expect(
      f
        .s()
        .list()
        .map((x) => x.id)
        .sort(),
    ).toEqual([a.id, b.id].sort())
    expect(f.s().get(a.id)?.title).toBe('Hospital discharge journey')
    expect(
      f
        .s()
        .search('LIBRARY')
        .map((x) => x.id),
    ).toEqual([b.id])
    await f.s().rename(b.id, 'Library services')
    await f.reopen()
    expect(f.s().get(b.id)?.title).toBe('Library services')
    await expect(f.s().create({ title: '   ' })).rejects.toThrow(StorageError)
    await expect(f.s().create({ title: 'x', templateId: '../../etc' })).rejects.toThrow(/template id/)
    expect(f.s().get('../../etc')).toBeNull()
  })

  it('keeps board edits across a reopen and reports save states', async () => {
    const { id } = await f.s().create({ title: 'Board' })
    const states: SaveState['state'][] = []
    f.s().onSaveState((sid, st) => sid === id && states.push(st.state))
    const doc = await f.liveDoc(id)
    doc.getMap('meta').set('title', 'Board')
    doc.getArray<number>('xs').push([1, 2, 3])
    await f.s().flush(id)
    expect(states).toContain('saving')
    expect(states.at(-1)).toBe('saved')
    await f.s().close(id)
    await f.reopen()
    const back = docFrom(await f.s().load(id))
    expect(back.getArray('xs').toArray()).toEqual([1, 2, 3])
    expect(back.getMap('meta').get('title')).toBe('Board')
  })

  it('reports an error save state for an append it cannot take', async () => {
    const states: [string, SaveState][] = []
    f.s().onSaveState((sid, st) => states.push([sid, st]))
    f.s().append('nosuchsession', new Uint8Array([0, 0]))
    expect(states).toEqual([
      ['nosuchsession', { state: 'error', reason: 'this session is not open for saving' }],
    ])
  })

  it('creates from an initial update and refuses one that is not Yjs', async () => {
    const t = new Y.Doc()
    t.getMap('workshop').set('structure', { stages: ['before', 'during', 'after'] })
    const created = await f.s().create({ title: 'From template', initialUpdate: Y.encodeStateAsUpdate(t) })
    expect(
      docFrom(await f.s().load(created.id))
        .getMap('workshop')
        .toJSON(),
    ).toEqual({
      structure: { stages: ['before', 'during', 'after'] },
    })
    const before = await readdir(path.join(f.dir, 'sessions'))
    await expect(
      f.s().create({ title: 'bad', initialUpdate: new Uint8Array([1, 2, 3, 4, 5]) }),
    ).rejects.toThrow(/not valid Yjs|incomplete/)
    expect(await readdir(path.join(f.dir, 'sessions'))).toEqual(before)
  })

  it('duplicates with a new id and a copy of the board', async () => {
    const { id } = await f.s().create({ title: 'Original' })
    const doc = await f.liveDoc(id)
    doc.getMap('meta').set('k', 'v')
    const copy = await f.s().duplicate(id)
    expect(copy.id).not.toBe(id)
    expect(copy.title).toBe('Original (copy)')
    expect(
      docFrom(await f.s().load(copy.id))
        .getMap('meta')
        .get('k'),
    ).toBe('v')
  })

  it('deletes to the trash, restores, and purges', async () => {
    const { id } = await f.s().create({ title: 'Trash me' })
    await f.s().delete(id)
    expect(
      f
        .s()
        .list()
        .map((x) => x.id),
    ).not.toContain(id)
    expect(
      f
        .s()
        .list({ includeDeleted: true })
        .find((x) => x.id === id)?.deletedAt,
    ).not.toBeNull()
    expect(await f.s().exists(id)).toBe(false)
    expect(await readdir(path.join(f.dir, 'trash'))).toEqual([id])
    await f.reopen()
    expect(f.s().get(id)?.deletedAt).not.toBeNull()
    await f.s().restore(id)
    expect(await f.s().exists(id)).toBe(true)
    expect(f.s().get(id)?.deletedAt).toBeNull()
    await f.s().purge(id)
    expect(f.s().get(id)).toBeNull()
    expect(await readdir(path.join(f.dir, 'sessions'))).toEqual([])
    expect(await readdir(path.join(f.dir, 'trash'))).toEqual([])
  })

  it('updates stats and settings (zod-validated, extensible)', async () => {
    const { id } = await f.s().create({ title: 'Stats' })
    await f.s().updateStats(id, { participantCount: 7, cardCount: 42 })
    expect(f.s().getSettings()).toMatchObject({ theme: 'system', licenseKey: '', recent: [] })
    await f.s().updateSettings({ theme: 'high-contrast', futureOption: { a: 1 } })
    await f.s().markRecent(id)
    await expect(f.s().updateSettings({ theme: 'neon' })).rejects.toThrow(/Invalid settings/)
    await f.reopen()
    expect(f.s().get(id)).toMatchObject({ participantCount: 7, cardCount: 42 })
    expect(f.s().getSettings()).toMatchObject({
      theme: 'high-contrast',
      recent: [id],
      futureOption: { a: 1 },
    })
  })
})

describe('checkpoints', () => {
  it('creates, lists and restores a checkpoint as a new session', async () => {
    const { id } = await f.s().create({ title: 'Workshop' })
    const doc = await f.liveDoc(id)
    doc.getMap('meta').set('stage', 'ideas')
    const cp = await f.s().createCheckpoint(id, 'After ideas', 'activity-end')
    doc.getMap('meta').set('stage', 'voting')
    await f.s().flush(id)
    expect((await f.s().listCheckpoints(id)).map((c) => [c.name, c.reason])).toEqual([
      ['After ideas', 'activity-end'],
    ])
    const restored = await f.s().restoreCheckpointAsNewSession(id, cp.id)
    expect(restored.id).not.toBe(id)
    expect(
      docFrom(await f.s().load(restored.id))
        .getMap('meta')
        .get('stage'),
    ).toBe('ideas')
    expect(
      docFrom(await f.s().load(id))
        .getMap('meta')
        .get('stage'),
    ).toBe('voting')
    await expect(f.s().readCheckpointState(id, 'nosuchcheckpoint')).rejects.toThrow(/no checkpoint/)
  })

  it('reverts a session with no live room, after checkpointing the present (undoable)', async () => {
    const { id } = await f.s().create({ title: 'Revert' })
    let doc = await f.liveDoc(id)
    doc.getArray<string>('cards').push(['a'])
    const cp = await f.s().createCheckpoint(id, 'One card')
    doc.getArray<string>('cards').push(['b'])
    doc.getMap('meta').set('x', 1)
    await f.s().close(id)
    const { beforeRevert } = await f.s().revertToCheckpoint(id, cp.id)
    expect(beforeRevert.reason).toBe('before-revert')
    await f.reopen()
    doc = docFrom(await f.s().load(id))
    expect(doc.getArray('cards').toArray()).toEqual(['a'])
    expect(doc.getMap('meta').has('x')).toBe(false)
    // and back again: revert to the before-revert checkpoint
    await f.s().revertToCheckpoint(id, beforeRevert.id)
    doc = docFrom(await f.s().load(id))
    expect(doc.getArray('cards').toArray()).toEqual(['a', 'b'])
    expect(doc.getMap('meta').get('x')).toBe(1)
    const cps = await f.s().listCheckpoints(id)
    expect(cps.map((c) => c.reason)).toEqual(['manual', 'before-revert', 'before-revert']) // oldest first
  })

  it('reverts a live room through applyToLiveDoc so connected clients follow', async () => {
    const { id } = await f.s().create({ title: 'Live' })
    const room = await f.liveDoc(id) // the relay's authoritative doc
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room))
    room.on('update', (u: Uint8Array) => Y.applyUpdate(client, u))
    room.getMap('meta').set('stage', 'one')
    const cp = await f.s().createCheckpoint(id, 'Stage one')
    room.getMap('meta').set('stage', 'two')
    room.getMap('workshop').set('timer', { running: true })
    await f.s().revertToCheckpoint(id, cp.id, { applyToLiveDoc: (u) => Y.applyUpdate(room, u, 'revert') })
    expect(client.getMap('meta').get('stage')).toBe('one')
    expect(client.getMap('workshop').size).toBe(0)
    await f.s().flush(id)
    await f.s().close(id)
    await f.reopen()
    expect(
      docFrom(await f.s().load(id))
        .getMap('meta')
        .get('stage'),
    ).toBe('one')
  })
})

describe('compaction', () => {
  it('with setLiveDocs, compacts cheaply from the live doc at the lower threshold, and only then', async () => {
    await f.store?.close()
    const opts = { batchMs: 5, compactBytes: 10_000_000, liveCompactBytes: 2048 }
    f.store = await SessionStore.open(f.dir, opts)
    const { id } = await f.s().create({ title: 'Live compaction' })
    const doc = await f.liveDoc(id)
    const edit = async (n: number) => {
      for (let i = 0; i < n; i++) {
        doc.getMap('m').set(`k${i % 7}`, `value ${i} `.repeat(4))
        await f.s().flush(id)
      }
    }
    await edit(100)
    const unwired = (await f.s().diskUsage(id)).logBytes
    expect(unwired).toBeGreaterThan(5000) // no live doc known: the 10 MB rebuild threshold applies
    f.s().setLiveDocs((sid) => (sid === id ? doc : undefined))
    await edit(100)
    expect((await f.s().diskUsage(id)).logBytes).toBeLessThan(2048 + 200)
    await f.reopen()
    expect(
      docFrom(await f.s().load(id))
        .getMap('m')
        .toJSON(),
    ).toEqual(doc.getMap('m').toJSON())
  })

  it('compacts the log into a snapshot past the threshold and loses nothing', async () => {
    await f.store?.close()
    f.store = await SessionStore.open(f.dir, { batchMs: 5, compactBytes: 4096 })
    const { id } = await f.s().create({ title: 'Compact' })
    const doc = await f.liveDoc(id)
    for (let i = 0; i < 300; i++) {
      doc.getMap('m').set(`k${i % 10}`, `value ${i} `.repeat(5))
      if (i % 25 === 0) await f.s().flush(id)
    }
    await f.s().flush(id)
    const log = (await stat(path.join(f.dir, 'sessions', id, 'updates.log'))).size
    expect(log).toBeLessThan(4096 + 2000)
    await f.reopen()
    const back = docFrom(await f.s().load(id))
    expect(back.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON())
  })
})
