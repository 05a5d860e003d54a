import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import * as Y from 'yjs'
import {
  API_EVENTS,
  type ApiEvent,
  type ApiEventPayload,
  type AppInfo,
  type AppSettings,
} from '../../../shared/api'
import { CLOSE_CODES, Relay, SYNC_PATH_PREFIX, syncServerUrl, type RelayOptions } from '../relay'
import type { SessionBackend } from './backend'
import { TemplateService } from '../templates/templateService'
import { createApiHandlers, type HostCapabilities } from './handlers'
import {
  answerPublicEndpoint,
  closeServer,
  createHttpServer,
  hostForUrl,
  type HttpTimeouts,
  json,
  listen,
  readBody,
  refuseUpgrade,
  setSecurityHeaders,
  facilitatorConnectSrc,
} from './http'
import { GuestRoutes, unauthorized } from './guestRoutes'
import { crossSiteRefusal, isAllowedHost, isAppOrigin } from './requestOrigin'
import { AssetRoutes } from './assetRoutes'
import { createRouter, type ApiRouter } from './router'
import { SessionCounts } from './sessionCounts'
import { ShareManager } from './sharing'
import { serveStatic } from './static'
import { authorizeToken, isOwnerToken, newToken, tokenFrom, type TokenAuthority } from './tokens'

/** The part of the relay the server drives; src/core/node/relay implements it. */
export interface SyncRelay {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  getLoadedDoc?(sessionId: string): Y.Doc | undefined
  /** Closes every connection holding this token (sharing stopped, token expired). */
  revokeToken?(tokenId: string): void
  /** Closes every connection to a session with `code` and unloads its room (session trashed). */
  closeSession?(sessionId: string, code?: number): Promise<void> | void
  /** Starts loading a session's document ahead of its first connection. */
  preload?(sessionId: string): void
  close(): Promise<void>
}

/** Who may join a session's room: the facilitator token, or a guest token of that session (tokens.ts). */
export type RelayAuthorizer = RelayOptions['authorize']

export interface CoproServerOptions {
  host?: string
  port?: number
  backend: SessionBackend
  /** Folder with the built renderer (index.html); without it only the API and sync are served. */
  rendererDir?: string | null
  /** Facilitator token; a fresh random one by default. */
  token?: string
  appHost?: AppInfo['host']
  appVersion?: string
  dataDir?: string
  /** Workshop templates; by default the shipped ones plus custom ones in dataDir/templates. */
  templates?: TemplateService
  /** What only this host can do (the desktop app's native menu and PDF printing). */
  capabilities?: HostCapabilities
  /** Replaces the built-in relay (tests, or a relay elsewhere). */
  createRelay?: (opts: { backend: SessionBackend; authorize: RelayAuthorizer }) => SyncRelay
  log?: (msg: string) => void
  /** Origins besides its own that served pages, guests' included, may connect to (a configured hosted relay), for the CSP. */
  connectSrc?: readonly string[]
  /** Connection timeouts of the main and sharing listeners; HTTP_TIMEOUTS by default (tests shorten them). */
  httpTimeouts?: Partial<HttpTimeouts>
}

const MAX_API_BODY = 1024 * 1024

/** sessions.importFile carries a whole portable session file (base64). */
const MAX_IMPORT_BODY = 72 * 1024 * 1024

/**
 * The one server behind every host: Electron's main process and `copro serve` run this same class.
 * It serves the app API (HTTP + WebSocket events), the y-websocket relay at /sync/<sessionId>, and
 * the built renderer.
 */
export class CoproServer {
  readonly token: string
  readonly router: ApiRouter
  private readonly http: Server
  private readonly events = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  readonly relay: SyncRelay
  private readonly unsubscribers: (() => void)[] = []
  private listeners = new Set<(event: ApiEvent, payload: unknown) => void>()
  private boundPort = 0
  /** AppSettings.relays, kept current (settings.changed): named in the facilitator page's CSP. */
  private relayOrigins: readonly string[] = []
  /** The facilitator token and the share manager's guest grants: what every token check here asks. */
  private readonly authority: TokenAuthority
  /** Share session: guest tokens and the extra listeners on shared addresses. */
  readonly sharing: ShareManager
  /** Card and participant counts in the session index (sessions.list never opens a board). */
  readonly counts: SessionCounts
  /** The guest endpoints: join screen lookup, join exchange, join codes (guestRoutes.ts). */
  private readonly guestRoutes: GuestRoutes
  /** A session's images (assetRoutes.ts). */
  private readonly assetRoutes: AssetRoutes

