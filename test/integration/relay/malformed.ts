import * as encoding from 'lib0/encoding'
import { parseClientMessage } from '../../../src/core/node/relay/messages'
import { awarenessFrame, cardUpdate, syncStep1Frame, updateFrame } from './frames'

export type MalformedKind =
  | 'random-bytes'
  | 'unknown-type'
  | 'truncated-varint'
  | 'bad-sync-step'
  | 'random-update'
  | 'truncated-update'
  | 'length-overrun'
  | 'trailing-bytes'
  | 'bad-awareness'
  | 'bad-state-vector'
  | 'empty'
  | 'text'
  | 'oversized'

export interface MalformedFrame {
  kind: MalformedKind
  data: Uint8Array | string
}

const KINDS: readonly MalformedKind[] = [
  'random-bytes',
  'unknown-type',
  'truncated-varint',
  'bad-sync-step',
  'random-update',
  'truncated-update',
  'length-overrun',
  'trailing-bytes',
  'bad-awareness',
  'bad-state-vector',
  'empty',
  'text',
  'oversized',
]

/** Seeded generator of frames that are NOT valid y-websocket client messages. */
export function malformedFrames(rand: () => number, oversizeBytes: number) {
  const int = (n: number) => Math.floor(rand() * n)
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256))
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T
  const cat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]))
  const realUpdate = () => cardUpdate(`k${int(1000)}`, { text: 'y'.repeat(int(40)), n: int(1e6) })

  function candidate(kind: MalformedKind): Uint8Array | string {
    switch (kind) {
      case 'random-bytes':
        return bytes(1 + int(300))
      case 'unknown-type': {
        const e = encoding.createEncoder()
        encoding.writeVarUint(e, 4 + int(100_000))
        return cat(encoding.toUint8Array(e), bytes(int(50)))
      }
      case 'truncated-varint':
        return Uint8Array.from(
          pick([[0x80], [0xff, 0xff], [0, 0x80], [0, 2, 0x81], [1, 0xff, 0xff, 0xff], [0, 0, 0x90]]),
        )
      case 'bad-sync-step': {
        const e = encoding.createEncoder()
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint(e, 3 + int(1000))
        encoding.writeVarUint8Array(e, bytes(int(30)))
        return encoding.toUint8Array(e)
      }
      case 'random-update':
        return updateFrame(bytes(3 + int(200)), pick([1, 2] as const))
      case 'truncated-update': {
        const u = realUpdate()
        return updateFrame(u.slice(0, 1 + int(u.length - 2)))
      }
      case 'length-overrun': {
        const f = updateFrame(realUpdate())
        return f.slice(0, f.length - 1 - int(Math.min(5, f.length - 3)))
      }
      case 'trailing-bytes':
        return cat(
          pick([syncStep1Frame(), updateFrame(realUpdate()), awarenessFrame(5, 1, {})]),
          bytes(1 + int(8)),
        )
      case 'bad-awareness': {
        const inner = encoding.createEncoder()
        encoding.writeVarUint(inner, 1 + int(3))
        encoding.writeVarUint(inner, int(1e6))
        encoding.writeVarUint(inner, int(100))
        encoding.writeVarString(inner, pick(['{"a":', 'not json', '[1,2]', '42', '"str"', '{"x":1}{']))
        const e = encoding.createEncoder()
        encoding.writeVarUint(e, 1)
        encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
        return encoding.toUint8Array(e)
      }
      case 'bad-state-vector': {
        const e = encoding.createEncoder()
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint(e, 0)
        const sv = encoding.createEncoder()
        encoding.writeVarUint(sv, 2 + int(10))
        encoding.writeVarUint(sv, int(1e9))
        encoding.writeVarUint8Array(e, encoding.toUint8Array(sv))
        return encoding.toUint8Array(e)
      }
      case 'empty':
        return new Uint8Array(0)
      case 'text':
        return pick(['hello', '{"type":"sync"}', '\u0000\u0001', 'AAAA'])
      case 'oversized':
        return cat([0, 2], bytes(oversizeBytes + 1 + int(1000)))
    }
  }

  /** The next malformed frame; candidates that happen to parse are skipped, so every frame is garbage. */
  return function next(kind: MalformedKind = pick(KINDS)): MalformedFrame {
    for (;;) {
      const data = candidate(kind)
      if (typeof data === 'string' || kind === 'oversized') return { kind, data }
      try {
        parseClientMessage(data)
      } catch {
        return { kind, data }
      }
    }
  }
}
