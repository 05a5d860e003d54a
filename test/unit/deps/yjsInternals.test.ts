import { readFileSync } from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { KeyedRecords, type KeyedEntry } from '../../../src/core/common/session/keyedRecords'

/**
 * KeyedRecords (ADR 0014) works below Yjs's public API: it builds Y.Items, deletes structs by ID, reads
 * transactions' delete sets and clears YArray search markers. Each test here pins one internal it relies on,
 * on the Yjs this repository installs, so an upgrade that changes one fails here, by name, before it
 * corrupts a document. When one fails: read ADR 0014, adapt KeyedRecords (or fall back to y-utility's
 * YKeyValue), then update this test.
 */

const root = path.resolve(__dirname, '../../..')

/** An array of `n` separate items (inserting at the front keeps Yjs from merging them into one). */
function separateItems(n: number) {
  const doc = new Y.Doc()
  const arr = doc.getArray<number>('a')
  for (let i = 0; i < n; i++) arr.insert(0, [i])
  return { doc, arr }
}

describe('the pinned Yjs', () => {
  it('is pinned exactly, so an upgrade is a deliberate change that runs these tests', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
    expect(pkg.dependencies.yjs).toMatch(/^\d+\.\d+\.\d+$/)
    const installed = JSON.parse(readFileSync(path.join(root, 'node_modules/yjs/package.json'), 'utf8')) as {
      version: string
    }
    expect(installed.version).toBe(pkg.dependencies.yjs)
  })

  it('exports the internals KeyedRecords calls', () => {
    for (const name of [
      'Item',
      'ContentAny',
      'findIndexSS',
      'getItemCleanStart',
      'getItemCleanEnd',
      'getState',
      'createID',
    ] as const) {
      expect(typeof Y[name], name).toBe('function')
    }
  })
})