  private constructor(private readonly opts: CoproServerOptions) {
    this.token = opts.token ?? newToken()
    const log = opts.log ?? (() => {})
    this.sharing = new ShareManager({
      handleRequest: (req, res) => this.onRequest(req, res, 'share'),
      handleUpgrade: (req, socket, head) => this.handleUpgrade(req, socket, head, 'share'),
      main: () => ({ host: opts.host ?? '127.0.0.1', port: this.port }),
      session: (id) => opts.backend.get(id),
      closeConnections: (tokenId) => this.relay.revokeToken?.(tokenId),
      emitChanged: (sessionId, shared, guests) => this.emit('share.changed', { sessionId, shared, guests }),
      httpTimeouts: opts.httpTimeouts,
      log,
    })
    this.counts = new SessionCounts({
      backend: opts.backend,
      liveDoc: (sessionId) => this.relay.getLoadedDoc?.(sessionId),
    })
    this.router = createRouter(
      createApiHandlers({
        backend: opts.backend,
        host: opts.capabilities,
        info: () => ({
          name: 'Copro Studio',
          version: opts.appVersion ?? '0.0.0',
          host: opts.appHost ?? 'browser',
          dataDir: opts.dataDir ?? '',
          warnings: [...opts.backend.warnings],
        }),
        connection: (sessionId) => {
          // the board connects right after this answer: have its document loaded by then
          this.relay.preload?.(sessionId)
          return { sessionId, syncUrl: this.syncUrl, token: this.token, sessionRole: 'facilitator' as const }
        },
        emit: (e, p) => this.emit(e, p),
        closeSession: (sessionId) => this.relay.closeSession?.(sessionId, CLOSE_CODES.SESSION_TRASHED),
        sharing: this.sharing,
        templates: opts.templates ?? TemplateService.create({ dataDir: opts.dataDir ?? null }),
        withSessionDoc: (sessionId, fn) => this.withSessionDoc(sessionId, fn),
        counts: this.counts,
        liveApplier: (sessionId) => {
          const doc = this.relay.getLoadedDoc?.(sessionId)
          return doc ? (update) => Y.applyUpdate(doc, update, 'revert') : undefined
        },
      }),
      log,
    )
    this.guestRoutes = new GuestRoutes({
      sharing: this.sharing,
      preload: (sessionId) => this.relay.preload?.(sessionId),
    })
    this.authority = { ownerToken: this.token, ownerTokenId: 'facilitator', grants: this.sharing.tokens }
    this.assetRoutes = new AssetRoutes({ assets: opts.backend.assets, authority: this.authority })
    const authorize: RelayAuthorizer = (sessionId, token) => authorizeToken(this.authority, sessionId, token)
    this.relay = opts.createRelay
      ? opts.createRelay({ backend: opts.backend, authorize })
      : new Relay({
          persistence: this.counts.watch(opts.backend),
          authorize,
          onRoomUnload: (sessionId, doc) => void this.counts.record(sessionId, doc),
          onWarning: (m) => log(`relay: ${m}`),
        })
    opts.backend.attachLiveDocs?.((sessionId) => this.relay.getLoadedDoc?.(sessionId))
    const unsubscribe = opts.backend.onSaveState?.((sessionId, s) =>
      this.emit('session.saveState', {
        sessionId,
        state: s.state,
        ...(s.state === 'error' ? { reason: s.reason } : {}),
      }),
    )
    if (unsubscribe) this.unsubscribers.push(unsubscribe)
    const offRecovery = opts.backend.onRecovery?.((sessionId, message) =>
      this.emit('session.recovery', { sessionId, message: message.slice(0, 4000) }),
    )
    if (offRecovery) this.unsubscribers.push(offRecovery)
    this.http = createHttpServer((req, res) => this.onRequest(req, res, 'main'), {
      timeouts: opts.httpTimeouts,
    })
    this.http.on('upgrade', (req, socket, head) => this.handleUpgrade(req, socket, head, 'main'))
  }

