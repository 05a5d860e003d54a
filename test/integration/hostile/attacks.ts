import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'

/** Hostile but well-formed payloads (issue 21 / 22), shared by the hostile suite and bench/hostile.ts. */

/** An awareness frame with `count` entries starting at client id `firstId`, each carrying `state`. */
export function awarenessFlood(firstId: number, count: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, count)
  const json = JSON.stringify(state)
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(inner, firstId + i)
    encoding.writeVarUint(inner, 1)
    encoding.writeVarString(inner, json)
  }
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
  return encoding.toUint8Array(e)
}

/**
 * `n` tiny items all inserted at the start of one array, each in its own transaction from one client:
 * a later one's right origin is the earlier one, the shape that makes conflict resolution costly when
 * the items arrive together with one origin.
 */
export function manyTinyItems(n: number): Uint8Array {
  const d = new Y.Doc()
  const arr = d.getArray<number>('tl_records')
  d.transact(() => {
    for (let i = 0; i < n; i++) arr.insert(0, [i])
  })
  return Y.encodeStateAsUpdate(d)
}

/**
 * `n` tiny map entries under distinct keys, as a participant may add passes (`facilitation`, `pass/…` → 1):
 * each ~31 bytes encoded but ~480 bytes in the relay's heap. `batch` makes the keys and the client id
 * distinct from other batches.
 */
export function manyTinyEntries(batch: number, n: number): Uint8Array {
  const d = new Y.Doc()
  d.clientID = 1_000_000 + batch
  const passes = d.getMap<number>('facilitation')
  d.transact(() => {
    for (let i = 0; i < n; i++) passes.set(`pass/${batch}/${i}`, 1)
  })
  return Y.encodeStateAsUpdate(d)
}

/** A shared type nested `depth` levels deep. */
export function deepNesting(depth: number): Uint8Array {
  const d = new Y.Doc()
  let m: Y.Map<unknown> = d.getMap('meta')
  d.transact(() => {
    for (let i = 0; i < depth; i++) {
      const next = new Y.Map<unknown>()
      m.set('child', next)
      m = next
    }
  })
  return Y.encodeStateAsUpdate(d)
}

/** One card whose text is `chars` characters long. */
export function hugeText(key: string, chars: number): Uint8Array {
  const d = new Y.Doc()
  d.getMap('cards').set(key, 'x'.repeat(chars))
  return Y.encodeStateAsUpdate(d)
}

/**
 * An update that depends on one the relay never gets: it inserts after an item of a client whose
 * first update is withheld. Carries `bytes` of text so keeping it would show in memory and snapshots.
 */
export function updateWithMissingDependency(key: string, bytes: number): Uint8Array {
  const a = new Y.Doc()
  a.getMap('cards').set('withheld', 'never sent')
  const text = new Y.Text()
  a.getMap('cards').set(key, text)
  const sv = Y.encodeStateVector(a)
  text.insert(0, 'y'.repeat(bytes))
  return Y.encodeStateAsUpdate(a, sv)
}
