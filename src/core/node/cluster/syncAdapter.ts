import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type {
  Document,
  Extension,
  Hocuspocus,
  afterLoadDocumentPayload,
  onAuthenticatePayload,
  onStatelessPayload,
} from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import { WebSocketServer, type WebSocket } from 'ws'
import { DURABLE_PREFIX, HP, HP_AUTH, authMessage, docPrefix, requestAsStateless } from './hocuspocusWire'
import type { DurableAcks } from '../relay/durableAcks'
import { CLOSE_CODES, RelayAuthResult, parseSyncUrl, type RelayLimits } from '../relay'
import { RelayConnection, waitClosed } from '../relay/connection'
import { connectionBudgetRefusal, resolveLimits } from '../relay/limits'
import {
  MalformedMessageError,
  encodePermissionDenied,
  isEmptyUpdate,
  parseClientMessage,
} from '../relay/messages'
import { READ_ONLY_REASON } from '../relay/room'
import { wsErrorCloseCode } from '../relay/closeCodes'
import type { RulesContext } from './sessionRules'
import type { AdmissionBudget } from './clusterBudget'

const SYNC_UPDATE = 2

/** What the adapter passes to Hocuspocus as a connection's context. */
export interface AdapterContext extends RulesContext {
  auth: RelayAuthResult
}

export interface SyncAdapterOptions {
  /** Decide whether `token` may join `sessionId`; null = refuse (4401 without a token, else 4403). */
  authorize(sessionId: string, token: string | null): Promise<RelayAuthResult | null>
  /** Whether the session exists (4404 otherwise). Asked after authorize, as the laptop relay does. */
  exists(sessionId: string): Promise<boolean>
  limits?: Partial<RelayLimits>
  /** Durability acknowledgements for clients that ask (`?acks=1`): flush = the PostgreSQL log's. */
  acks?: DurableAcks<RelayConnection>
  /** Connection budgets counted across the cluster (clusterBudget.ts); this node's own count when absent. */
  budget?: AdmissionBudget
  now?: () => number
  pingIntervalMs?: number
  admissionTimeoutMs?: number
  onWarning?: (message: string, error?: unknown) => void
}

type ClientConnection = ReturnType<Hocuspocus['handleConnection']>

interface Adapted {
  conn: RelayConnection
  /** The document name, as a Hocuspocus message prefix (a varString). */
  prefix: Uint8Array
  client: ClientConnection | null
  /** The object Hocuspocus sees as the socket. */
  shim: { readyState: number; send(data: unknown): void; close(code?: number): void }
}

/**
 * Serves the y-websocket protocol of docs/protocol/relay.md at /sync/<sessionId>?token=… on top of a
 * Hocuspocus instance, so stock y-websocket clients (the desktop app's publish flow, guests' browsers)
 * work against a cluster node unchanged. In front of Hocuspocus it does what the laptop relay does —
 * URL parsing, authorization, the session check, connection, frame and rate limits, frame validation
 * (4400), slow consumers, observers' dropped writes, keep-alive pings — reusing the relay's own code.
 * Between the client and Hocuspocus it adds the document name to every frame and sends Hocuspocus's
 * auth message on the client's behalf; back to the client it strips the name, turns SyncReply into
 * sync, and drops what stock clients do not know (acks, stateless, pings) and the echo of a client's
 * own update. It is also a Hocuspocus extension (register it): onAuthenticate applies the role.
 */
export class SyncAdapter implements Extension {
  readonly limits: RelayLimits
  /** Runs before other extensions' hooks. */
  priority = 2000
  private hocuspocus: Hocuspocus | null = null
  private readonly wss: WebSocketServer
  private readonly conns = new Set<Adapted>()
  private readonly dropped = new Map<string, number>()
  /** The origin of the transaction each document is in, to recognise the echo of a client's own update. */
  private readonly origins = new WeakMap<Document, unknown>()
  private readonly pingTimer: NodeJS.Timeout
  private readonly now: () => number
  private readonly warn: (message: string, error?: unknown) => void
  private readonly admissionTimeoutMs: number
  private closing = false

