import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { RelayConnection } from '../../../src/core/node/relay/connection'
import { resolveLimits } from '../../../src/core/node/relay/limits'
import { MESSAGE_AWARENESS, MESSAGE_SYNC, SYNC_UPDATE } from '../../../src/core/node/relay/messages'
import { MemoryPersistence } from '../../../src/core/node/relay/persistence'
import { RoomOutput } from '../../../src/core/node/relay/roomOutput'

/** A test awareness message: its type, then the client ids (see `setup`). */
const awarenessFrame = (ids: number[]) => new Uint8Array([MESSAGE_AWARENESS, ...ids])

/** A connection that records the document updates it is sent (the relay's wire format, decoded). */
function fakeConn(name: string) {
  const updates: Uint8Array[] = []
  /** What it was sent, in order: 'u' for a document update, the client ids of an awareness message. */
  const order: Array<'u' | number[]> = []
  const conn = {
    name,
    send(frame: Uint8Array) {
      if (frame[0] === MESSAGE_AWARENESS) return void order.push([...frame.subarray(1)])
      order.push('u')
      const d = decoding.createDecoder(frame)
      expect(decoding.readVarUint(d)).toBe(MESSAGE_SYNC)
      expect(decoding.readVarUint(d)).toBe(SYNC_UPDATE)
      updates.push(decoding.readVarUint8Array(d))
    },
    bufferedBytes: () => 0,
    close: () => {},
  }
  return { conn: conn as unknown as RelayConnection, updates, order }
}

/** One card edit by its own Yjs client, as the update it emits. */
function edit(key: string): Uint8Array {
  const doc = new Y.Doc()
  let out: Uint8Array | null = null
  doc.on('update', (u: Uint8Array) => (out = u))
  doc.getMap('cards').set(key, key)
  return out!
}

/** The card keys a client has after applying `updates`. */
function keysOf(updates: Uint8Array[]): string[] {
  const doc = new Y.Doc()
  for (const u of updates) Y.applyUpdate(doc, u)
  return [...doc.getMap('cards').keys()].sort()
}

/** A session of `size` connections (300: the whole window); a, b and c are watched. */
function setup(windowMs: number, size = 300) {
  const a = fakeConn('a')
  const b = fakeConn('b')
  const c = fakeConn('c')
  const others = Array.from({ length: size - 3 }, (_, i) => fakeConn(`o${i}`).conn)
  const persistence = new MemoryPersistence()
  persistence.create('s')
  const output = new RoomOutput(
    's',
    new Set([a.conn, b.conn, c.conn, ...others]),
    persistence,
    resolveLimits({ broadcastWindowMs: windowMs }),
    awarenessFrame,
  )
  return { a, b, c, output, persistence }
}

