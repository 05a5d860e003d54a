import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { KeyedRecords, type KeyedChanges } from '../../../src/core/common/session/keyedRecords'

type Val = { n: number }

function makeDoc(clientID: number): Y.Doc {
  const doc = new Y.Doc({ gc: true })
  doc.clientID = clientID
  return doc
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'sync')
}

function syncAll(docs: Y.Doc[]): void {
  // cleanup deletes issued while observing create new updates: repeat until nothing moves
  for (let round = 0; round < 10; round++) {
    const before = docs.map((d) => Y.encodeStateAsUpdate(d).length + ':' + Y.encodeStateVector(d).join())
    for (const a of docs) for (const b of docs) if (a !== b) sync(a, b)
    const after = docs.map((d) => Y.encodeStateAsUpdate(d).length + ':' + Y.encodeStateVector(d).join())
    if (before.join('|') === after.join('|')) return
  }
}

function kvMap(kv: YKeyValue<Val>): Map<string, Val> {
  const m = new Map<string, Val>()
  for (const [k, v] of kv.map) m.set(k, v.val)
  return m
}

function sorted(m: Map<string, Val>): [string, number][] {
  return [...m].map(([k, v]) => [k, v.n] as [string, number]).sort((a, b) => a[0].localeCompare(b[0]))
}

describe('KeyedRecords basics', () => {
  it('set, get, has, delete, entries and change events', () => {
    const doc = makeDoc(1)
    const kr = new KeyedRecords<Val>(doc.getArray('r'))
    const events: KeyedChanges<Val>[] = []
    kr.on('change', (c) => events.push(c))
    kr.set('a', { n: 1 })
    kr.set('b', { n: 2 })
    expect(kr.get('a')).toEqual({ n: 1 })
    expect(kr.has('b')).toBe(true)
    kr.set('a', { n: 3 })
    kr.delete('b')
    expect(sorted(kr.toMap())).toEqual([['a', 3]])
    expect(doc.getArray('r').length).toBe(1)
    expect(events.map((e) => [...e])).toEqual([
      [['a', { action: 'add', newValue: { n: 1 } }]],
      [['b', { action: 'add', newValue: { n: 2 } }]],
      [['a', { action: 'update', oldValue: { n: 1 }, newValue: { n: 3 } }]],
      [['b', { action: 'delete', oldValue: { n: 2 } }]],
    ])
  })

  it('several sets of one key in one transaction leave one entry', () => {
    const doc = makeDoc(1)
    const kr = new KeyedRecords<Val>(doc.getArray('r'))
    kr.set('a', { n: 0 })
    doc.transact(() => {
      kr.set('a', { n: 1 })
      kr.set('a', { n: 2 })
      kr.setMany([
        ['a', { n: 3 }],
        ['b', { n: 4 }],
      ])
      kr.set('b', { n: 5 })
    })
    expect(sorted(kr.toMap())).toEqual([
      ['a', 3],
      ['b', 5],
    ])
    expect(doc.getArray('r').length).toBe(2)
  })

  it('reads a YKeyValue document and YKeyValue reads ours', () => {
    const a = makeDoc(1)
    const kv = new YKeyValue<Val>(a.getArray('r'))
    kv.set('x', { n: 1 })
    kv.set('y', { n: 2 })
    kv.set('x', { n: 3 })
    const b = makeDoc(2)
    sync(a, b)
    const kr = new KeyedRecords<Val>(b.getArray('r'))
    expect(sorted(kr.toMap())).toEqual([
      ['x', 3],
      ['y', 2],
    ])
    kr.set('y', { n: 4 })
    kr.delete('x')
    sync(b, a)
    expect(sorted(kvMap(kv))).toEqual([['y', 4]])
  })

  it('a bulk overwrite in a merged item deletes exactly the replaced elements', () => {
    const doc = makeDoc(1)
    const kr = new KeyedRecords<Val>(doc.getArray('r'))
    kr.setMany(Array.from({ length: 100 }, (_, i) => [`k${i}`, { n: i }] as const))
    kr.setMany(Array.from({ length: 50 }, (_, i) => [`k${i * 2}`, { n: -i }] as const))
    expect(doc.getArray('r').length).toBe(100)
    const fresh = makeDoc(2)
    sync(doc, fresh)
    const other = new KeyedRecords<Val>(fresh.getArray('r'))
    expect(sorted(other.toMap())).toEqual(sorted(kr.toMap()))
    expect(kr.get('k10')).toEqual({ n: -5 })
    expect(kr.get('k11')).toEqual({ n: 11 })
  })
})

const KEYS = ['a', 'b', 'c', 'd', 'e']
type Op =
  | { t: 'set'; doc: number; key: string; n: number }
  | { t: 'del'; doc: number; key: string }
  | { t: 'bulk'; doc: number; n: number }
  | { t: 'sync'; from: number; to: number }

