import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { updateTouches } from '../../../src/core/node/relay/updateTouches'
import { KeyedRecords, type KeyedEntry } from '../../../src/core/common/session/keyedRecords'
import { recordsArray } from '../../../src/core/common/session/docSchema'

const records = (d: Y.Doc) => new KeyedRecords(recordsArray<KeyedEntry<unknown>>(d))

function copyOf(doc: Y.Doc): Y.Doc {
  const d = new Y.Doc()
  Y.applyUpdate(d, Y.encodeStateAsUpdate(doc))
  return d
}

function diff(from: Y.Doc, change: (d: Y.Doc) => void): Uint8Array {
  const sv = Y.encodeStateVector(from)
  change(from)
  return Y.encodeStateAsUpdate(from, sv)
}

describe('what an update touches, read before it is applied', () => {
  it('a map overwrite is placed at its key through its origin, though the update does not name the key', () => {
    const relay = new Y.Doc()
    relay.getMap('meta').set('title', 'A')
    const client = copyOf(relay)
    const u = diff(client, (d) => d.getMap('meta').set('title', 'B'))
    const { touches, pending } = updateTouches(relay, Y.decodeUpdate(u))
    expect(pending).toBe(0)
    // the new value (placed through its origin, the old value) and the old value's deletion
    expect(touches.map((t) => [t.op, t.place])).toEqual([
      ['insert', { root: 'meta', key: 'title', nested: false }],
      ['delete', { root: 'meta', key: 'title', nested: false }],
    ])
  })

  it('a record update is a delete of its old entry and an insert of the new one in tl_records', () => {
    const relay = new Y.Doc()
    records(relay).set('shape:a', { id: 'shape:a', v: 1 })
    const client = copyOf(relay)
    const u = diff(client, (d) => records(d).set('shape:a', { id: 'shape:a', v: 2 }))
    const { touches } = updateTouches(relay, Y.decodeUpdate(u))
    expect(touches.map((t) => [t.op, t.place.root, t.place.key])).toEqual([
      ['insert', 'tl_records', null],
      ['delete', 'tl_records', null],
    ])
  })

  it('items inside a nested type are attributed to the top-level entry that holds it', () => {
    const relay = new Y.Doc()
    relay.getMap('participants').set('p1', new Y.Map())
    const client = copyOf(relay)
    const u = diff(client, (d) => (d.getMap('participants').get('p1') as Y.Map<number>).set('x', 1))
    const { touches } = updateTouches(relay, Y.decodeUpdate(u))
    expect(touches[0]!.place).toEqual({ root: 'participants', key: 'p1', nested: true })
  })

  it('structs after a gap in their client’s clocks are pending (judged when retried), not placed', () => {
    const relay = new Y.Doc()
    const client = new Y.Doc()
    client.getMap('meta').set('a', 1) // never reaches the relay
    const u = diff(client, (d) => d.getMap('meta').set('b', 2))
    const { touches, pending } = updateTouches(relay, Y.decodeUpdate(u))
    expect(touches).toEqual([])
    expect(pending).toBe(1)
  })
})

describe('a read-only KeyedRecords index (the relay’s)', () => {
  it('knows which entry holds each record’s value and never writes, even with duplicates', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    records(a).set('k', 'from a')
    records(b).set('k', 'from b')
    const relay = new Y.Doc()
    let writes = 0
    const index = new KeyedRecords(recordsArray<KeyedEntry<unknown>>(relay), { readOnly: true })
    relay.on('update', () => writes++)
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(a))
    const before = writes
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(b))
    expect(writes).toBe(before + 1) // only the applied update itself, no clean-up deletes
    const cur = index.currentEntryId('k')!
    const winner = index.get('k')
    expect(winner === 'from a' || winner === 'from b').toBe(true)
    expect(cur.client === a.clientID || cur.client === b.clientID).toBe(true)
    // the same as a writing replica decides
    const writer = new Y.Doc()
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(relay))
    expect(records(writer).get('k')).toBe(winner)
  })
})
