/**
 * The y-websocket wire format, as the relay reads and writes it. Every incoming frame is parsed and
 * validated completely before anything is applied, so a malformed frame never half-applies.
 *
 *   frame    = varUint(type) body
 *   type 0   sync:            varUint(step) varUint8Array(payload)   step 0 = state vector, 1/2 = update
 *   type 1   awareness:       varUint8Array(awareness update)
 *   type 2   auth:            varUint(0 = permission denied) varString(reason)
 *   type 3   query awareness: (no body)
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

export const SYNC_STEP1 = 0
export const SYNC_STEP2 = 1
export const SYNC_UPDATE = 2

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array; clients: number[] }
  | { kind: 'auth' }
  | { kind: 'query-awareness' }

export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError'
}

/** Parses and validates one frame from a client; throws MalformedMessageError when it is not well formed. */
export function parseClientMessage(frame: Uint8Array): ClientMessage {
  try {
    return parseUnchecked(frame)
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err
    throw new MalformedMessageError(err instanceof Error ? err.message : String(err))
  }
}

function parseUnchecked(frame: Uint8Array): ClientMessage {
  if (frame.length === 0) throw new MalformedMessageError('empty frame')
  const decoder = decoding.createDecoder(frame)
  const type = decoding.readVarUint(decoder)
  let message: ClientMessage
  switch (type) {
    case MESSAGE_SYNC: {
      const step = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (step === SYNC_STEP1) {
        Y.decodeStateVector(payload)
        message = { kind: 'sync-step1', stateVector: payload }
      } else if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
        // Reads every struct and the delete set; throws on anything that is not a v1 update.
        Y.parseUpdateMeta(payload)
        message = { kind: step === SYNC_STEP2 ? 'sync-step2' : 'sync-update', update: payload }
      } else {
        throw new MalformedMessageError(`unknown sync step ${step}`)
      }
      break
    }
    case MESSAGE_AWARENESS: {
      const update = decoding.readVarUint8Array(decoder)
      message = { kind: 'awareness', update, clients: validateAwarenessUpdate(update) }
      break
    }
    case MESSAGE_AUTH: {
      decoding.readVarUint(decoder)
      decoding.readVarString(decoder)
      message = { kind: 'auth' }
      break
    }
    case MESSAGE_QUERY_AWARENESS:
      message = { kind: 'query-awareness' }
      break
    default:
      throw new MalformedMessageError(`unknown message type ${type}`)
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after message')
  return message
}

/** Checks an awareness update completely (so applying it cannot fail half-way); returns its client ids. */
function validateAwarenessUpdate(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const clients: number[] = []
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(decoder)
    decoding.readVarUint(decoder) // clock
    const state: unknown = JSON.parse(decoding.readVarString(decoder))
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new MalformedMessageError('awareness state must be an object or null')
    }
    if (clientID > 0xffffffff) throw new MalformedMessageError('awareness client id out of range')
    clients.push(clientID)
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes in awareness update')
  return clients
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, SYNC_STEP1)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, SYNC_STEP2)
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector))
  return encoding.toUint8Array(encoder)
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, SYNC_UPDATE)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}

/** An auth "permission denied" message; a stock y-websocket client logs the reason and carries on. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AUTH)
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarString(encoder, reason)
  return encoding.toUint8Array(encoder)
}

/** Whether a v1 update carries nothing (no structs, empty delete set): what a client with no news sends. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0
}
