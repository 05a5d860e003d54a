/**
 * A session stored by an older relay may hold pending data: updates whose dependencies were never
 * stored (issue 22 item 1). It opens, exports and duplicates with that data left out and a warning.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { docFrom, storePerTest } from './helpers'

const f = storePerTest()

let warnings: string[] = []
const onWarning = (w: Error) => warnings.push(w.message)
beforeEach(() => {
  warnings = []
  process.on('warning', onWarning)
})
afterEach(() => {
  process.off('warning', onWarning)
  vi.restoreAllMocks()
})

/** An update that depends on one that is never stored. */
function orphanUpdate(): Uint8Array {
  const a = new Y.Doc()
  a.getMap('cards').set('withheld', 'never stored')
  const sv = Y.encodeStateVector(a)
  a.getMap('cards').set('orphan', 'x'.repeat(10_000))
  return Y.encodeStateAsUpdate(a, sv)
}

describe('storage: pending data in a stored session', () => {
  it('opens, exports and duplicates without it, with a warning', async () => {
    const { id } = await f.s().create({ title: 'Poisoned' })
    const doc = await f.liveDoc(id)
    doc.getMap('cards').set('good', 'kept')
    f.s().append(id, orphanUpdate()) // as an old relay would have logged it
    await f.s().flush(id)
    await f.reopen()

    const loaded = docFrom(await f.s().load(id))
    expect(loaded.getMap('cards').get('good')).toBe('kept')

    const bytes = await f.s().exportSessionBytes(id)
    expect(bytes.byteLength).toBeGreaterThan(0)
    const copy = await f.s().duplicate(id)
    const copied = docFrom(await f.s().load(copy.id))
    expect(copied.getMap('cards').get('good')).toBe('kept')
    expect(copied.getMap('cards').has('orphan')).toBe(false)
    const store = copied.store as unknown as { pendingStructs: unknown }
    expect(store.pendingStructs).toBeNull()
    await new Promise((r) => setImmediate(r)) // process warnings are emitted on the next tick
    expect(warnings.some((w) => w.includes('depend on missing updates'))).toBe(true)
  })
})
