import type http from 'node:http'
import type https from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { z } from 'zod'
import { GUEST_JOIN_PATH, GuestJoinRequest, type GuestJoinResponse } from '../../../shared/api/guestJoin'
import { SYNC_PATH_PREFIX } from '../../../shared/api/syncPath'
import { SessionId, SessionTitle } from '../../../shared/model/session'
import { answerPublicEndpoint, json, readBody, refuseUpgrade, setSecurityHeaders, text } from './http'
import { IpRateLimit, isLoopbackAddress, JOINS_PER_MINUTE, remoteAddress } from './ipRateLimit'
import { serveStatic } from './static'
import { bearerToken, tokenFrom } from './tokens'

/**
 * The HTTP face of a hosted relay — the admin API (publish, list, mint and revoke guest tokens, delete a
 * hosted copy), the guest endpoints, the static app and the `/sync/` upgrades — in ONE place for
 * `copro relay` on its own (hostedRelay.ts, tokens in relay.json) and a cluster node (cluster/, tokens
 * in PostgreSQL). Each brings a HostedBackend: where sessions and tokens live. The admin API is
 * documented in docs/deployment/relay.md.
 */

/** An admin token given on the command line must be long and URL-safe (≥ 22 chars ≈ 128 bits of base64url). */
export const AdminToken = z
  .string()
  .min(22, 'the admin token must be at least 22 characters (128 bits)')
  .max(512)
  .regex(/^[A-Za-z0-9_-]+$/, 'the admin token may only hold A–Z a–z 0–9 _ -')

export const PublishBody = z.object({ sessionId: SessionId, title: SessionTitle.optional() }).strict()
export const MintBody = z
  .object({
    sessionId: SessionId,
    role: z.enum(['participant', 'observer']),
    expiresInSeconds: z
      .number()
      .int()
      .min(1)
      .max(366 * 24 * 3600)
      .optional(),
  })
  .strict()
export type MintBody = z.infer<typeof MintBody>

const MAX_ADMIN_BODY = 16 * 1024

/** The facilitator's app calls the admin and guest endpoints from its own origin. Bearer tokens, never cookies: any origin may ask. */
export const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** One hosted session as the admin API lists it. */
export interface HostedSessionInfo {
  sessionId: string
  title: string | null
  connections: number
  tokens: number
}

