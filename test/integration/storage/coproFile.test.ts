import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { crc32 } from '../../../src/core/node/storage/crc32'
import { COPRO_MAGIC, readCoproFile } from '../../../src/core/node/storage/coproFile'
import { DEFAULT_LIMITS } from '../../../src/core/node/relay/limits'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { docFrom, tempDir } from './helpers'

let dir: string
let cleanup: () => Promise<void>
let store: SessionStore

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  store = await SessionStore.open(path.join(dir, 'data'), { batchMs: 5 })
})
afterEach(async () => {
  await store.close()
  await cleanup()
})

/** Exports a session with a board and one checkpoint; returns the file's bytes. */
async function exported(): Promise<{ file: string; bytes: Buffer; id: string }> {
  const { id } = await store.create({ title: 'Neighbourhood plan', templateId: 'journey-map' })
  const doc = docFrom(await store.load(id))
  doc.on('update', (u: Uint8Array) => store.append(id, u))
  doc.getMap('meta').set('stage', 'one')
  await store.createCheckpoint(id, 'Stage one')
  doc.getMap('meta').set('stage', 'two')
  const file = path.join(dir, 'plan.copro')
  await store.exportSession(id, file)
  return { file, bytes: await readFile(file), id }
}

/** Section offsets of a version 1 file: [tag, headerOffset, length]. */
function sections(b: Buffer): [string, number, number][] {
  const out: [string, number, number][] = []
  let pos = 16
  while (pos < b.length) {
    const len = b.readUInt32LE(pos + 4)
    out.push([b.toString('latin1', pos, pos + 4), pos, len])
    pos += 12 + len
  }
  return out
}

function section(tag: string, payload: Buffer): Buffer {
  const h = Buffer.alloc(12)
  h.write(tag, 0, 'latin1')
  h.writeUInt32LE(payload.length, 4)
  h.writeUInt32LE(crc32(payload), 8)
  return Buffer.concat([h, payload])
}

function v1File(manifest: unknown, state: Uint8Array, checkpoints: Uint8Array[] = []): Buffer {
  const head = Buffer.alloc(16)
  COPRO_MAGIC.copy(head)
  head.writeUInt32LE(1, 8)
  head.writeUInt32LE(2 + checkpoints.length, 12)
  const m = typeof manifest === 'string' ? manifest : JSON.stringify(manifest)
  return Buffer.concat([
    head,
    section('MANI', Buffer.from(m)),
    section('STAT', Buffer.from(state)),
    ...checkpoints.map((c) => section('CKPT', Buffer.from(c))),
  ])
}

/** The synthetic version 0 layout (see coproFile.ts): no checksums, no checkpoints. */
function v0File(manifest: unknown, state: Uint8Array): Buffer {
  const head = Buffer.alloc(12)
  COPRO_MAGIC.copy(head)
  head.writeUInt32LE(0, 8)
  const m = Buffer.from(JSON.stringify(manifest))
  const ml = Buffer.alloc(4)
  ml.writeUInt32LE(m.length)
  const sl = Buffer.alloc(4)
  sl.writeUInt32LE(state.length)
  return Buffer.concat([head, ml, m, sl, Buffer.from(state)])
}

function goodManifest(over: Record<string, unknown> = {}) {
  const now = new Date().toISOString()
  return {
    formatVersion: 1,
    appVersion: '0.1.0',
    createdAt: now,
    exportedAt: now,
    title: 'Imported',
    templateId: null,
    checkpoints: [],
    ...over,
  }
}

function boardState(): Uint8Array {
  const d = new Y.Doc()
  d.getMap('meta').set('stage', 'x')
  return Y.encodeStateAsUpdate(d)
}

async function expectRejected(bytes: Buffer, message: RegExp): Promise<void> {
  const file = path.join(dir, 'hostile.copro')
  await writeFile(file, bytes)
  const before = store.list({ includeDeleted: true }).length
  const sessionsBefore = await readdir(path.join(dir, 'data', 'sessions'))
  await expect(store.importSession(file)).rejects.toThrow(message)
  expect(store.list({ includeDeleted: true })).toHaveLength(before)
  expect(await readdir(path.join(dir, 'data', 'sessions'))).toEqual(sessionsBefore)
  expect(await readdir(path.join(dir, 'data', 'tmp'))).toEqual([])
}