  constructor(private readonly opts: SyncAdapterOptions) {
    this.limits = resolveLimits(opts.limits)
    this.now = opts.now ?? Date.now
    this.warn = opts.onWarning ?? (() => {})
    this.admissionTimeoutMs = opts.admissionTimeoutMs ?? 15_000
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.limits.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
    })
    this.pingTimer = setInterval(() => this.pingAll(), opts.pingIntervalMs ?? 30_000)
    this.pingTimer.unref()
  }

  /** Binds the adapter to its Hocuspocus instance (created with this adapter among its extensions). */
  attach(hocuspocus: Hocuspocus): void {
    this.hocuspocus = hocuspocus
  }

  // ---- Hocuspocus extension hooks ----

  async onAuthenticate({ context, connectionConfig }: onAuthenticatePayload): Promise<void> {
    const auth = (context as Partial<AdapterContext> | undefined)?.auth
    if (!auth) throw new Error('not admitted by the adapter')
    connectionConfig.readOnly = auth.sessionRole === 'observer'
  }

  /** A client's durability request, queued behind its earlier frames (see forward): answered after them. */
  async onStateless({ payload, connection }: onStatelessPayload): Promise<void> {
    if (!payload.startsWith(DURABLE_PREFIX)) return
    const conn = (connection.context as Partial<AdapterContext> | undefined)?.conn
    const n = Number(payload.slice(DURABLE_PREFIX.length))
    // after the appends that the earlier updates' onChange hooks queued (microtasks) have run
    if (conn && this.opts.acks) setImmediate(() => this.opts.acks?.request(conn, n))
  }

  async afterLoadDocument({ document }: afterLoadDocumentPayload): Promise<void> {
    // Set right before each transaction's 'update' event (a transaction started inside another's
    // observers — the board recorder's — begins before the first one's update is sent).
    document.on('afterTransactionCleanup', (tr: { origin: unknown }) => this.origins.set(document, tr.origin))
  }

  // ---- the front door ----

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    socket.on('error', () => socket.destroy())
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req))
  }

  /** Closes every connection holding this token with 4410 (on this node). */
  revokeToken(tokenId: string): void {
    for (const a of [...this.conns])
      if (a.conn.auth?.tokenId === tokenId) a.conn.close(CLOSE_CODES.TOKEN_REVOKED)
  }

  /** Closes every connection of a session (4420 by default) on this node. */
  closeSession(sessionId: string, code: number = CLOSE_CODES.SESSION_CLOSED): void {
    for (const a of [...this.conns]) if (a.conn.sessionId === sessionId) a.conn.close(code)
  }

  /** The token ids held by live connections on this node (to re-check against the database). */
  liveTokenIds(): string[] {
    const ids = new Set<string>()
    for (const a of this.conns)
      if (a.conn.auth && a.conn.auth.tokenId !== 'admin') ids.add(a.conn.auth.tokenId)
    return [...ids]
  }

  /** The sessions with live connections on this node. */
  liveSessionIds(): string[] {
    return [...new Set([...this.conns].filter((a) => a.conn.auth).map((a) => a.conn.sessionId))]
  }

  sessionInfo(sessionId: string): { connections: number; observers: number; droppedObserverUpdates: number } {
    let connections = 0
    let observers = 0
    for (const a of this.conns) {
      if (a.conn.sessionId !== sessionId || a.conn.state !== 'joined') continue
      connections++
      if (a.conn.isObserver) observers++
    }
    return { connections, observers, droppedObserverUpdates: this.dropped.get(sessionId) ?? 0 }
  }

  /** Closes every socket with 1001. Hocuspocus itself is destroyed by the caller afterwards. */
  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    clearInterval(this.pingTimer)
    const sockets = [...this.conns].map((a) => a.conn.ws)
    for (const a of [...this.conns]) a.conn.close(CLOSE_CODES.GOING_AWAY)
    await Promise.all(sockets.map((ws) => waitClosed(ws, 1000)))
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const parsed = parseSyncUrl(req.url)
    const conn = new RelayConnection(
      ws,
      parsed.ok ? parsed.sessionId : '',
      this.limits.maxMessagesPerSecond,
      this.limits.maxFramesPerSecond,
      this.now,
      this.limits.maxBufferedBytes,
    )
    const a: Adapted = {
      conn,
      prefix: docPrefix(conn.sessionId),
      client: null,
      shim: {
        get readyState() {
          return ws.readyState
        },
        send: (data) => this.toClient(a, data),
        // Hocuspocus closes a socket itself only after an internal error or its idle timeout.
        close: (code) => conn.close(code === 4408 ? CLOSE_CODES.GOING_AWAY : CLOSE_CODES.INTERNAL_ERROR),
      },
    }
    this.conns.add(a)
    conn.wantsAcks = parsed.ok && parsed.acks
    conn.onClosed = () => {
      this.conns.delete(a)
      this.opts.budget?.release(conn)
      a.client?.handleClose({ code: conn.closeCode ?? 1000, reason: '' })
    }
    ws.on('message', (data, isBinary) => this.onFrame(a, data, isBinary))
    ws.on('close', (code: number) => conn.close(code, true))
    ws.on('error', (err: Error) => conn.close(wsErrorCloseCode(err)))
    ws.on('pong', () => {
      conn.alive = true
    })
    if (this.closing) return conn.close(CLOSE_CODES.GOING_AWAY)
    if (!parsed.ok)
      return conn.close(
        parsed.reason === 'bad-token' ? CLOSE_CODES.TOKEN_REFUSED : CLOSE_CODES.UNKNOWN_SESSION,
      )
    const timer = setTimeout(() => {
      if (conn.state === 'pending') conn.close(CLOSE_CODES.ADMISSION_TIMEOUT)
    }, this.admissionTimeoutMs)
    timer.unref()
    void this.admit(a, parsed.token).finally(() => clearTimeout(timer))
  }

  private async admit(a: Adapted, token: string | null): Promise<void> {
    const { conn } = a
    const sessionId = conn.sessionId
    let auth: RelayAuthResult | null
    let exists = false
    try {
      const raw = await this.opts.authorize(sessionId, token)
      auth = raw === null ? null : RelayAuthResult.parse(raw)
      if (auth && !conn.isClosed()) exists = await this.opts.exists(sessionId)
    } catch (err) {
      this.warn(`cluster: admitting a connection to ${sessionId} failed`, err)
      return conn.close(CLOSE_CODES.INTERNAL_ERROR)
    }
    if (conn.isClosed()) return
    if (auth === null)
      return conn.close(token === null ? CLOSE_CODES.TOKEN_MISSING : CLOSE_CODES.TOKEN_REFUSED)
    if (!exists) return conn.close(CLOSE_CODES.UNKNOWN_SESSION)
    // ADR 0039's budget across the cluster (clusterBudget.ts), then over this node's own connections.
    const cluster = await this.opts.budget?.admit(conn, auth, this.limits)
    const here = [...this.conns].filter((c) => c.conn.sessionId === sessionId && c.conn.state === 'joined')
    const refusal = cluster ?? connectionBudgetRefusal(this.limits, new Set(here.map((c) => c.conn)), auth)
    if (conn.isClosed()) return
    if (refusal !== null) return conn.close(refusal)
    if (!this.hocuspocus) throw new Error('SyncAdapter.attach(hocuspocus) was not called')
    conn.auth = auth
    conn.state = 'joined'
    const context: AdapterContext = { auth, conn }
    // The url carries no token: Hocuspocus hooks and logs never see it.
    a.client = this.hocuspocus.handleConnection(
      a.shim,
      new Request(`http://copro.invalid/sync/${sessionId}`),
      context,
    )
    // Hocuspocus waits for an auth message before anything else; the client's token went in the url.
    a.client.handleMessage(authMessage(a.prefix, token ?? ''))
    if (conn.wantsAcks) this.opts.acks?.hello(conn)
    const backlog = conn.backlog.splice(0)
    conn.backlogBytes = 0
    for (const frame of backlog) {
      if (conn.isClosed()) break
      this.forward(a, frame)
    }
  }

  private onFrame(a: Adapted, data: unknown, isBinary: boolean): void {
    const { conn } = a
    if (conn.state === 'closed') return
    if (!conn.takeMessage()) return conn.close(CLOSE_CODES.RATE_LIMITED)
    if (!isBinary || !Buffer.isBuffer(data)) return conn.close(CLOSE_CODES.MALFORMED_MESSAGE)
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    if (conn.state === 'pending') {
      conn.backlogBytes += frame.byteLength
      if (conn.backlogBytes > this.limits.maxMessageBytes) return conn.close(CLOSE_CODES.RATE_LIMITED)
      conn.backlog.push(frame)
      return
    }
    this.forward(a, frame)
  }

  /** Validates one client frame completely, applies the role, and hands it to Hocuspocus. */
  private forward(a: Adapted, frame: Uint8Array): void {
    const { conn } = a
    let kind: string
    let stateless: Uint8Array | null
    try {
      const message = parseClientMessage(frame)
      kind = message.kind
      stateless = requestAsStateless(message)
      if ((message.kind === 'sync-step2' || message.kind === 'sync-update') && conn.isObserver) {
        if (isEmptyUpdate(message.update)) return
        this.dropped.set(conn.sessionId, (this.dropped.get(conn.sessionId) ?? 0) + 1)
        if (!conn.toldReadOnly) {
          conn.toldReadOnly = true
          conn.send(encodePermissionDenied(READ_ONLY_REASON))
        }
        return
      }
    } catch (err) {
      if (!(err instanceof MalformedMessageError)) this.warn('cluster: a frame could not be parsed', err)
      return conn.close(CLOSE_CODES.MALFORMED_MESSAGE)
    }
    // Clients have nothing to say in the auth sub-protocol (and Hocuspocus would log it as an error).
    if (kind === 'auth') return
    // A durability or moderation request (clusterModeration.ts) goes through Hocuspocus's queue for this
    // connection as a stateless message, so it is handled once every earlier frame has been applied.
    const body = stateless ?? frame
    const out = new Uint8Array(a.prefix.length + body.length)
    out.set(a.prefix, 0)
    out.set(body, a.prefix.length)
    a.client?.handleMessage(out)
  }

  /** A Hocuspocus frame for this client: strip the document name and keep what y-websocket speaks. */
  private toClient(a: Adapted, data: unknown): void {
    const { conn } = a
    if (conn.state !== 'joined' || !(data instanceof Uint8Array)) return
    const decoder = decoding.createDecoder(data)
    decoding.readVarString(decoder)
    const start = decoder.pos
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case HP.Sync: {
        if (this.isEcho(a, decoder)) return
        return conn.send(data.subarray(start))
      }
      case HP.SyncReply: {
        const out = data.slice(start)
        out[0] = HP.Sync
        return conn.send(out)
      }
      case HP.Awareness:
      case HP.QueryAwareness:
        return conn.send(data.subarray(start))
      case HP.Auth: {
        const sub = decoding.readVarUint(decoder)
        if (sub === HP_AUTH.PermissionDenied) {
          // The adapter admitted this client already: a refusal now means the document failed to load.
          const reason = decoding.hasContent(decoder) ? decoding.readVarString(decoder) : ''
          this.warn(`cluster: Hocuspocus refused ${conn.sessionId}: ${reason}`)
          conn.close(CLOSE_CODES.INTERNAL_ERROR)
        }
        return
      }
      case HP.Close:
        // Hocuspocus dropped this document connection (an internal error): the client reconnects.
        return conn.close(CLOSE_CODES.INTERNAL_ERROR)
      default:
        // SyncStatus (acks), Stateless, BroadcastStateless, Ping, Pong: not part of the y-websocket protocol.
        return
    }
  }

  /** Whether a sync frame is an update that this very client sent (Hocuspocus broadcasts to everyone). */
  private isEcho(a: Adapted, decoder: decoding.Decoder): boolean {
    if (decoding.readVarUint(decoder) !== SYNC_UPDATE) return false
    const doc = this.hocuspocus?.documents.get(a.conn.sessionId)
    const origin = doc ? this.origins.get(doc) : undefined
    if (typeof origin !== 'object' || origin === null) return false
    const o = origin as { source?: unknown; connection?: { webSocket?: unknown } }
    return o.source === 'connection' && o.connection?.webSocket === a.shim
  }

  private pingAll(): void {
    for (const a of [...this.conns]) {
      const { conn } = a
      if (!conn.alive) {
        conn.ws.terminate()
        conn.close(CLOSE_CODES.GOING_AWAY)
        continue
      }
      conn.alive = false
      try {
        conn.ws.ping()
      } catch {
        conn.close(CLOSE_CODES.GOING_AWAY)
      }
    }
  }
}
