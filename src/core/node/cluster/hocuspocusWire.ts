import * as encoding from 'lib0/encoding'
import type { ClientMessage } from '../relay/messages'

/**
 * Hocuspocus's message types (its wire protocol, @hocuspocus/server 4.7.0 src/types.ts). The adapter
 * depends on them: test/integration/cluster/adapterContract.test.ts checks them against the pinned version.
 */
export const HP = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  SyncReply: 4,
  Stateless: 5,
  BroadcastStateless: 6,
  Close: 7,
  SyncStatus: 8,
  Ping: 9,
  Pong: 10,
} as const
/** @hocuspocus/common AuthMessageType */
export const HP_AUTH = { Token: 0, PermissionDenied: 1, Authenticated: 2 } as const

/** A document name as the prefix of Hocuspocus frames (a varString). */
export function docPrefix(name: string): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, name)
  return encoding.toUint8Array(e)
}

/** Hocuspocus's auth message carrying a client's token (sent by the adapter on the client's behalf). */
export function authMessage(prefix: Uint8Array, token: string): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeUint8Array(e, prefix)
  encoding.writeVarUint(e, HP.Auth)
  encoding.writeVarUint(e, HP_AUTH.Token)
  encoding.writeVarString(e, token)
  return encoding.toUint8Array(e)
}

/** The stateless payload the adapter turns a client's durability request n into: `copro:durable:<n>`. */
export const DURABLE_PREFIX = 'copro:durable:'

/** The stateless payload the adapter turns a client's moderation request into: `copro:moderation:<JSON>`. */
export const MODERATION_PREFIX = 'copro:moderation:'

/** A Hocuspocus stateless message body (without the document name). */
export function statelessMessage(payload: string): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, HP.Stateless)
  encoding.writeVarString(e, payload)
  return encoding.toUint8Array(e)
}

/**
 * A client's durability or moderation request (clusterModeration.ts) as the stateless message the
 * adapter hands Hocuspocus, so it is handled once the connection's earlier frames are; null: neither.
 */
export function requestAsStateless(m: ClientMessage): Uint8Array | null {
  if (m.kind === 'durable-request') return statelessMessage(`${DURABLE_PREFIX}${m.n}`)
  if (m.kind === 'moderation') return statelessMessage(`${MODERATION_PREFIX}${JSON.stringify(m.request)}`)
  return null
}