const opArb = (docs: number): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({
      t: fc.constant('set' as const),
      doc: fc.nat(docs - 1),
      key: fc.constantFrom(...KEYS),
      n: fc.integer({ min: 0, max: 1000 }),
    }),
    fc.record({ t: fc.constant('del' as const), doc: fc.nat(docs - 1), key: fc.constantFrom(...KEYS) }),
    fc.record({
      t: fc.constant('bulk' as const),
      doc: fc.nat(docs - 1),
      n: fc.integer({ min: 0, max: 1000 }),
    }),
    fc.record({ t: fc.constant('sync' as const), from: fc.nat(docs - 1), to: fc.nat(docs - 1) }),
  )

interface World {
  docs: Y.Doc[]
  apply(op: Op): void
  map(i: number): Map<string, Val>
}

function keyedWorld(n: number): World {
  const docs = Array.from({ length: n }, (_, i) => makeDoc(i + 1))
  const krs = docs.map((d) => new KeyedRecords<Val>(d.getArray('r')))
  return {
    docs,
    map: (i) => krs[i]!.toMap(),
    apply(op) {
      if (op.t === 'set') krs[op.doc]!.set(op.key, { n: op.n })
      else if (op.t === 'del') krs[op.doc]!.delete(op.key)
      else if (op.t === 'bulk') krs[op.doc]!.setMany(KEYS.map((k, i) => [k, { n: op.n + i }] as const))
      else if (op.from !== op.to) sync(docs[op.from]!, docs[op.to]!)
    },
  }
}

function ykvWorld(n: number): World {
  const docs = Array.from({ length: n }, (_, i) => makeDoc(i + 1))
  const kvs = docs.map((d) => new YKeyValue<Val>(d.getArray('r')))
  return {
    docs,
    map: (i) => kvMap(kvs[i]!),
    apply(op) {
      if (op.t === 'set') kvs[op.doc]!.set(op.key, { n: op.n })
      else if (op.t === 'del') kvs[op.doc]!.delete(op.key)
      else if (op.t === 'bulk')
        docs[op.doc]!.transact(() => KEYS.forEach((k, i) => kvs[op.doc]!.set(k, { n: op.n + i })))
      else if (op.from !== op.to) sync(docs[op.from]!, docs[op.to]!)
    },
  }
}

/** The map a fresh reader derives from the array alone: the rightmost live entry per key. */
function arrayMap(doc: Y.Doc): Map<string, Val> {
  const m = new Map<string, Val>()
  for (const e of doc.getArray<{ key: string; val: Val }>('r').toArray()) m.set(e.key, e.val)
  return m
}

describe('KeyedRecords against YKeyValue (property)', () => {
  it('two replicas: same map, same array content, same document size as YKeyValue', () => {
    fc.assert(
      fc.property(fc.array(opArb(2), { maxLength: 60 }), (ops) => {
        const k = keyedWorld(2)
        const y = ykvWorld(2)
        for (const op of ops) {
          k.apply(op)
          y.apply(op)
        }
        syncAll(k.docs)
        syncAll(y.docs)
        expect(sorted(k.map(0))).toEqual(sorted(k.map(1)))
        expect(sorted(k.map(0))).toEqual(sorted(y.map(0)))
        expect(sorted(k.map(0))).toEqual(sorted(arrayMap(k.docs[0]!)))
        expect(k.docs[0]!.getArray('r').toJSON()).toEqual(y.docs[0]!.getArray('r').toJSON())
        expect(Y.encodeStateAsUpdate(k.docs[0]!).length).toBe(Y.encodeStateAsUpdate(y.docs[0]!).length)
      }),
      { numRuns: 300, seed: 42 },
    )
  }, 120_000)

  it('four replicas, random merge orders: replicas agree, match YKeyValue and the map a reader derives', () => {
    fc.assert(
      fc.property(fc.array(opArb(4), { maxLength: 80 }), (ops) => {
        const k = keyedWorld(4)
        const y = ykvWorld(4)
        for (const op of ops) {
          k.apply(op)
          y.apply(op)
        }
        syncAll(k.docs)
        syncAll(y.docs)
        const first = sorted(k.map(0))
        for (let i = 1; i < 4; i++) expect(sorted(k.map(i))).toEqual(first)
        expect(first).toEqual(sorted(arrayMap(k.docs[0]!)))
        for (let i = 0; i < 4; i++) expect(sorted(y.map(i))).toEqual(first)
        expect(Y.encodeStateAsUpdate(k.docs[0]!).length).toBe(Y.encodeStateAsUpdate(y.docs[0]!).length)
        // after quiescence every key has exactly one entry left
        expect(k.docs[0]!.getArray('r').length).toBe(first.length)
        // a fresh reader (YKeyValue) of the merged document agrees
        const fresh = makeDoc(99)
        sync(k.docs[0]!, fresh)
        expect(sorted(kvMap(new YKeyValue<Val>(fresh.getArray('r'))))).toEqual(first)
      }),
      { numRuns: 300, seed: 7 },
    )
  }, 120_000)
})