describe('.copro export and import', () => {
  it('round-trips board and checkpoints into a new session, never overwriting', async () => {
    const { file, id } = await exported()
    const a = await store.importSession(file)
    const b = await store.importSession(file)
    expect(new Set([id, a.id, b.id]).size).toBe(3)
    // The original still holds the title, so each import gets the next free "(n)".
    expect(a).toMatchObject({ title: 'Neighbourhood plan (2)', templateId: 'journey-map' })
    expect(b).toMatchObject({ title: 'Neighbourhood plan (3)', templateId: 'journey-map' })
    expect(
      docFrom(await store.load(a.id))
        .getMap('meta')
        .get('stage'),
    ).toBe('two')
    const cps = await store.listCheckpoints(a.id)
    expect(cps.map((c) => c.name)).toEqual(['Stage one'])
    const cpDoc = docFrom([await store.readCheckpointState(a.id, cps[0]!.id)])
    expect(cpDoc.getMap('meta').get('stage')).toBe('one')
  })

  it('round-trips through bytes in memory (the app API path) and refuses hostile bytes the same way', async () => {
    const { id } = await exported()
    const bytes = await store.exportSessionBytes(id)
    const copy = await store.importSessionBytes(bytes)
    expect(copy.id).not.toBe(id)
    expect(
      docFrom(await store.load(copy.id))
        .getMap('meta')
        .get('stage'),
    ).toBe('two')
    const bad = Buffer.from(bytes)
    bad.writeUInt32LE(2 * 1024 * 1024 * 1024, 16 + 4)
    await expect(store.importSessionBytes(bad)).rejects.toThrow(/more than the 536870912-byte limit/)
    await expect(store.importSessionBytes(bytes.subarray(0, 40))).rejects.toThrow(/truncated|remain/)
  })

  it('migrates a (synthetic) version 0 file', async () => {
    const file = path.join(dir, 'old.copro')
    await writeFile(
      file,
      v0File(
        { title: 'Old one', template: 'service-blueprint', created: '2025-01-02T03:04:05.000Z' },
        boardState(),
      ),
    )
    const content = await readCoproFile(file)
    expect(content.sourceVersion).toBe(0)
    expect(content.manifest).toMatchObject({
      formatVersion: 1,
      title: 'Old one',
      templateId: 'service-blueprint',
    })
    const s = await store.importSession(file)
    expect(s).toMatchObject({
      title: 'Old one',
      templateId: 'service-blueprint',
      createdAt: '2025-01-02T03:04:05.000Z',
    })
    expect(
      docFrom(await store.load(s.id))
        .getMap('meta')
        .get('stage'),
    ).toBe('x')
  })
})