describe('Y.Array internals', () => {
  it('_start heads a linked list of Items (right, id, lastId, parent, countable, deleted, content)', () => {
    const doc = new Y.Doc()
    const arr = doc.getArray<KeyedEntry<number>>('r')
    arr.push([
      { key: 'a', val: 1 },
      { key: 'b', val: 2 },
    ])
    arr.push([{ key: 'c', val: 3 }])
    const first = arr._start
    expect(first).toBeInstanceOf(Y.Item)
    // consecutive pushes of one client merge into one item, whose content is a ContentAny of the entries
    expect(first!.content).toBeInstanceOf(Y.ContentAny)
    expect(first!.content.getContent()).toEqual(arr.toArray())
    expect(first!.countable).toBe(true)
    expect(first!.deleted).toBe(false)
    expect(first!.parent).toBe(arr)
    expect(first!.id).toEqual({ client: doc.clientID, clock: 0 })
    expect(first!.lastId).toEqual({ client: doc.clientID, clock: 2 })
    expect(first!.right).toBeNull()
    const { arr: many } = separateItems(3)
    const values: number[] = []
    for (let it = many._start; it !== null; it = it.right)
      values.push(...(it.content.getContent() as number[]))
    expect(values).toEqual(many.toArray())
  })

  it('doc.store.clients holds each client’s structs in clock order, and findIndexSS finds the one holding a clock', () => {
    const { doc } = separateItems(5)
    const structs = doc.store.clients.get(doc.clientID)!
    expect(structs.map((s) => s.id.clock)).toEqual([0, 1, 2, 3, 4])
    expect(Y.findIndexSS(structs, 3)).toBe(3)
    expect(Y.getState(doc.store, doc.clientID)).toBe(5)
  })

  it('getItemCleanStart / getItemCleanEnd split an item at an ID, so one entry can be deleted alone', () => {
    const doc = new Y.Doc()
    const arr = doc.getArray<string>('a')
    arr.push(['a', 'b', 'c', 'd'])
    const structs = doc.store.clients.get(doc.clientID)!
    expect(structs).toHaveLength(1)
    doc.transact((tr) => {
      const start = Y.getItemCleanStart(tr, Y.createID(doc.clientID, 1))
      expect(start.id.clock).toBe(1)
      const end = Y.getItemCleanEnd(tr, doc.store, Y.createID(doc.clientID, 2))
      expect(end.lastId.clock).toBe(2)
      // one item became three: [a] [b c] [d]
      expect(structs.map((s) => s.length)).toEqual([1, 2, 1])
      ;(structs[Y.findIndexSS(structs, 1)] as Y.Item).delete(tr)
    })
    expect(arr.toArray()).toEqual(['a', 'd'])
  })

  it('a hand-built Item integrated after the last item appends, and replicates like a push', () => {
    const doc = new Y.Doc()
    const arr = doc.getArray<string>('a')
    arr.push(['a', 'b'])
    doc.transact((tr) => {
      let left = arr._start!
      while (left.right !== null) left = left.right
      const id = Y.createID(doc.clientID, Y.getState(doc.store, doc.clientID))
      new Y.Item(id, left, left.lastId, null, null, arr, null, new Y.ContentAny(['c', 'd'])).integrate(tr, 0)
    })
    expect(arr.toArray()).toEqual(['a', 'b', 'c', 'd'])
    expect(Y.getState(doc.store, doc.clientID)).toBe(4)
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    expect(other.getArray('a').toArray()).toEqual(['a', 'b', 'c', 'd'])
  })

  it('_searchMarker caches index positions that a direct Item.delete leaves stale; emptying it repairs reads', () => {
    const { doc, arr } = separateItems(200)
    expect(arr.get(150)).toBe(49)
    expect(Array.isArray(arr._searchMarker)).toBe(true)
    expect(arr._searchMarker!.length).toBeGreaterThan(0)
    expect(arr._searchMarker![0]).toMatchObject({ p: expect.any(Y.Item), index: expect.any(Number) })
    doc.transact((tr) => {
      let it = arr._start!
      for (let k = 0; k < 10; k++) it = it.right!
      it.delete(tr)
    })
    // The reason KeyedRecords empties the markers after deleting: without it, index reads are wrong. If
    // this starts to read 48, Yjs keeps markers right by itself and the clearing can go (ADR 0014).
    expect(arr.toArray()[150]).toBe(48)
    expect(arr.get(150)).toBe(49)
    arr._searchMarker!.length = 0
    expect(arr.get(150)).toBe(48)
  })

  it('a transaction exposes deleteSet.clients (clock ranges), beforeState and afterState', () => {
    const { doc, arr } = separateItems(4)
    const seen: { deleted: [number, { clock: number; len: number }[]][]; before: number; after: number }[] =
      []
    arr.observe((_e, tr) => {
      seen.push({
        deleted: [...tr.deleteSet.clients].map(([c, ranges]) => [c, ranges.map((r) => ({ ...r }))]),
        before: tr.beforeState.get(doc.clientID) ?? 0,
        after: tr.afterState.get(doc.clientID) ?? 0,
      })
    })
    doc.transact(() => {
      arr.delete(1, 2)
      arr.push([9])
    })
    expect(seen).toHaveLength(1)
    expect(seen[0]!.before).toBe(4)
    expect(seen[0]!.after).toBe(5)
    const ranges = seen[0]!.deleted.find(([c]) => c === doc.clientID)![1]
    expect(ranges.reduce((n, r) => n + r.len, 0)).toBe(2)
    expect(ranges.every((r) => typeof r.clock === 'number')).toBe(true)
  })
})

describe('KeyedRecords on these internals', () => {
  it('after overwrites and deletes, index reads, a walk of the array and a replica agree', () => {
    const doc = new Y.Doc()
    const yarray = doc.getArray<KeyedEntry<number>>('r')
    const kr = new KeyedRecords<number>(yarray)
    kr.setMany(Array.from({ length: 300 }, (_, i) => [`k${i}`, i] as const))
    for (let i = 0; i < yarray.length; i += 37) yarray.get(i) // populate search markers
    kr.setMany(Array.from({ length: 100 }, (_, i) => [`k${i * 3}`, -i] as const))
    kr.deleteMany(['k1', 'k2', 'k299'])
    const walked = yarray.toArray()
    expect(walked).toHaveLength(297)
    for (let i = 0; i < walked.length; i++) expect(yarray.get(i)).toEqual(walked[i])
    expect(new Map(walked.map((e) => [e.key, e.val]))).toEqual(kr.toMap())
    const replica = new Y.Doc()
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
    expect(new KeyedRecords<number>(replica.getArray('r')).toMap()).toEqual(kr.toMap())
  })
})
