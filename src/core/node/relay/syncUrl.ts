import { SYNC_PATH, SYNC_PATH_PREFIX } from '../../../shared/api/syncPath'
import { SessionId } from '../../../shared/model/session'
import { ACKS_PARAM } from '../../../shared/api/durability'

export { SYNC_PATH, SYNC_PATH_PREFIX }

/** The y-websocket serverUrl of a relay at `host` (already bracketed if IPv6) and `port`. */
export function syncServerUrl(host: string, port: number, tls = false): string {
  return `${tls ? 'wss' : 'ws'}://${host}:${port}${SYNC_PATH}`
}

const MAX_TOKEN_LENGTH = 512

export type ParsedSyncUrl =
  | {
      ok: true
      sessionId: string
      token: string | null
      /** `acks=1`: the client wants durability acknowledgements (shared/api/durability.ts). */
      acks: boolean
    }
  | { ok: false; reason: 'bad-path' | 'bad-session-id' | 'bad-token' }

/**
 * Reads `/sync/<sessionId>?token=…` from an upgrade request's url. The session id must match the shared
 * SessionId schema (y-websocket puts the room name into the url unencoded, so it is url-safe by design).
 */
export function parseSyncUrl(rawUrl: string | undefined): ParsedSyncUrl {
  if (rawUrl === undefined || !rawUrl.startsWith(SYNC_PATH_PREFIX)) return { ok: false, reason: 'bad-path' }
  let url: URL
  try {
    url = new URL(rawUrl, 'http://relay.invalid')
  } catch {
    return { ok: false, reason: 'bad-path' }
  }
  const rest = url.pathname.slice(SYNC_PATH_PREFIX.length)
  const parsed = SessionId.safeParse(rest)
  if (!parsed.success) return { ok: false, reason: 'bad-session-id' }
  const tokens = url.searchParams.getAll('token')
  if (tokens.length > 1) return { ok: false, reason: 'bad-token' }
  const token = tokens[0] ?? null
  if (token !== null && token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'bad-token' }
  const acks = url.searchParams.get(ACKS_PARAM) === '1'
  return { ok: true, sessionId: parsed.data, token: token === '' ? null : token, acks }
}
