/**
 * A session's images (issue 16 item 5) travel with it: in `.copro` files (version 2, checked against
 * their ids), duplicates and sessions restored from a checkpoint. A session without images still
 * exports a version 1 file.
 */
import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { crc32 } from '../../../src/core/node/storage/crc32'
import { encodeCoproFile, readCoproBytes } from '../../../src/core/node/storage/coproFile'
import { ASSETS_DIR, putAsset } from '../../../src/core/node/storage/sessionAssets'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { tempDir } from './helpers'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')

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

async function withImages(): Promise<{ id: string; ids: string[] }> {
  const { id } = await store.create({ title: 'Photos' })
  const ids: string[] = []
  for (const img of [PNG, GIF]) {
    const r = await putAsset(store.layout.session(id), img)
    if (!r.ok) throw new Error('not stored')
    ids.push(r.assetId)
  }
  return { id, ids }
}
const assetFile = (sessionId: string, assetId: string) =>
  path.join(store.layout.session(sessionId), ASSETS_DIR, assetId)

describe('.copro files carry images', () => {
  it('exports version 2 with every image and imports them into the new session', async () => {
    const { id, ids } = await withImages()
    const bytes = Buffer.from(await store.exportSessionBytes(id))
    expect(bytes.readUInt32LE(8)).toBe(2)
    const content = await readCoproBytes(bytes)
    expect(content.manifest.assets?.map((a) => a.id).sort()).toEqual([...ids].sort())
    const imported = await store.importSessionBytes(bytes)
    for (const a of ids) expect(existsSync(assetFile(imported.id, a))).toBe(true)
  })

  it('a session without images still exports a version 1 file', async () => {
    const { id } = await store.create({ title: 'Words only' })
    const bytes = Buffer.from(await store.exportSessionBytes(id))
    expect(bytes.readUInt32LE(8)).toBe(1)
    expect((await readCoproBytes(bytes)).assets).toEqual([])
  })

  it('refuses a file whose image does not match its id, even with a good checksum', async () => {
    const { id } = await store.create({ title: 'Tampered' })
    await putAsset(store.layout.session(id), PNG)
    const bytes = Buffer.from(await store.exportSessionBytes(id))
    // the last section is the image: change a byte and fix its CRC, so only the id check can catch it
    const len = PNG.length
    const payloadAt = bytes.length - len
    bytes[payloadAt + len - 1] = bytes[payloadAt + len - 1]! ^ 0xff
    bytes.writeUInt32LE(crc32(bytes.subarray(payloadAt)), payloadAt - 4)
    await expect(readCoproBytes(bytes)).rejects.toThrow(/does not match its bytes/)
  })

  it('an image listed twice (a hand-made file) is stored once: ids are the content hashes', async () => {
    const { id, ids } = await withImages()
    const good = await readCoproBytes(await store.exportSessionBytes(id))
    const png = good.assets.find((a) => a.id === ids[0])!
    const now = new Date().toISOString()
    const twice = encodeCoproFile(
      {
        appVersion: '0.1.0',
        createdAt: now,
        exportedAt: now,
        title: 'Twice',
        templateId: null,
        checkpoints: [],
      },
      good.state,
      [],
      [png, png],
    )
    const imported = await store.importSessionBytes(twice)
    const files = await readdir(path.join(store.layout.session(imported.id), ASSETS_DIR))
    expect(files.filter((f) => !f.startsWith('.'))).toEqual([png.id])
  })

  it('duplicates and sessions restored from a checkpoint keep the images', async () => {
    const { id, ids } = await withImages()
    const copy = await store.duplicate(id)
    for (const a of ids) expect(existsSync(assetFile(copy.id, a))).toBe(true)
    const cp = await store.createCheckpoint(id, 'With photos')
    const restored = await store.restoreCheckpointAsNewSession(id, cp.id)
    for (const a of ids) expect(existsSync(assetFile(restored.id, a))).toBe(true)
  })
})
