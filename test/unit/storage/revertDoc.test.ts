import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import {
  REVERT_ORIGIN,
  revertDocTo,
  revertUpdate,
  withPresentWithdrawals,
} from '../../../src/core/node/storage/revertDoc'

function contentOf(doc: Y.Doc) {
  const kv = new YKeyValue<unknown>(doc.getArray('tl_records'))
  return {
    records: Object.fromEntries([...kv.map.entries()].map(([k, v]) => [k, v.val]).sort()),
    meta: doc.getMap('meta').toJSON(),
    workshop: doc.getMap('workshop').toJSON(),
  }
}

function board(): Y.Doc {
  const doc = new Y.Doc()
  const kv = new YKeyValue<unknown>(doc.getArray('tl_records'))
  doc.transact(() => {
    kv.set('shape:a', { id: 'shape:a', x: 1, text: 'pain' })
    kv.set('shape:b', { id: 'shape:b', x: 2, text: 'gain' })
    doc.getMap('meta').set('title', 'Before')
    doc.getMap('workshop').set('agenda', [{ id: 'x', title: 'Intro' }])
  })
  return doc
}

describe('revertDocTo', () => {
  it('makes a live document hold the checkpoint content in one transaction, and peers follow', () => {
    const live = board()
    const checkpoint = Y.encodeStateAsUpdate(live)
    const expected = contentOf(live)
    const peer = new Y.Doc()
    Y.applyUpdate(peer, checkpoint)
    live.on('update', (u: Uint8Array) => Y.applyUpdate(peer, u))

    const kv = new YKeyValue<unknown>(live.getArray('tl_records'))
    kv.set('shape:a', { id: 'shape:a', x: 100, text: 'moved' })
    kv.delete('shape:b')
    kv.set('shape:c', { id: 'shape:c', x: 3, text: 'new' })
    live.getMap('meta').set('title', 'After')
    live.getMap('workshop').set('timer', { running: true })
    live.getMap('voting').set('r1', { open: true })
    expect(contentOf(live)).not.toEqual(expected)

    const origins: unknown[] = []
    // (YKeyValue's observer opens empty housekeeping transactions; count the ones that changed something)
    live.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.changed.size > 0) origins.push(tr.origin)
    })
    revertDocTo(live, checkpoint)
    expect(origins).toEqual([REVERT_ORIGIN])
    expect(contentOf(live)).toEqual(expected)
    expect(live.getMap('voting').size).toBe(0)
    expect(contentOf(peer)).toEqual(expected)
  })

  it('touches only the records that differ', () => {
    const live = board()
    const checkpoint = Y.encodeStateAsUpdate(live)
    const kv = new YKeyValue<unknown>(live.getArray('tl_records'))
    kv.set('shape:b', { id: 'shape:b', x: 50, text: 'gain' })
    const changes: string[] = []
    kv.on('change', (c: Map<string, unknown>) => changes.push(...c.keys()))
    revertDocTo(live, checkpoint)
    expect(changes).toEqual(['shape:b'])
  })

  it('revertUpdate applied to a concurrent replica reverts it too', () => {
    const a = board()
    const checkpoint = Y.encodeStateAsUpdate(a)
    const expected = contentOf(a)
    new YKeyValue<unknown>(a.getArray('tl_records')).set('shape:z', { id: 'shape:z' })
    a.getMap('meta').set('title', 'Changed')
    const current = Y.encodeStateAsUpdate(a)
    const update = revertUpdate(current, checkpoint)
    Y.applyUpdate(a, update)
    expect(contentOf(a)).toEqual(expected)
  })

  it('never undoes a consent withdrawal', () => {
    const live = board()
    const checkpoint = Y.encodeStateAsUpdate(live)
    live.getMap('withdrawn').set('p7', '2026-11-22T10:00:00.000Z')
    live.getMap('meta').set('title', 'Later')
    revertDocTo(live, checkpoint)
    expect(live.getMap('meta').get('title')).toBe('Before')
    expect(live.getMap('withdrawn').toJSON()).toEqual({ p7: '2026-11-22T10:00:00.000Z' })
    const restored = new Y.Doc()
    Y.applyUpdate(restored, withPresentWithdrawals(checkpoint, Y.encodeStateAsUpdate(live)))
    expect(restored.getMap('withdrawn').toJSON()).toEqual({ p7: '2026-11-22T10:00:00.000Z' })
    expect(restored.getMap('meta').get('title')).toBe('Before')
  })
})
