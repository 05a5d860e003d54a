/**
 * WebSocket close codes the relay uses. docs/protocol/relay.md is the reference for clients.
 *
 * y-websocket 3.x stops reconnecting on 4400-4499 (a deliberate, permanent refusal) and reconnects with
 * back-off on every other code, so refusals that a retry cannot fix live in 4400-4499 and conditions that
 * may clear by themselves (a full session, a rate limit, a restart) use standard codes or 4000-4399.
 */
export const CLOSE_CODES = {
  /** The relay is shutting down. Transient: reconnect later. */
  GOING_AWAY: 1001,
  /** Broken WebSocket framing (reserved opcode, bad mask…). Sent by the ws library. */
  PROTOCOL_ERROR: 1002,
  /** A text frame that is not valid UTF-8. Sent by the ws library. */
  INVALID_PAYLOAD: 1007,
  /** A frame was larger than `maxMessageBytes`. Transient (sent by the ws library itself). */
  MESSAGE_TOO_BIG: 1009,
  /** The relay failed (authorize threw, the session could not be loaded). Transient. */
  INTERNAL_ERROR: 1011,
  /** The client did not read what the relay sent fast enough (send buffer over its limit). Transient. */
  SLOW_CONSUMER: 4008,
  /** Authorization or loading the session took longer than the admission time-out. Transient. */
  ADMISSION_TIMEOUT: 4080,
  /** The connection sent more than `maxMessagesPerSecond`. Transient. */
  RATE_LIMITED: 4029,
  /** The session already has `maxConnectionsPerSession` connections. Transient. */
  SESSION_FULL: 4053,
  /** This token (link) already holds `maxConnectionsPerToken` connections to the session. Transient. */
  TOKEN_FULL: 4054,
  /** This device (participant id) already holds `maxConnectionsPerDevice` connections to the session. Transient. */
  DEVICE_FULL: 4055,
  /** A frame was not a well-formed y-websocket message (or was of an unknown type). Permanent. */
  MALFORMED_MESSAGE: 4400,
  /** No `token` query parameter was given. Permanent. */
  TOKEN_MISSING: 4401,
  /** The token does not grant access to this session. Permanent. */
  TOKEN_REFUSED: 4403,
  /**
   * The connection kept sending updates whose dependencies the relay does not have (each was refused and
   * answered with a resync) more than `maxIncompleteUpdatesPerConnection` times. Permanent.
   */
  UPDATE_INCOMPLETE: 4409,
  /**
   * An awareness update the relay refuses: a client id owned by another link, more ids than
   * `maxAwarenessIdsPerConnection`, more entries in one update than `maxAwarenessStatesPerSession`, a state over `maxAwarenessStateBytes` or not a plain object, or the
   * session already keeps `maxAwarenessStatesPerSession` states. Permanent.
   */
  AWARENESS_REFUSED: 4412,
  /** A document update over a cost limit (structs per update, content per item, nesting). Permanent. */
  UPDATE_TOO_LARGE: 4413,
  /** The session's document reached `maxDocumentBytes`; updates that add content are refused. Permanent. */
  DOCUMENT_FULL: 4414,
  /**
   * A frame larger than `maxMessageBytes` (up to twice that; beyond, ws itself closes with 1009). Permanent,
   * so a stock client does not re-send the same too-large update forever.
   */
  MESSAGE_TOO_LARGE: 4415,
  /**
   * An update that changes what this connection's role may not change (rights.ts; docs/security.md
   * "Rights"). It was never applied; the client was told why with an auth "permission denied" message
   * first. Permanent: its copy of the board holds the refused change, so it must start from a fresh copy.
   */
  PERMISSION_DENIED: 4430,
  /** The session id is not well formed or names no session. Permanent. */
  UNKNOWN_SESSION: 4404,
  /** The token was revoked while connected (sharing stopped). Permanent. */
  TOKEN_REVOKED: 4410,
  /** The session was closed or deleted by the host. Permanent. */
  SESSION_CLOSED: 4420,
  /** The session was moved to the trash: every connection, the facilitator's included, is sent away. Permanent. */
  SESSION_TRASHED: 4421,
} as const

export type CloseCodeName = keyof typeof CLOSE_CODES
export type CloseCode = (typeof CLOSE_CODES)[CloseCodeName]

/** Whether a stock y-websocket 3.x client stops reconnecting after this code. */
export function isPermanentCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500
}

/** Short human-readable reasons sent with each close (≤ 123 bytes, as the protocol requires). */
export const CLOSE_REASONS: Readonly<Record<CloseCodeName, string>> = {
  GOING_AWAY: 'relay shutting down',
  PROTOCOL_ERROR: 'protocol error',
  INVALID_PAYLOAD: 'invalid payload',
  MESSAGE_TOO_BIG: 'message too big',
  INTERNAL_ERROR: 'relay error',
  SLOW_CONSUMER: 'client too slow',
  ADMISSION_TIMEOUT: 'admission timed out',
  RATE_LIMITED: 'too many messages per second',
  SESSION_FULL: 'session has too many connections',
  TOKEN_FULL: 'too many connections with this link',
  DEVICE_FULL: 'too many connections from this device',
  MALFORMED_MESSAGE: 'malformed message',
  TOKEN_MISSING: 'token required',
  TOKEN_REFUSED: 'token refused',
  UPDATE_INCOMPLETE: 'updates depend on changes the relay does not have',
  AWARENESS_REFUSED: 'presence refused: foreign, too many or too large',
  UPDATE_TOO_LARGE: 'update too large: too many items, too long or too deep',
  DOCUMENT_FULL: 'this board is full: archive or split it',
  MESSAGE_TOO_LARGE: 'change too large to send: make it smaller',
  PERMISSION_DENIED: 'permission denied: that change is not yours to make',
  UNKNOWN_SESSION: 'unknown session',
  TOKEN_REVOKED: 'token revoked',
  SESSION_CLOSED: 'session closed',
  SESSION_TRASHED: 'session moved to the trash',
}

export function closeReasonFor(code: number): string {
  for (const [name, value] of Object.entries(CLOSE_CODES)) {
    if (value === code) return CLOSE_REASONS[name as CloseCodeName]
  }
  return 'closed'
}

/** The close code ws sends for a framing error (it keeps it under a symbol), else 1002 (protocol error). */
export function wsErrorCloseCode(err: Error): number {
  const key = Object.getOwnPropertySymbols(err).find((sym) => sym.description === 'status-code')
  const code = key === undefined ? undefined : (err as unknown as Record<symbol, unknown>)[key]
  return typeof code === 'number' ? code : 1002
}

/** A message the relay refuses for a limit (not for its form): the connection is closed with `code`. */
export class RelayRefusal extends Error {
  override readonly name = 'RelayRefusal'
  constructor(
    readonly code: CloseCode,
    message: string,
  ) {
    super(message)
  }
}
