import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * Durability acknowledgements (docs/protocol/relay.md, "Durability acknowledgements"): how a relay tells
 * a client that what it sent is stored durably (in the session log on disk, or committed in a cluster's
 * PostgreSQL), so the desktop app says "Saved on <relay>" only then. A Copro extension of the y-websocket
 * protocol, one message type, used only by clients that ask with `?acks=1` in the sync url (a stock
 * y-websocket client logs "Unable to compute message" for a type it does not know, so it is never sent
 * one). The one home of this wire format for the relay, the cluster and the renderer.
 *
 *   frame = varUint(100) varUint(kind) varUint(n) [varString(reason)]
 *   kind 0 saved        (server → client) everything the server received on this connection before the
 *                       client's request n is durable. On joining, `saved 0` says the server confirms.
 *   kind 1 request      (client → server) "tell me when everything I sent so far is durable" (n ≥ 1,
 *                       increasing).
 *   kind 2 not-storing  (server → client) request n waits: the store refuses writes (the server retries);
 *                       `saved n` follows once it has stored them.
 */
export const MESSAGE_DURABILITY = 100
export const DURABILITY_KIND = { saved: 0, request: 1, notStoring: 2 } as const
/** The sync url's query parameter that asks for acknowledgements: `?token=…&acks=1`. */
export const ACKS_PARAM = 'acks'

export type DurabilityMessage =
  | { kind: 'saved'; n: number }
  | { kind: 'request'; n: number }
  | { kind: 'not-storing'; n: number; reason: string }

export function encodeDurability(m: DurabilityMessage): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_DURABILITY)
  encoding.writeVarUint(
    e,
    m.kind === 'saved'
      ? DURABILITY_KIND.saved
      : m.kind === 'request'
        ? DURABILITY_KIND.request
        : DURABILITY_KIND.notStoring,
  )
  encoding.writeVarUint(e, m.n)
  if (m.kind === 'not-storing') encoding.writeVarString(e, m.reason.slice(0, 200))
  return encoding.toUint8Array(e)
}

/** Reads the body of a durability message (after its type); throws on anything else. */
export function readDurability(decoder: decoding.Decoder): DurabilityMessage {
  const kind = decoding.readVarUint(decoder)
  const n = decoding.readVarUint(decoder)
  if (!Number.isSafeInteger(n)) throw new Error('durability: n out of range')
  switch (kind) {
    case DURABILITY_KIND.saved:
      return { kind: 'saved', n }
    case DURABILITY_KIND.request:
      return { kind: 'request', n }
    case DURABILITY_KIND.notStoring:
      return { kind: 'not-storing', n, reason: decoding.readVarString(decoder).slice(0, 200) }
    default:
      throw new Error(`durability: unknown kind ${kind}`)
  }
}
