import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import * as Y from 'yjs'
import { API_EVENTS, type ApiEvent, type ApiEventPayload, type AppInfo } from '../../../shared/api'
import { Relay } from '../relay'
import type { SessionBackend } from './backend'
import { TemplateService } from '../templates/templateService'
import { boardStats } from '../../common/session/stats'
import { createApiHandlers } from './handlers'
import { createRouter, type ApiRouter } from './router'
import { ShareManager } from './sharing'
import { serveStatic } from './static'
import { newToken, sameToken, tokenFrom } from './tokens'

/** The part of the relay the server drives; src/core/node/relay implements it. */
export interface SyncRelay {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  getLoadedDoc?(sessionId: string): Y.Doc | undefined
  /** Closes every connection holding this token (sharing stopped, token expired). */
  revokeToken?(tokenId: string): void
  /** Starts loading a session's document ahead of its first connection. */
  preload?(sessionId: string): void
  close(): Promise<void>
}

export interface RelayAuthorizer {
  (sessionId: string, token: string | null): Promise<RelayAuth | null> | RelayAuth | null
}
export interface RelayAuth {
  sessionRole: 'facilitator' | 'co-facilitator' | 'participant' | 'observer'
  participantId?: string
  tokenId: string
}

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
  /** Replaces the built-in relay (tests, or a relay elsewhere). */
  /** Workshop templates; by default the shipped ones plus custom ones in dataDir/templates. */
  templates?: TemplateService
  createRelay?: (opts: { backend: SessionBackend; authorize: RelayAuthorizer }) => SyncRelay
  log?: (msg: string) => void
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
  private address: AddressInfo | null = null
  /** Share session: guest tokens and the extra listeners on shared addresses. */
  readonly sharing: ShareManager

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
      log,
    })
    this.router = createRouter(
      createApiHandlers({
        backend: opts.backend,
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
        sharing: this.sharing,
        templates: opts.templates ?? TemplateService.create({ dataDir: opts.dataDir ?? null }),
        withSessionDoc: (sessionId, fn) => this.withSessionDoc(sessionId, fn),
        refreshLiveStats: () => this.refreshLiveStats(),
        liveApplier: (sessionId) => {
          const doc = this.relay.getLoadedDoc?.(sessionId)
          return doc ? (update) => Y.applyUpdate(doc, update, 'revert') : undefined
        },
      }),
      log,
    )
    const authorize: RelayAuthorizer = (sessionId, token) => this.authorize(sessionId, token)
    this.relay = opts.createRelay
      ? opts.createRelay({ backend: opts.backend, authorize })
      : new Relay({ persistence: opts.backend, authorize, onWarning: (m) => log(`relay: ${m}`) })
    opts.backend.attachLiveDocs?.((sessionId) => this.relay.getLoadedDoc?.(sessionId))
    const unsubscribe = opts.backend.onSaveState?.((sessionId, s) =>
      this.emit('session.saveState', {
        sessionId,
        state: s.state,
        ...(s.state === 'error' ? { reason: s.reason } : {}),
      }),
    )
    if (unsubscribe) this.unsubscribers.push(unsubscribe)
    this.http = createServer((req, res) => this.onRequest(req, res, 'main'))
    this.http.on('upgrade', (req, socket, head) => this.handleUpgrade(req, socket, head, 'main'))
    this.http.on('clientError', (_err, socket) => socket.destroy())
  }

  static async start(opts: CoproServerOptions): Promise<CoproServer> {
    const server = new CoproServer(opts)
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', reject)
      server.http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
        server.http.off('error', reject)
        resolve()
      })
    })
    server.address = server.http.address() as AddressInfo
    return server
  }

  get port(): number {
    return this.address?.port ?? 0
  }

  get host(): string {
    const h = this.opts.host ?? '127.0.0.1'
    return h.includes(':') ? `[${h}]` : h
  }

  get baseUrl(): string {
    return `http://${this.host}:${this.port}`
  }

  /** The URL printed by `copro serve`: opens the workbench with the facilitator token. */
  get url(): string {
    return `${this.baseUrl}/?token=${this.token}`
  }

  get syncUrl(): string {
    return `ws://${this.host}:${this.port}/sync`
  }

  /** In-process event subscription, used by Electron's main to forward events over IPC. */
  onEvent(listener: (event: ApiEvent, payload: unknown) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<E extends ApiEvent>(event: E, payload: ApiEventPayload<E>): void {
    const checked = API_EVENTS[event].safeParse(payload)
    if (!checked.success) return
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
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve())
      this.http.closeAllConnections()
    })
    await this.opts.backend.shutdown()
  }

  /** Facilitator token: every session. Guest tokens (share session): their own session only. */
  /** Card and participant counts of every session whose board is live, for the Sessions view. */
  async refreshLiveStats(): Promise<void> {
    const backend = this.opts.backend
    if (!backend.updateStats || !this.relay.getLoadedDoc) return
    for (const s of await backend.list({})) {
      const doc = this.relay.getLoadedDoc(s.id)
      if (!doc) continue
      const stats = boardStats(doc)
      if (stats.cardCount !== s.cardCount || stats.participantCount !== s.participantCount) {
        await backend.updateStats(s.id, stats).catch(() => undefined)
      }
    }
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

  private authorize(sessionId: string, token: string | null): RelayAuth | null {
    if (sameToken(token, this.token)) return { sessionRole: 'facilitator', tokenId: 'facilitator' }
    const grant = this.sharing.authorize(sessionId, token)
    return grant ? { sessionRole: grant.role, tokenId: grant.tokenId } : null
  }

  /** `via` is 'share' for requests reaching a sharing listener: guests only, no app API there. */
  private onRequest(req: IncomingMessage, res: ServerResponse, via: 'main' | 'share'): void {
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
    const url = new URL(req.url ?? '/', 'http://localhost')
    // Public, secret-free endpoints: any origin may read them (the desktop page is file://, a
    // guest's may be another host), so the relay clock works everywhere.
    if (url.pathname === '/api/health') return json(res, 200, { ok: true }, PUBLIC_CORS)
    if (url.pathname === '/api/time') return json(res, 200, { now: Date.now() }, PUBLIC_CORS)
    if (url.pathname === '/api/guest/session') return this.handleGuestSession(req, res, url)
    if (url.pathname.startsWith('/api/') && via === 'share') return unauthorized(res)
    if (url.pathname.startsWith('/api/')) return this.handleApi(req, res, url)
    if (this.opts.rendererDir) return serveStatic(this.opts.rendererDir, req, res)
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
  }

  private async handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!sameToken(tokenFrom(req.headers, url), this.token)) {
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

  /** The join screen's one question: which session and role does this guest token give? */
  private async handleGuestSession(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET')
      return json(res, 405, { ok: false, error: { code: 'invalid_arguments', message: 'Use GET.' } })
    const info = await this.sharing.guestSession(tokenFrom(req.headers, url))
    if (!info) return unauthorized(res)
    // the guest's board connects right after the join screen: have its document loaded by then
    this.relay.preload?.(info.sessionId)
    json(res, 200, info)
  }

  private handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, via: 'main' | 'share'): void {
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    } catch {
      socket.destroy()
      return
    }
    if (url.pathname.startsWith('/sync/')) {
      const token = url.searchParams.get('token')
      const sessionId = url.pathname.slice('/sync/'.length)
      if (via === 'share' && sameToken(token, this.token)) {
        // The facilitator token never travels over a shared address; refuse it there outright.
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
        return
      }
      if (this.sharing.authorize(sessionId, token)) this.sharing.trackGuest(sessionId, socket)
      this.relay.handleUpgrade(req, socket, head)
      return
    }
    if (url.pathname === '/api/events') {
      this.events.handleUpgrade(req, socket, head, (ws: WebSocket) => {
        if (via === 'share' || !sameToken(tokenFrom(req.headers, url), this.token)) {
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

const PUBLIC_CORS = { 'access-control-allow-origin': '*' }

function json(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...extra,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(text)
}

function unauthorized(res: ServerResponse): void {
  json(res, 401, { ok: false, error: { code: 'unauthorized', message: 'A valid token is required.' } })
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

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooBig = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) tooBig = true
      else chunks.push(c)
    })
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