describe('RoomOutput broadcast window (ADR 0049)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sends a quiet room’s update at once, to everyone but its sender', () => {
    const { a, b, c, output } = setup(20)
    output.onDocUpdate(edit('x'), a.conn)
    expect(a.updates).toHaveLength(0)
    expect(keysOf(b.updates)).toEqual(['x'])
    expect(keysOf(c.updates)).toEqual(['x'])
  })

  it('holds updates arriving within the window and sends them as one merged update at its end', async () => {
    const { a, b, c, output, persistence } = setup(20)
    output.onDocUpdate(edit('first'), c.conn)
    output.onDocUpdate(edit('a1'), a.conn)
    output.onDocUpdate(edit('a2'), a.conn)
    output.onDocUpdate(edit('b1'), b.conn)
    // Stored at once, each of them; only the first was sent so far.
    expect(await persistence.load('s')).toHaveLength(4)
    expect(b.updates).toHaveLength(1)
    expect(c.updates).toHaveLength(0)
    vi.advanceTimersByTime(20)
    // One frame each: c gets all three merged; a and b get only what the others sent.
    expect(c.updates).toHaveLength(1)
    expect(keysOf(c.updates)).toEqual(['a1', 'a2', 'b1'])
    expect(a.updates).toHaveLength(2)
    expect(keysOf(a.updates)).toEqual(['b1', 'first'])
    expect(b.updates).toHaveLength(2)
    expect(keysOf(b.updates)).toEqual(['a1', 'a2', 'first'])
  })

  it('a sender alone in a window gets nothing back; the window closes when nothing arrives', () => {
    const { a, b, output } = setup(20)
    output.onDocUpdate(edit('one'), a.conn)
    output.onDocUpdate(edit('two'), a.conn)
    vi.advanceTimersByTime(20)
    expect(a.updates).toHaveLength(0)
    expect(keysOf(b.updates)).toEqual(['one', 'two'])
    vi.advanceTimersByTime(20) // the window after that one saw nothing: closed
    output.onDocUpdate(edit('three'), a.conn)
    expect(b.updates).toHaveLength(3) // sent at once again
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(20)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('flush sends what waits at once (before any other frame), keeping the order', () => {
    const { a, b, output } = setup(20)
    output.onDocUpdate(edit('one'), a.conn)
    output.onDocUpdate(edit('two'), a.conn)
    expect(b.updates).toHaveLength(1)
    output.flush()
    expect(b.updates).toHaveLength(2)
    expect(keysOf(b.updates.slice(1))).toEqual(['two'])
    vi.advanceTimersByTime(20)
    expect(b.updates).toHaveLength(2) // nothing left for the window's end
  })

  it('a window’s wait ends early at 16 updates, so a backlog cannot make the merges grow without bound', () => {
    const { a, b, c, output } = setup(20)
    output.onDocUpdate(edit('first'), a.conn)
    for (let i = 0; i < 15; i++) output.onDocUpdate(edit(`k${i}`), i % 2 ? a.conn : b.conn)
    expect(c.updates).toHaveLength(1)
    output.onDocUpdate(edit('k15'), b.conn)
    expect(c.updates).toHaveLength(2) // sent without waiting for the window's end
    expect(keysOf(c.updates)).toHaveLength(17)
    vi.advanceTimersByTime(20)
    expect(c.updates).toHaveLength(2)
  })

  it('the window is shorter in a smaller session: 2 ms at 30 connections, none under 15', () => {
    const small = setup(20, 30)
    small.output.onDocUpdate(edit('one'), small.a.conn)
    small.output.onDocUpdate(edit('two'), small.a.conn)
    expect(small.b.updates).toHaveLength(1)
    vi.advanceTimersByTime(2)
    expect(small.b.updates).toHaveLength(2)
    const tiny = setup(20, 10)
    tiny.output.onDocUpdate(edit('one'), tiny.a.conn)
    tiny.output.onDocUpdate(edit('two'), tiny.a.conn)
    expect(tiny.b.updates).toHaveLength(2)
    vi.advanceTimersByTime(2) // small's next window sees nothing and closes; tiny never opened one
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a window of 0 sends every update at once', () => {
    const { a, b, output } = setup(0)
    for (const k of ['one', 'two', 'three']) output.onDocUpdate(edit(k), a.conn)
    expect(b.updates).toHaveLength(3)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('the updates of one message (atomically) are stored as one and held together', async () => {
    const { a, b, output, persistence } = setup(20)
    output.onDocUpdate(edit('before'), b.conn)
    output.atomically(() => {
      output.onDocUpdate(edit('own'), a.conn)
      output.onDocUpdate(edit('trash-entry'), null)
    })
    expect(await persistence.load('s')).toHaveLength(2)
    vi.advanceTimersByTime(20)
    expect(keysOf(b.updates)).toEqual(['own', 'trash-entry'])
    expect(keysOf(a.updates)).toEqual(['before', 'trash-entry'])
  })

  it('presence changes share the window: one message with every changed id, to everyone, after the updates', () => {
    const { a, b, output } = setup(20)
    output.broadcastAwareness([7])
    expect(a.order).toEqual([[7]]) // a quiet room: at once, the sender included
    output.broadcastAwareness([8])
    output.onDocUpdate(edit('x'), b.conn)
    output.broadcastAwareness([7, 9])
    expect(a.order).toEqual([[7]])
    vi.advanceTimersByTime(20)
    expect(a.order).toEqual([[7], 'u', [8, 7, 9]])
    expect(b.order).toEqual([[7], [8, 7, 9]])
  })

  it('flush sends waiting presence changes too', () => {
    const { a, output } = setup(20)
    output.onDocUpdate(edit('x'), null)
    output.broadcastAwareness([3])
    output.flush()
    expect(a.order).toEqual(['u', [3]])
  })

  it('destroy stops the window and drops what waits', () => {
    const { a, b, output } = setup(20)
    output.onDocUpdate(edit('one'), a.conn)
    output.onDocUpdate(edit('two'), a.conn)
    output.destroy()
    expect(vi.getTimerCount()).toBe(0)
    output.onDocUpdate(edit('three'), a.conn)
    expect(b.updates).toHaveLength(1)
  })
})