  static async start(opts: CoproServerOptions): Promise<CoproServer> {
    const server = new CoproServer(opts)
    // the hosted relays the facilitator publishes to: the only other origins its page may reach
    server.relayOrigins = (await opts.backend.getSettings()).relays
    server.boundPort = await listen(server.http, opts.port ?? 0, opts.host ?? '127.0.0.1')
    return server
  }

  get port(): number {
    return this.boundPort
  }

  get host(): string {
    return hostForUrl(this.opts.host ?? '127.0.0.1')
  }

  get baseUrl(): string {
    return `http://${this.host}:${this.port}`
  }

  /** The URL printed by `copro serve`: opens the workbench with the facilitator token. */
  get url(): string {
    return `${this.baseUrl}/?token=${this.token}`
  }

  get syncUrl(): string {
    return syncServerUrl(this.host, this.port)
  }

  /** In-process event subscription, used by Electron's main to forward events over IPC. */
  onEvent(listener: (event: ApiEvent, payload: unknown) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<E extends ApiEvent>(event: E, payload: ApiEventPayload<E>): void {
    const checked = API_EVENTS[event].safeParse(payload)
    if (!checked.success) return
    if (event === 'settings.changed') this.relayOrigins = (checked.data as AppSettings).relays
    for (const l of this.listeners) l(event, checked.data)
    const frame = JSON.stringify({ event, payload: checked.data })
    for (const ws of this.events.clients) if (ws.readyState === ws.OPEN) ws.send(frame)
  }

  async close(): Promise<void> {
    await this.sharing.close()
    for (const u of this.unsubscribers) u()
    for (const ws of this.events.clients) ws.terminate()
    this.events.close()
    await this.relay.close()
    await closeServer(this.http)
    await this.opts.backend.shutdown()
  }

  /** See HandlerDeps.withSessionDoc. */
  async withSessionDoc<T>(sessionId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const live = this.relay.getLoadedDoc?.(sessionId)
    if (live) return fn(live)
    const doc = new Y.Doc()
    try {
      for (const u of await this.opts.backend.load(sessionId)) Y.applyUpdate(doc, u)
      const before = Y.encodeStateVector(doc)
      const result = fn(doc)
      const diff = Y.encodeStateAsUpdate(doc, before)
      // An empty diff is two bytes (no structs, no deletes); only real changes are saved.
      if (diff.length > 2) {
        this.opts.backend.append(sessionId, diff)
        await this.opts.backend.flush(sessionId)
      }
      return result
    } finally {
      doc.destroy()
    }
  }

  /** `via` is 'share' for requests reaching a sharing listener: guests only, no app API there. */
  private onRequest(req: IncomingMessage, res: ServerResponse, via: 'main' | 'share'): void {
    // Guests (sharing listeners) may reach only this server (and a configured relay); the facilitator's
    // own page on the loopback listener may also reach the hosted relay typed in at run time.
    const extra = this.opts.connectSrc ?? []
    setSecurityHeaders(res, via === 'share' ? extra : [...extra, ...facilitatorConnectSrc(this.relayOrigins)])
    this.handleRequest(req, res, via).catch((err) => {
      this.opts.log?.(`http: ${String(err)}`)
      if (!res.headersSent) res.writeHead(500).end()
    })
  }

  private async handleRequest(
    req: IncomingMessage,
    res: ServerResponse,
    via: 'main' | 'share',
  ): Promise<void> {
    // DNS rebinding: a foreign name in Host is not this server (requestOrigin.ts).
    if (!isAllowedHost(req.headers.host, this.opts.host ?? '127.0.0.1')) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Misdirected request')
      return
    }
    const url = new URL(req.url ?? '/', 'http://localhost')
    // Public, secret-free endpoints, for this server's own pages only (http.ts answerPublicEndpoint).
    if (answerPublicEndpoint(url.pathname, res, req, { anyOrigin: false })) return
    if (await this.guestRoutes.handle(req, res, url)) return
    if (await this.assetRoutes.handle(req, res, url, via)) return
    if (url.pathname.startsWith('/api/') && via === 'share') return unauthorized(res)
    if (url.pathname.startsWith('/api/')) return this.handleApi(req, res, url)
    if (this.opts.rendererDir) return serveStatic(this.opts.rendererDir, req, res)
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
  }

