import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import https from 'node:https'
import { z } from 'zod'
import { SessionId, SessionTitle } from '../../../shared/model/session'
import { GUEST_JOIN_PATH, GuestJoinRequest, type GuestJoinResponse } from '../../../shared/api/guestJoin'
import {
  Relay,
  SYNC_PATH_PREFIX,
  syncServerUrl,
  type RelayAuthResult,
  type RelayLimits,
  type RoomPersistence,
} from '../relay'
import { SessionStore } from '../storage/sessionStore'
import { loadRelayState, RelayStateWriter } from './hostedRelayState'
import {
  answerPublicEndpoint,
  closeServer,
  hostForUrl,
  json,
  listen,
  readBody,
  refuseUpgrade,
  text,
  setSecurityHeaders,
} from './http'
import { serveStatic } from './static'
import { AssetRoutes } from './assetRoutes'
import { getAsset, putAsset } from '../storage/sessionAssets'
import { IpRateLimit, isLoopbackAddress, JOINS_PER_MINUTE, remoteAddress } from './ipRateLimit'
import {
  authorizeToken,
  bearerToken,
  exchangeForDevice,
  isOwnerToken,
  newToken,
  tokenFrom,
  TokenRegistry,
  type TokenAuthority,
} from './tokens'

export interface HostedRelayOptions {
  /** Durable data folder (a session store plus relay.json); locked while the relay runs. */
  dataDir: string
  /** Interface to bind; 127.0.0.1 by default (put a reverse proxy in front, or pass 0.0.0.0). */
  host?: string
  port: number
  /** PEM certificate and key: serve https/wss. */
  tls?: { cert: string | Buffer; key: string | Buffer }
  /** The admin token (≥ 22 URL-safe characters); a fresh 192-bit one when absent. */
  adminToken?: string
  /** A built renderer to serve, so guests' join links can open the app from the relay itself. */
  rendererDir?: string | null
  appVersion?: string
  limits?: Partial<RelayLimits>
  log?: (message: string) => void
}

export interface HostedRelay {
  /** serverUrl for y-websocket, e.g. wss://127.0.0.1:4455/sync */
  url: string
  /** http(s)://HOST:PORT */
  origin: string
  port: number
  adminToken: string
  relay: Relay
  close(): Promise<void>
}

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
const MAX_ADMIN_BODY = 16 * 1024
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

/**
 * `copro relay`: a hosted y-websocket relay for remote participants, with durable storage.
 * Sessions are *published* by the facilitator's app connecting with the admin token (a session id it
 * has never seen is created on that first connection); guests join with participant / observer tokens
 * minted through `POST /admin/tokens`. Tokens are kept as digests in relay.json, so links survive a
 * restart until revoked or expired. See docs/deployment/relay.md.
 */
