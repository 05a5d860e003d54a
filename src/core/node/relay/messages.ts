/**
 * The y-websocket wire format, as the relay reads and writes it. Every incoming frame is parsed and
 * validated completely before anything is applied, so a malformed frame never half-applies.
 *
 *   frame    = varUint(type) body
 *   type 0   sync:            varUint(step) varUint8Array(payload)   step 0 = state vector, 1/2 = update
 *   type 1   awareness:       varUint8Array(awareness update)
 *   type 2   auth:            varUint(0 = permission denied) varString(reason)
 *   type 3   query awareness: (no body)
 *   type 16  moderation:      varString(JSON)   core/common/moderation (ADR 0047); stock clients never send it
 *   type 100 durability:      varUint(1 = request) varUint(n)   (shared/api/durability.ts; Copro's own)
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { z } from 'zod'
import { CLOSE_CODES, RelayRefusal } from './closeCodes'
import { MESSAGE_MODERATION, ModerationRequest } from '../../common/moderation/moderation'
import { MESSAGE_DURABILITY, readDurability } from '../../../shared/api/durability'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

export const SYNC_STEP1 = 0
export const SYNC_STEP2 = 1
export const SYNC_UPDATE = 2

/** An update's structs and delete set, as Yjs decodes them (read once, for validation and cost checks). */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array; decoded: DecodedUpdate }
  | { kind: 'sync-update'; update: Uint8Array; decoded: DecodedUpdate }
  | { kind: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  | { kind: 'auth' }
  | { kind: 'query-awareness' }
  | { kind: 'moderation'; request: ModerationRequest }
  | { kind: 'durable-request'; n: number }

export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError'
}

/** One entry of an awareness update: a client id's state (its JSON; "null" when it leaves) at a clock. */
export interface AwarenessEntry {
  clientID: number
  clock: number
  json: string
  isNull: boolean
}

/** How much one awareness update may carry (from RelayLimits). */
export interface AwarenessBounds {
  /** Entries (client ids) in one update. */
  maxEntries: number
  /** Bytes of one state's JSON. */
  maxStateBytes: number
}

const UNBOUNDED: AwarenessBounds = { maxEntries: Infinity, maxStateBytes: Infinity }

/**
 * What an awareness state may be: null (gone) or a plain object of at most 64 fields. The relay does not
 * know the app's presence fields (the renderer owns them); size and shape are what it bounds.
 */
const AwarenessState = z.union([
  z.null(),
  z.record(z.string().max(256), z.unknown()).refine((o) => Object.keys(o).length <= 64, 'at most 64 fields'),
])

/**
 * Parses and validates one frame from a client; throws MalformedMessageError when it is not well formed
 * and RelayRefusal(AWARENESS_REFUSED) when an awareness update is over `bounds`.
 */
export function parseClientMessage(frame: Uint8Array, bounds: AwarenessBounds = UNBOUNDED): ClientMessage {
  try {
    return parseUnchecked(frame, bounds)
  } catch (err) {
    if (err instanceof MalformedMessageError || err instanceof RelayRefusal) throw err
    throw new MalformedMessageError(err instanceof Error ? err.message : String(err))
  }
}

function parseUnchecked(frame: Uint8Array, bounds: AwarenessBounds): ClientMessage {
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
        const decoded = Y.decodeUpdate(payload)
        message = { kind: step === SYNC_STEP2 ? 'sync-step2' : 'sync-update', update: payload, decoded }
      } else {
        throw new MalformedMessageError(`unknown sync step ${step}`)
      }
      break
    }
    case MESSAGE_AWARENESS: {
      const update = decoding.readVarUint8Array(decoder)
      message = { kind: 'awareness', update, entries: validateAwarenessUpdate(update, bounds) }
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
    case MESSAGE_MODERATION: {
      const request = ModerationRequest.safeParse(JSON.parse(decoding.readVarString(decoder)))
      if (!request.success) throw new MalformedMessageError('not a moderation request')
      message = { kind: 'moderation', request: request.data }
      break
    }
    case MESSAGE_DURABILITY: {
      const m = readDurability(decoder)
      if (m.kind !== 'request') throw new MalformedMessageError('a client sends only durability requests')
      message = { kind: 'durable-request', n: m.n }
      break
    }
    default:
      throw new MalformedMessageError(`unknown message type ${type}`)
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after message')
  return message
}

/**
 * Checks an awareness update completely (so applying it cannot fail half-way) and against `bounds`
 * before parsing any state; returns its entries.
 */
function validateAwarenessUpdate(update: Uint8Array, bounds: AwarenessBounds): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  if (count > bounds.maxEntries)
    throw new RelayRefusal(CLOSE_CODES.AWARENESS_REFUSED, `${count} awareness entries in one update`)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const bytes = decoding.readVarUint8Array(decoder)
    if (bytes.byteLength > bounds.maxStateBytes) {
      throw new RelayRefusal(CLOSE_CODES.AWARENESS_REFUSED, `an awareness state of ${bytes.byteLength} bytes`)
    }
    const json = utf8.decode(bytes)
    const state: unknown = JSON.parse(json)
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new MalformedMessageError('awareness state must be an object or null')
    }
    if (!AwarenessState.safeParse(state).success)
      throw new RelayRefusal(CLOSE_CODES.AWARENESS_REFUSED, 'an awareness state of the wrong shape')
    if (clientID > 0xffffffff) throw new MalformedMessageError('awareness client id out of range')
    entries.push({ clientID, clock, json, isNull: state === null })
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes in awareness update')
  return entries
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

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

/** An awareness update (the inner payload) made of `entries`. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientID)
    encoding.writeVarUint(encoder, e.clock)
    encoding.writeVarString(encoder, e.json)
  }
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