describe('hostile .copro files end in a clear error and leave nothing behind', () => {
  it('wrong magic', async () => {
    const { bytes } = await exported()
    const bad = Buffer.from(bytes)
    bad.write('PK', 0, 'latin1')
    await expectRejected(bad, /wrong magic/)
  })

  it('empty and tiny files', async () => {
    await expectRejected(Buffer.alloc(0), /too short/)
    await expectRejected(COPRO_MAGIC, /too short/)
  })

  it('a newer format version', async () => {
    const { bytes } = await exported()
    const bad = Buffer.from(bytes)
    bad.writeUInt32LE(7, 8)
    await expectRejected(bad, /format version 7, made by a newer Copro Studio/)
  })

  it('truncated at every section boundary and inside sections', async () => {
    const { bytes } = await exported()
    const cuts = new Set<number>([12, 15, 16, 20, 30, bytes.length - 1])
    for (const [, off, len] of sections(bytes)) {
      cuts.add(off)
      cuts.add(off + 6)
      cuts.add(off + 12 + Math.floor(len / 2))
    }
    for (const cut of cuts) await expectRejected(bytes.subarray(0, cut), /truncated|too short|remain/)
  })

  it('trailing garbage', async () => {
    const { bytes } = await exported()
    await expectRejected(Buffer.concat([bytes, Buffer.from('extra')]), /unexpected bytes/)
  })

  it('a bad checksum in each section', async () => {
    const { bytes } = await exported()
    for (const [tag, off, len] of sections(bytes)) {
      const bad = Buffer.from(bytes)
      bad[off + 12 + Math.floor(len / 2)]! ^= 0x01
      await expectRejected(bad, new RegExp(`${tag}.*bad checksum`))
    }
  })

  it('a declared length of 2 GB (refused before allocating)', async () => {
    const { bytes } = await exported()
    const stat = sections(bytes).find(([t]) => t === 'STAT')!
    const bad = Buffer.from(bytes)
    bad.writeUInt32LE(2 * 1024 * 1024 * 1024, stat[1] + 4)
    await expectRejected(bad, /2147483648 bytes, more than the 536870912-byte limit/)
    const bad2 = Buffer.from(bytes)
    bad2.writeUInt32LE(0xffffffff, 16 + 4) // the manifest's length
    await expectRejected(bad2, /declares 4294967295 bytes/)
    const bad3 = v0File({ title: 'x', created: new Date().toISOString() }, boardState())
    bad3.writeUInt32LE(2 * 1024 * 1024 * 1024, 12)
    await expectRejected(bad3, /manifest declares 2147483648 bytes/)
  })

  it('a file over the 512 MiB cap (sparse), refused before reading it', async () => {
    const { bytes } = await exported()
    const file = path.join(dir, 'huge.copro')
    await writeFile(file, bytes)
    const { truncate } = await import('node:fs/promises')
    await truncate(file, 600 * 1024 * 1024)
    await expect(store.importSession(file)).rejects.toThrow(/larger than 536870912 bytes are refused/)
    expect(await readdir(path.join(dir, 'data', 'tmp'))).toEqual([])
  })

  it('an absurd section count', async () => {
    const { bytes } = await exported()
    const bad = Buffer.from(bytes)
    bad.writeUInt32LE(0xffffffff, 12)
    await expectRejected(bad, /impossible section count/)
  })

  it('manifest that is not JSON, or not a valid manifest', async () => {
    await expectRejected(v1File('{"formatVersion": 1, "title": ', boardState()), /manifest is not JSON/)
    await expectRejected(v1File(goodManifest({ title: '' }), boardState()), /manifest is invalid \(title/)
    await expectRejected(v1File(goodManifest({ formatVersion: 3 }), boardState()), /manifest is invalid/)
    // version 2 (images) in a version 1 header
    await expectRejected(v1File(goodManifest({ formatVersion: 2 }), boardState()), /version 2, the header 1/)
    await expectRejected(v1File(goodManifest({ surprise: true }), boardState()), /manifest is invalid/)
    await expectRejected(v1File([1, 2, 3], boardState()), /manifest is invalid/)
  })

  it('path-like names in the manifest', async () => {
    await expectRejected(v1File(goodManifest({ templateId: '../../etc/passwd' }), boardState()), /templateId/)
    await expectRejected(v1File(goodManifest({ templateId: 'C:\\Windows\\x' }), boardState()), /templateId/)
    // a title is only ever shown, never used as a path: it imports under a fresh random id
    const file = path.join(dir, 'pathy.copro')
    await writeFile(file, v1File(goodManifest({ title: '../../../../tmp/evil' }), boardState()))
    const s = await store.importSession(file)
    expect(s.id).toMatch(/^[A-Za-z0-9_-]{16,}$/)
    expect(s.title).toBe('../../../../tmp/evil')
    expect(await readdir(path.join(dir, 'data', 'sessions'))).toEqual([s.id])
  })

  it('checkpoint metadata that does not match the sections', async () => {
    const cp = { name: 'x', reason: 'manual', createdAt: new Date().toISOString(), size: 3 }
    await expectRejected(
      v1File(goodManifest({ checkpoints: [cp] }), boardState()),
      /lists 1 checkpoints but the file holds 0/,
    )
    await expectRejected(
      v1File(goodManifest({ checkpoints: [{ ...cp, reason: 'whim' }] }), boardState(), [boardState()]),
      /manifest is invalid/,
    )
  })

  it('a state or checkpoint that is not Yjs data', async () => {
    await expectRejected(
      v1File(goodManifest(), Buffer.from('this is not yjs at all, really')),
      /not valid Yjs|incomplete/,
    )
    const cp = { name: 'x', reason: 'manual', createdAt: new Date().toISOString(), size: 5 }
    await expectRejected(
      v1File(goodManifest({ checkpoints: [cp] }), boardState(), [Buffer.from([0, 9, 9, 9, 9])]),
      /checkpoint 1/,
    )
  })

  it('a Yjs update that depends on missing history', async () => {
    const d = new Y.Doc()
    d.getMap('m').set('a', 1)
    const sv = Y.encodeStateVector(d)
    d.getMap('m').set('b', 2)
    const onlyLater = Y.encodeStateAsUpdate(d, sv)
    await expectRejected(v1File(goodManifest(), onlyLater), /incomplete/)
  })

  it('a board larger than the relay would keep: more bytes, or more items, than a live board may hold', async () => {
    // 65 MiB of state (refused by size, before Yjs reads it)
    await expectRejected(
      v1File(goodManifest(), Buffer.alloc(DEFAULT_LIMITS.maxDocumentBytes + 1024 * 1024)),
      /board state is larger than a board may be/,
    )
    // valid Yjs, ~4 MB, but more items than maxDocumentStructs (each a separate struct)
    const d = new Y.Doc()
    const arr = d.getArray<number>('tl_records')
    d.transact(() => {
      for (let i = 0; i <= DEFAULT_LIMITS.maxDocumentStructs; i++) arr.insert(0, [i])
    })
    const many = Y.encodeStateAsUpdate(d)
    d.destroy()
    await expectRejected(v1File(goodManifest(), many), /board state holds more items than a board may/)
  })

  it('a file that is not there', async () => {
    await expect(store.importSession(path.join(dir, 'nope.copro'))).rejects.toThrow(/Cannot open/)
  })
})
