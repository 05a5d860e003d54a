import { mkdtemp, rm } from 'node:fs/promises'
import { afterEach, beforeEach } from 'vitest'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'

/** A fresh temp folder; remove it with the returned cleanup. */
export async function tempDir(
  prefix = 'copro-storage-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

export function docFrom(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const u of updates) Y.applyUpdate(doc, u)
  return doc
}

/** One SessionStore per test in a fresh temp folder (batchMs 10), closed and removed after the test. */
export class StoreFixture {
  dir = ''
  /** The open store; a test may close it and set it to null, or replace it. */
  store: SessionStore | null = null

  s(): SessionStore {
    if (!this.store) throw new Error('no store')
    return this.store
  }

  async reopen(): Promise<SessionStore> {
    await this.store?.close()
    this.store = await SessionStore.open(this.dir, { batchMs: 10 })
    return this.store
  }

  /** A live doc wired to the store like the relay's room: every update is appended. */
  async liveDoc(id: string): Promise<Y.Doc> {
    const doc = docFrom(await this.s().load(id))
    doc.on('update', (u: Uint8Array) => this.s().append(id, u))
    return doc
  }
}

export function storePerTest(): StoreFixture {
  const f = new StoreFixture()
  let cleanup: () => Promise<void> = async () => {}
  beforeEach(async () => {
    ;({ dir: f.dir, cleanup } = await tempDir())
    f.store = await SessionStore.open(f.dir, { batchMs: 10 })
  })
  afterEach(async () => {
    await f.store?.close()
    await cleanup()
  })
  return f
}
