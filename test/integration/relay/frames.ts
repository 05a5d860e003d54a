import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'

/** Well-formed client frames, built by hand the way a y-websocket client writes them. */
export function syncStep1Frame(doc: Y.Doc = new Y.Doc()): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc))
  return encoding.toUint8Array(e)
}

export function updateFrame(update: Uint8Array, step: 1 | 2 = 2): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, step)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

export function awarenessFrame(clientID: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, 1)
  encoding.writeVarUint(inner, clientID)
  encoding.writeVarUint(inner, clock)
  encoding.writeVarString(inner, JSON.stringify(state))
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
  return encoding.toUint8Array(e)
}

/** An update that sets one key of the map `cards` (a fresh client each call). */
export function cardUpdate(key: string, value: unknown): Uint8Array {
  const d = new Y.Doc()
  d.getMap('cards').set(key, value)
  return Y.encodeStateAsUpdate(d)
}