  private async handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!isOwnerToken(this.authority, tokenFrom(req.headers, url))) {
      return json(res, 401, {
        ok: false,
        error: { code: 'unauthorized', message: 'A valid token is required.' },
      })
    }
    const m = /^\/api\/call\/([A-Za-z.]{1,64})$/.exec(url.pathname)
    if (!m)
      return json(res, 404, { ok: false, error: { code: 'unknown_method', message: 'No such endpoint.' } })
    if (req.method !== 'POST')
      return json(res, 405, { ok: false, error: { code: 'invalid_arguments', message: 'Use POST.' } })
    // Cross-site calls: never from another website's page, and only as JSON (requestOrigin.ts).
    const refusal = crossSiteRefusal(req)
    if (refusal) return json(res, refusal.status, { ok: false, error: refusal.error })
    const body = await readBody(req, m[1] === 'sessions.importFile' ? MAX_IMPORT_BODY : MAX_API_BODY)
    if (body === null) {
      return json(res, 413, {
        ok: false,
        error: { code: 'invalid_arguments', message: 'The request is too large.' },
      })
    }
    let args: unknown
    try {
      args = body.length ? JSON.parse(body) : {}
    } catch {
      return json(res, 400, {
        ok: false,
        error: { code: 'invalid_arguments', message: 'The request is not valid JSON.' },
      })
    }
    const result = await this.router.call(m[1], args, { transport: 'http' })
    const status = result.ok ? 200 : httpStatus(result.error.code)
    json(res, status, result)
  }

  private handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, via: 'main' | 'share'): void {
    // DNS rebinding, then cross-site websockets (requestOrigin.ts), before any token is looked at.
    if (!isAllowedHost(req.headers.host, this.opts.host ?? '127.0.0.1')) return refuseUpgrade(socket, 421)
    if (!isAppOrigin(req)) return refuseUpgrade(socket, 403)
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    } catch {
      socket.destroy()
      return
    }
    if (url.pathname.startsWith(SYNC_PATH_PREFIX)) {
      const token = url.searchParams.get('token')
      const sessionId = url.pathname.slice(SYNC_PATH_PREFIX.length)
      if (via === 'share' && isOwnerToken(this.authority, token)) {
        // The facilitator token never travels over a shared address; refuse it there outright.
        refuseUpgrade(socket, 403)
        return
      }
      const guest = this.sharing.authorize(sessionId, token)
      if (guest) this.sharing.trackGuest(sessionId, socket, guest.participantId ?? null)
      this.relay.handleUpgrade(req, socket, head)
      return
    }
    if (url.pathname === '/api/events') {
      this.events.handleUpgrade(req, socket, head, (ws: WebSocket) => {
        if (via === 'share' || !isOwnerToken(this.authority, tokenFrom(req.headers, url))) {
          ws.close(4401, 'unauthorized')
          return
        }
        ws.on('message', () => ws.close(4400, 'this socket only sends events'))
        ws.on('error', () => ws.terminate())
      })
      return
    }
    socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
    socket.destroy()
  }
}

function httpStatus(code: string): number {
  switch (code) {
    case 'invalid_arguments':
      return 400
    case 'unauthorized':
      return 401
    case 'forbidden':
      return 403
    case 'not_found':
    case 'unknown_method':
      return 404
    case 'conflict':
      return 409
    case 'unavailable':
      return 503
    default:
      return 500
  }
}
