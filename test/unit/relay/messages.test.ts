import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { RelayRefusal } from '../../../src/core/node/relay/closeCodes'
import {
  MalformedMessageError,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncUpdate,
  isEmptyUpdate,
  parseClientMessage,
} from '../../../src/core/node/relay/messages'

function frame(...parts: ((e: encoding.Encoder) => void)[]): Uint8Array {
  const e = encoding.createEncoder()
  for (const p of parts) p(e)
  return encoding.toUint8Array(e)
}
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n)
const arr = (a: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, a)
const str = (s: string) => (e: encoding.Encoder) => encoding.writeVarString(e, s)

describe('relay messages: parseClientMessage', () => {
  const doc = new Y.Doc()
  doc.getMap('m').set('k', 'v')
  const update = Y.encodeStateAsUpdate(doc)

  it('reads what a stock client sends', () => {
    expect(parseClientMessage(encodeSyncStep1(doc))).toMatchObject({ kind: 'sync-step1' })
    expect(parseClientMessage(frame(uint(0), uint(1), arr(update)))).toMatchObject({ kind: 'sync-step2' })
    expect(parseClientMessage(encodeSyncUpdate(update))).toMatchObject({ kind: 'sync-update', update })
    const aw = new awarenessProtocol.Awareness(doc)
    aw.setLocalState({ name: 'A' })
    expect(parseClientMessage(encodeAwareness(aw, [doc.clientID]))).toMatchObject({
      kind: 'awareness',
      entries: [{ clientID: doc.clientID, isNull: false }],
    })
    aw.destroy()
    expect(parseClientMessage(frame(uint(3)))).toEqual({ kind: 'query-awareness' })
    expect(parseClientMessage(encodePermissionDenied('x'))).toEqual({ kind: 'auth' })
    expect(parseClientMessage(frame(uint(0), uint(1), arr(new Uint8Array([0, 0]))))).toMatchObject({
      kind: 'sync-step2',
    })
  })

  it('refuses awareness updates over its bounds before parsing their states', () => {
    const bounds = { maxEntries: 2, maxStateBytes: 100 }
    const three = frame(
      uint(3),
      uint(1),
      uint(0),
      str('{}'),
      uint(2),
      uint(0),
      str('{}'),
      uint(3),
      uint(0),
      str('{}'),
    )
    expect(() => parseClientMessage(frame(uint(1), arr(three)), bounds)).toThrow(RelayRefusal)
    const big = frame(uint(1), uint(1), uint(0), str(JSON.stringify({ n: 'x'.repeat(200) })))
    expect(() => parseClientMessage(frame(uint(1), arr(big)), bounds)).toThrow(/bytes/)
    const wide = frame(
      uint(1),
      uint(1),
      uint(0),
      str(JSON.stringify(Object.fromEntries([...Array(70).keys()].map((k) => [k, 1])))),
    )
    expect(() => parseClientMessage(frame(uint(1), arr(wide)))).toThrow(/shape/)
    const fits = frame(uint(1), uint(1), uint(0), str('{"n":"ok"}'))
    expect(parseClientMessage(frame(uint(1), arr(fits)), bounds)).toMatchObject({ kind: 'awareness' })
  })

  it('accepts an awareness removal (null state)', () => {
    const inner = frame(uint(1), uint(42), uint(3), str('null'))
    expect(parseClientMessage(frame(uint(1), arr(inner)))).toMatchObject({
      kind: 'awareness',
      entries: [{ clientID: 42, clock: 3, isNull: true }],
    })
  })

  const bad: [string, Uint8Array][] = [
    ['empty frame', new Uint8Array()],
    ['unknown type', frame(uint(4))],
    ['huge type', frame(uint(1_000_000))],
    ['truncated type varint', new Uint8Array([0x80])],
    ['sync without step', frame(uint(0))],
    ['unknown sync step', frame(uint(0), uint(3), arr(new Uint8Array([0])))],
    ['truncated payload length', new Uint8Array([0, 2, 0x85])],
    ['payload shorter than declared', new Uint8Array([0, 2, 10, 1, 2])],
    ['garbage update', frame(uint(0), uint(2), arr(new Uint8Array([5, 200, 3, 9, 9])))],
    ['truncated update', frame(uint(0), uint(2), arr(update.slice(0, update.length - 3)))],
    ['garbage state vector', frame(uint(0), uint(0), arr(new Uint8Array([3, 1])))],
    ['trailing bytes after sync', new Uint8Array([...encodeSyncUpdate(update), 0])],
    ['trailing bytes after query', frame(uint(3), uint(0))],
    ['awareness with bad JSON', frame(uint(1), arr(frame(uint(1), uint(1), uint(1), str('{'))))],
    ['awareness with array state', frame(uint(1), arr(frame(uint(1), uint(1), uint(1), str('[1]'))))],
    ['awareness with number state', frame(uint(1), arr(frame(uint(1), uint(1), uint(1), str('7'))))],
    ['awareness count too high', frame(uint(1), arr(frame(uint(2), uint(1), uint(1), str('{}'))))],
    ['awareness trailing bytes', frame(uint(1), arr(frame(uint(1), uint(1), uint(1), str('{}'), uint(9))))],
    ['awareness client id > 32 bits', frame(uint(1), arr(frame(uint(1), uint(2 ** 40), uint(1), str('{}'))))],
    ['auth without reason', frame(uint(2), uint(0))],
  ]
  for (const [name, data] of bad) {
    it(`rejects: ${name}`, () => {
      expect(() => parseClientMessage(data)).toThrow(MalformedMessageError)
    })
  }

  it('tells an empty update from a real one', () => {
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true)
    expect(isEmptyUpdate(update)).toBe(false)
  })
})