export async function startHostedRelay(opts: HostedRelayOptions): Promise<HostedRelay> {
  const log = opts.log ?? (() => {})
  const adminToken = opts.adminToken === undefined ? newToken() : AdminToken.parse(opts.adminToken)
  const store = await SessionStore.open(opts.dataDir, { appVersion: opts.appVersion })
  let state
  try {
    state = await loadRelayState(opts.dataDir)
  } catch (err) {
    await store.shutdown()
    throw err
  }
  const aliases = new Map<string, string>(Object.entries(state.sessions))
  const writer = new RelayStateWriter(opts.dataDir, (err) =>
    log(`relay: could not save relay.json: ${String(err)}`),
  )
  const save = () =>
    writer.save(() => ({
      formatVersion: 1,
      sessions: Object.fromEntries(aliases),
      tokens: tokens.snapshot(),
    }))
  let relay: Relay | null = null
  const tokens = new TokenRegistry({
    onInvalidated: (g) => relay?.revokeToken(g.tokenId),
    onChange: () => void save(),
  })
  tokens.restore(state.tokens)

  const publishing = new Map<string, Promise<string>>()
  /** The store id of a published session, creating it on first publication. */
  const publish = (sessionId: string, title?: string): Promise<string> => {
    const prior = publishing.get(sessionId) ?? Promise.resolve('')
    const next = prior
      .catch(() => '')
      .then(async () => {
        const known = aliases.get(sessionId)
        if (known && (await store.exists(known))) {
          if (title && store.get(known)?.title !== title) await store.rename(known, title)
          return known
        }
        const created = await store.create({ title: title ?? `Published session ${sessionId}` })
        aliases.set(sessionId, created.id)
        await save()
        log(`relay: published session ${sessionId}`)
        return created.id
      })
    publishing.set(sessionId, next)
    void next
      .finally(() => publishing.get(sessionId) === next && publishing.delete(sessionId))
      .catch(() => {})
    return next
  }

  const persistence: RoomPersistence = {
    exists: async (id) => {
      const sid = aliases.get(id)
      return sid !== undefined && (await store.exists(sid))
    },
    load: (id) => store.load(mustAlias(aliases, id)),
    append: (id, update) => {
      const sid = aliases.get(id)
      if (sid) store.append(sid, update)
    },
    flush: (id) => store.flush(mustAlias(aliases, id)),
    close: async (id) => {
      const sid = aliases.get(id)
      if (sid) await store.close(sid)
    },
  }

  const authority: TokenAuthority = { ownerToken: adminToken, ownerTokenId: 'admin', grants: tokens }
  /** The admin token publishes the session it connects to; guest tokens join their own session only. */
  const authorize = async (sessionId: string, token: string | null): Promise<RelayAuthResult | null> => {
    const auth = authorizeToken(authority, sessionId, token)
    // only the admin token makes a facilitator here (guest grants are participant or observer)
    if (auth?.sessionRole === 'facilitator') await publish(sessionId)
    return auth
  }

  relay = new Relay({ persistence, authorize, limits: opts.limits, onWarning: (m) => log(m) })
  const liveRelay = relay

  const admin = async (req: IncomingMessage, url: URL): Promise<unknown> => {
    // Admin endpoints take the token from the Authorization header only, never from the URL.
    if (!isOwnerToken(authority, bearerToken(req.headers)))
      throw new HttpError(401, 'The admin token is required (Authorization: Bearer …).')
    const path = url.pathname
    if (path === '/admin/sessions' && req.method === 'GET') {
      return [...aliases].map(([sessionId, sid]) => ({
        sessionId,
        title: store.get(sid)?.title ?? null,
        connections: liveRelay.sessionInfo(sessionId).connections,
        tokens: tokens.list(sessionId).length,
      }))
    }
    if (path === '/admin/sessions' && req.method === 'POST') {
      const body = parse(PublishBody, await readJson(req))
      const sid = await publish(body.sessionId, body.title)
      return { sessionId: body.sessionId, title: store.get(sid)?.title ?? null }
    }
    if (path === '/admin/tokens' && req.method === 'POST') {
      const body = parse(MintBody, await readJson(req))
      if (!(await persistence.exists(body.sessionId)))
        throw new HttpError(
          404,
          'That session is not published on this relay. Connect with the admin token first.',
        )
      const t = tokens.issue({
        role: body.role,
        sessionId: body.sessionId,
        ttlMs: body.expiresInSeconds === undefined ? null : body.expiresInSeconds * 1000,
      })
      await save()
      return {
        token: t.token,
        tokenId: t.tokenId,
        sessionId: t.sessionId,
        role: t.role,
        expiresAt: t.expiresAt === null ? null : new Date(t.expiresAt).toISOString(),
      }
    }
    const one = /^\/admin\/tokens\/(tk_[A-Za-z0-9_-]{1,64})$/.exec(path)
    if (one && req.method === 'DELETE') {
      if (!tokens.revoke(one[1]!)) throw new HttpError(404, 'No such token.')
      await save()
      return { revoked: 1 }
    }
    const all = /^\/admin\/sessions\/([A-Za-z0-9_-]{6,64})\/tokens$/.exec(path)
    if (all && req.method === 'DELETE') {
      const revoked = tokens.revokeSession(all[1]!).length
      await save()
      return { revoked }
    }
    throw new HttpError(404, 'No such admin endpoint.')
  }

  /** Images of published sessions, in the relay's session store (as on CoproServer: assetRoutes.ts). */
  const assetRoutes = new AssetRoutes({
    authority,
    assets: {
      put: async (id, bytes) => {
        const sid = aliases.get(id)
        return sid && (await store.exists(sid)) ? putAsset(store.layout.session(sid), bytes) : null
      },
      get: async (id, assetId) => {
        const sid = aliases.get(id)
        return sid && (await store.exists(sid)) ? getAsset(store.layout.session(sid), assetId) : null
      },
    },
  })
  const joins = new IpRateLimit(JOINS_PER_MINUTE)
  /** `POST /api/guest/join`: a device exchanges a minted guest link for its own token (saved in relay.json). */
  const guestJoin = async (req: IncomingMessage): Promise<GuestJoinResponse> => {
    const from = remoteAddress(req)
    if (!isLoopbackAddress(from) && !joins.take(from))
      throw new HttpError(429, 'Too many tries. Wait a minute.')
    const body = parse(GuestJoinRequest, await readJson(req))
    const sid = aliases.get(body.sessionId)
    const s = sid ? store.get(sid) : null
    const issued = s ? exchangeForDevice(tokens, body) : null
    if (!s || !issued || issued.participantId === undefined)
      throw new HttpError(401, 'A valid guest token is required.')
    relay?.preload(body.sessionId)
    return {
      sessionId: body.sessionId,
      title: s.title,
      role: issued.role,
      participantId: issued.participantId,
      deviceToken: issued.token,
    }
  }

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://relay.invalid')
    if (url.pathname.startsWith('/admin/') || url.pathname.startsWith('/api/')) {
      // The facilitator's app calls these from its own origin. Bearer tokens, never cookies: any origin may ask.
      for (const [k, v] of Object.entries(CORS)) res.setHeader(k, v)
      if (req.method === 'OPTIONS') return void res.writeHead(204).end()
    }
    if (url.pathname === '/health' || (url.pathname === '/' && !opts.rendererDir))
      return text(res, 200, 'copro relay: connect a y-websocket client to /sync/<sessionId>?token=…\n')
    if (url.pathname.startsWith('/admin/')) {
      try {
        return json(res, 200, await admin(req, url))
      } catch (err) {
        if (err instanceof HttpError) return json(res, err.status, { error: err.message })
        throw err
      }
    }
    if (url.pathname === GUEST_JOIN_PATH && req.method === 'POST') {
      try {
        return json(res, 200, await guestJoin(req))
      } catch (err) {
        if (err instanceof HttpError) return json(res, err.status, { error: err.message })
        throw err
      }
    }
    if (url.pathname === '/api/guest/session' && req.method === 'GET') {
      const grant = tokens.verify(tokenFrom(req.headers, url))
      const sid = grant ? aliases.get(grant.sessionId) : undefined
      const s = sid ? store.get(sid) : null
      if (!grant || !s) return json(res, 401, { error: 'A valid guest token is required.' })
      relay?.preload(grant.sessionId) // the guest's board connects next: start loading it now
      return json(res, 200, { sessionId: grant.sessionId, title: s.title, role: grant.role })
    }
    if (await assetRoutes.handle(req, res, url, 'main')) return
    // The same unauthenticated helpers as CoproServer, so a guest's page works against either host.
    if (answerPublicEndpoint(url.pathname, res, req, { anyOrigin: true })) return
    if (url.pathname.startsWith('/api/')) return json(res, 404, { error: 'Not found.' })
    if (opts.rendererDir) return serveStatic(opts.rendererDir, req, res)
    text(res, 404, 'not found\n')
  }

  const handler: http.RequestListener = (req, res) => {
    setSecurityHeaders(res)
    onRequest(req, res).catch((err: unknown) => {
      log(`relay: http: ${String(err)}`)
      if (!res.headersSent) json(res, 500, { error: 'The relay failed.' })
    })
  }
  const server = opts.tls
    ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, handler)
    : http.createServer(handler)
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith(SYNC_PATH_PREFIX)) liveRelay.handleUpgrade(req, socket, head)
    else refuseUpgrade(socket, 404)
  })
  server.on('clientError', (_err, socket) => socket.destroy())
  const host = opts.host ?? '127.0.0.1'
  let port: number
  try {
    port = await listen(server, opts.port, host)
  } catch (err) {
    await liveRelay.close()
    tokens.dispose()
    await store.shutdown()
    throw err
  }
  const urlHost = hostForUrl(host)
  let closing: Promise<void> | null = null
  return {
    url: syncServerUrl(urlHost, port, !!opts.tls),
    origin: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    adminToken,
    relay: liveRelay,
    close() {
      closing ??= (async () => {
        tokens.dispose()
        await liveRelay.close()
        await closeServer(server)
        await save()
        await store.shutdown()
      })()
      return closing
    },
  }
}

function mustAlias(aliases: Map<string, string>, id: string): string {
  const sid = aliases.get(id)
  if (sid === undefined) throw new Error(`session ${id} is not published`)
  return sid
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