/** Where a hosted relay keeps its sessions and guest tokens. */
export interface HostedBackend {
  /** Whether `token` is the admin token (constant time). */
  isAdmin(token: string | null): boolean
  listSessions(): Promise<HostedSessionInfo[]>
  /** Publishes `sessionId` (creating it on first publication; renaming when `title` changed). */
  publish(sessionId: string, title?: string): Promise<{ sessionId: string; title: string | null }>
  sessionExists(sessionId: string): Promise<boolean>
  /** A new guest token for a published session; `ttlMs` null: until revoked. */
  mintToken(sessionId: string, role: MintBody['role'], ttlMs: number | null): Promise<MintedToken>
  /** False when there is no such token. Closes its connections. */
  revokeToken(tokenId: string): Promise<boolean>
  /** How many tokens of the session were revoked. Closes their connections. */
  revokeSessionTokens(sessionId: string): Promise<number>
  /** Deletes the hosted copy of a session (its tokens too) and closes its connections; null: not supported here. */
  deleteSession: ((sessionId: string) => Promise<{ deleted: boolean; revoked: number }>) | null
  /** The session a guest token opens, or null for any other token. `preload` the board it connects to next. */
  guestSession(
    token: string | null,
  ): Promise<{ sessionId: string; title: string; role: MintBody['role'] } | null>
  /**
   * `POST /api/guest/join` (src/shared/api/guestJoin.ts): a device exchanges a guest link for its own
   * token; null when the link does not work. Null here: this host has no per-device identity (404).
   */
  joinDevice: ((request: GuestJoinRequest) => Promise<GuestJoinResponse | null>) | null
  /** More routes (images …); true when one answered. */
  routes: ((req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>) | null
}

export interface MintedToken {
  token: string
  tokenId: string
  /** ms since the epoch, or null */
  expiresAt: number | null
}

/** The admin API: every route, one backend. Throws HttpError for refusals. */
export async function adminApi(backend: HostedBackend, req: IncomingMessage, url: URL): Promise<unknown> {
  // Admin endpoints take the token from the Authorization header only, never from the URL.
  if (!backend.isAdmin(bearerToken(req.headers)))
    throw new HttpError(401, 'The admin token is required (Authorization: Bearer …).')
  const path = url.pathname
  if (path === '/admin/sessions' && req.method === 'GET') return backend.listSessions()
  if (path === '/admin/sessions' && req.method === 'POST') {
    const body = parse(PublishBody, await readJson(req))
    return backend.publish(body.sessionId, body.title)
  }
  if (path === '/admin/tokens' && req.method === 'POST') {
    const body = parse(MintBody, await readJson(req))
    if (!(await backend.sessionExists(body.sessionId)))
      throw new HttpError(
        404,
        'That session is not published on this relay. Connect with the admin token first.',
      )
    const ttlMs = body.expiresInSeconds === undefined ? null : body.expiresInSeconds * 1000
    const t = await backend.mintToken(body.sessionId, body.role, ttlMs)
    return {
      token: t.token,
      tokenId: t.tokenId,
      sessionId: body.sessionId,
      role: body.role,
      expiresAt: t.expiresAt === null ? null : new Date(t.expiresAt).toISOString(),
    }
  }
  const one = /^\/admin\/tokens\/(tk_[A-Za-z0-9_-]{1,64})$/.exec(path)
  if (one && req.method === 'DELETE') {
    if (!(await backend.revokeToken(one[1]!))) throw new HttpError(404, 'No such token.')
    return { revoked: 1 }
  }
  const all = /^\/admin\/sessions\/([A-Za-z0-9_-]{6,64})\/tokens$/.exec(path)
  if (all && req.method === 'DELETE') return { revoked: await backend.revokeSessionTokens(all[1]!) }
  const session = /^\/admin\/sessions\/([A-Za-z0-9_-]{6,64})$/.exec(path)
  if (session && req.method === 'DELETE' && backend.deleteSession) {
    const { deleted, revoked } = await backend.deleteSession(session[1]!)
    if (!deleted) throw new HttpError(404, 'No such session.')
    return { deleted: 1, revoked }
  }
  throw new HttpError(404, 'No such admin endpoint.')
}

/**
 * The request handler of a hosted relay: security headers on every response, CORS on the admin and guest
 * endpoints, the admin API, the guest session lookup, the public helpers (/api/health, /api/time), the
 * built app when `rendererDir` is set, 404 otherwise.
 */
export function hostedRequestHandler(
  backend: HostedBackend,
  opts: { rendererDir?: string | null; log: (message: string) => void },
): http.RequestListener {
  const joins = new IpRateLimit(JOINS_PER_MINUTE)
  const joinDevice = async (req: IncomingMessage, join: NonNullable<HostedBackend['joinDevice']>) => {
    const from = remoteAddress(req)
    if (!isLoopbackAddress(from) && !joins.take(from))
      throw new HttpError(429, 'Too many tries. Wait a minute.')
    const joined = await join(parse(GuestJoinRequest, await readJson(req)))
    if (!joined) throw new HttpError(401, 'A valid guest token is required.')
    return joined
  }
  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://relay.invalid')
    if (url.pathname.startsWith('/admin/') || url.pathname.startsWith('/api/')) {
      for (const [k, v] of Object.entries(CORS)) res.setHeader(k, v)
      if (req.method === 'OPTIONS') return void res.writeHead(204).end()
    }
    if (url.pathname === '/health' || (url.pathname === '/' && !opts.rendererDir))
      return text(res, 200, 'copro relay: connect a y-websocket client to /sync/<sessionId>?token=…\n')
    if (url.pathname.startsWith('/admin/')) {
      try {
        return json(res, 200, await adminApi(backend, req, url))
      } catch (err) {
        if (err instanceof HttpError) return json(res, err.status, { error: err.message })
        throw err
      }
    }
    if (url.pathname === GUEST_JOIN_PATH && req.method === 'POST' && backend.joinDevice) {
      try {
        return json(res, 200, await joinDevice(req, backend.joinDevice))
      } catch (err) {
        if (err instanceof HttpError) return json(res, err.status, { error: err.message })
        throw err
      }
    }
    if (url.pathname === '/api/guest/session' && req.method === 'GET') {
      const token = tokenFrom(req.headers, url)
      const s = await backend.guestSession(token !== null && token.length <= 512 ? token : null)
      if (!s) return json(res, 401, { error: 'A valid guest token is required.' })
      return json(res, 200, s)
    }
    if (backend.routes && (await backend.routes(req, res, url))) return
    // The same unauthenticated helpers as CoproServer, so a guest's page works against either host.
    if (answerPublicEndpoint(url.pathname, res, req, { anyOrigin: true })) return
    if (url.pathname.startsWith('/api/')) return json(res, 404, { error: 'Not found.' })
    if (opts.rendererDir) return serveStatic(opts.rendererDir, req, res)
    text(res, 404, 'not found\n')
  }
  return (req, res) => {
    setSecurityHeaders(res)
    onRequest(req, res).catch((err: unknown) => {
      opts.log(`relay: http: ${String(err)}`)
      if (!res.headersSent) json(res, 500, { error: 'The relay failed.' })
    })
  }
}

/** Hands `/sync/…` upgrades to the sync server; refuses every other upgrade (404). */
export function routeSyncUpgrades(
  server: http.Server | https.Server,
  handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void,
): void {
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith(SYNC_PATH_PREFIX)) handleUpgrade(req, socket, head)
    else refuseUpgrade(socket, 404)
  })
  server.on('clientError', (_err, socket) => socket.destroy())
}

export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value)
  if (!r.success) {
    const issue = r.error.issues[0]
    throw new HttpError(
      400,
      `Invalid request: ${issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : ''}`,
    )
  }
  return r.data
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, MAX_ADMIN_BODY)
  if (body === null) throw new HttpError(413, 'The request is too large.')
  try {
    return JSON.parse(body || '{}')
  } catch {
    throw new HttpError(400, 'The request is not valid JSON.')
  }
}
