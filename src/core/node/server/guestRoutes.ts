import type { IncomingMessage, ServerResponse } from 'node:http'
import { GUEST_JOIN_PATH, GuestJoinRequest, JOIN_CODE_PATH, JoinCode } from '../../../shared/api/guestJoin'
import { json, readBody } from './http'
import { isOwnOrigin } from './requestOrigin'
import {
  IpRateLimit,
  isLoopbackAddress,
  JOIN_CODE_LOOKUPS_PER_MINUTE,
  JOINS_PER_MINUTE,
  remoteAddress,
} from './ipRateLimit'
import type { ShareManager } from './sharing'
import { tokenFrom } from './tokens'

/** A join exchange's body: a session id and two tokens. */
const MAX_JOIN_BODY = 4 * 1024

export interface GuestRoutesDeps {
  sharing: Pick<ShareManager, 'guestSession' | 'join' | 'lookUpCode'>
  /** Starts loading a session's board: the guest connects right after these answers. */
  preload(sessionId: string): void
}

/**
 * CoproServer's guest endpoints, answered on the main and on sharing listeners alike (no facilitator token):
 * - `GET /api/guest/session?token=…`: the join screen's one question (which session, which role);
 * - `POST /api/guest/join`: a device exchanges the shared link for its own token (shared/api/guestJoin.ts);
 * - `GET /api/guest/code/<code>`: the participant link a join code stands for while the session is shared.
 * Join and code lookups are this server's pages' only (Origin) and rate-limited per address.
 * See docs/adr/0038-per-device-identity-and-join-codes.md.
 */
export class GuestRoutes {
  private readonly codeLookups = new IpRateLimit(JOIN_CODE_LOOKUPS_PER_MINUTE)
  private readonly joins = new IpRateLimit(JOINS_PER_MINUTE)

  constructor(private readonly deps: GuestRoutesDeps) {}

  /** Answers the request if it is one of the guest endpoints; false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === '/api/guest/session') await this.session(req, res, url)
    else if (url.pathname === GUEST_JOIN_PATH) await this.join(req, res)
    else if (url.pathname.startsWith(`${JOIN_CODE_PATH}/`)) this.code(req, res, url)
    else return false
    return true
  }

  private async session(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET') return wrongMethod(res, 'GET')
    const info = await this.deps.sharing.guestSession(tokenFrom(req.headers, url))
    if (!info) return unauthorized(res)
    this.deps.preload(info.sessionId)
    json(res, 200, info)
  }

  private async join(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return wrongMethod(res, 'POST')
    if (!isOwnOrigin(req)) return foreignOrigin(res)
    const from = remoteAddress(req)
    if (!isLoopbackAddress(from) && !this.joins.take(from)) return tooManyRequests(res)
    const body = await readBody(req, MAX_JOIN_BODY)
    const parsed = GuestJoinRequest.safeParse(parseJson(body))
    if (!parsed.success)
      return json(res, 400, {
        ok: false,
        error: { code: 'invalid_arguments', message: 'Send {sessionId, token, deviceToken?} as JSON.' },
      })
    const joined = await this.deps.sharing.join(parsed.data)
    if (!joined) return unauthorized(res)
    this.deps.preload(joined.sessionId)
    json(res, 200, joined)
  }

  private code(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET') return wrongMethod(res, 'GET')
    if (!isOwnOrigin(req)) return foreignOrigin(res)
    if (!this.codeLookups.take(remoteAddress(req))) return tooManyRequests(res)
    let raw = ''
    try {
      raw = decodeURIComponent(url.pathname.slice(JOIN_CODE_PATH.length + 1))
    } catch {
      // a malformed escape is an unknown code
    }
    const code = JoinCode.safeParse(raw)
    const link = code.success ? this.deps.sharing.lookUpCode(code.data) : null
    if (!link)
      return json(res, 404, {
        ok: false,
        error: { code: 'not_found', message: 'That code does not work. Check it, or ask the facilitator.' },
      })
    json(res, 200, link)
  }
}

function parseJson(body: string | null): unknown {
  if (body === null) return null
  try {
    return JSON.parse(body)
  } catch {
    return null
  }
}

export function unauthorized(res: ServerResponse): void {
  json(res, 401, { ok: false, error: { code: 'unauthorized', message: 'A valid token is required.' } })
}

function wrongMethod(res: ServerResponse, method: 'GET' | 'POST'): void {
  json(res, 405, { ok: false, error: { code: 'invalid_arguments', message: `Use ${method}.` } })
}

function foreignOrigin(res: ServerResponse): void {
  json(res, 403, { ok: false, error: { code: 'forbidden', message: 'Not for other websites.' } })
}

function tooManyRequests(res: ServerResponse): void {
  json(
    res,
    429,
    { ok: false, error: { code: 'unavailable', message: 'Too many tries. Wait a minute, then try again.' } },
    { 'retry-after': '60' },
  )
}
