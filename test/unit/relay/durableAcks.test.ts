import { describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import {
  encodeDurability,
  MESSAGE_DURABILITY,
  readDurability,
  type DurabilityMessage,
} from '../../../src/shared/api/durability'
import { DurableAcks } from '../../../src/core/node/relay/durableAcks'
import { MalformedMessageError, parseClientMessage } from '../../../src/core/node/relay/messages'
import { waitFor } from '../../helpers/wait'

const read = (frame: Uint8Array): DurabilityMessage => {
  const d = decoding.createDecoder(frame)
  expect(decoding.readVarUint(d)).toBe(MESSAGE_DURABILITY)
  return readDurability(d)
}

/** A connection that records the durability messages it was sent. */
function fakeConn(sessionId = 's1') {
  const sent: DurabilityMessage[] = []
  let closed = false
  return {
    sessionId,
    sent,
    send: (f: Uint8Array) => sent.push(read(f)),
    isClosed: () => closed,
    close: () => (closed = true),
  }
}

describe('durability acknowledgements', () => {
  it('round-trips every kind; the relay parses only requests from a client', () => {
    for (const m of [
      { kind: 'saved', n: 0 },
      { kind: 'request', n: 7 },
      { kind: 'not-storing', n: 3, reason: 'disk full' },
    ] as const)
      expect(read(encodeDurability(m))).toEqual(m)
    expect(parseClientMessage(encodeDurability({ kind: 'request', n: 5 }))).toEqual({
      kind: 'durable-request',
      n: 5,
    })
    expect(() => parseClientMessage(encodeDurability({ kind: 'saved', n: 5 }))).toThrow(MalformedMessageError)
    expect(() => parseClientMessage(new Uint8Array([100, 1]))).toThrow(MalformedMessageError)
  })

  it('answers saved only after the flush, and not-storing while the store fails', async () => {
    let release: (() => void) | null = null
    let fail = true
    const acks = new DurableAcks<ReturnType<typeof fakeConn>>({
      retryMs: 1,
      flush: () =>
        fail
          ? Promise.reject(new Error('the disk is full'))
          : new Promise<void>((resolve) => {
              release = resolve
            }),
    })
    const conn = fakeConn()
    acks.hello(conn)
    acks.request(conn, 1)
    await waitFor(() => conn.sent.length === 2, 'told the store is failing')
    expect(conn.sent).toEqual([
      { kind: 'saved', n: 0 },
      { kind: 'not-storing', n: 1, reason: 'the disk is full' },
    ])
    fail = false
    await waitFor(() => release !== null, 'the flush retried')
    expect(conn.sent).toHaveLength(2) // the flush has not resolved yet: not told saved
    release!()
    await waitFor(() => conn.sent.length === 3, 'told saved')
    expect(conn.sent.at(-1)).toEqual({ kind: 'saved', n: 1 })
    acks.dispose()
  })

  it('tells waiting clients of that session when its store starts failing', () => {
    const acks = new DurableAcks<ReturnType<typeof fakeConn>>({ flush: () => new Promise(() => {}) })
    const a = fakeConn('s1')
    const b = fakeConn('s2')
    acks.request(a, 4)
    acks.request(b, 9)
    acks.storeFailing('s1', 'PostgreSQL is down')
    acks.storeFailing('s1', 'PostgreSQL is down')
    expect(a.sent).toEqual([{ kind: 'not-storing', n: 4, reason: 'PostgreSQL is down' }])
    expect(b.sent).toEqual([])
    acks.storeFailing(null, 'everything is down')
    expect(b.sent).toEqual([{ kind: 'not-storing', n: 9, reason: 'everything is down' }])
    acks.storeRecovered(null)
    acks.dispose()
  })
})
