import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type * as Y from 'yjs'
import { CLOSE_CODES, RelayRefusal, wsErrorCloseCode } from './closeCodes'
import { RelayConnection, waitClosed } from './connection'
import { connectionBudgetRefusal, type RelayLimits, resolveLimits } from './limits'
import { type AwarenessBounds, MalformedMessageError, parseClientMessage } from './messages'
import type { RoomPersistence } from './persistence'
import { Room } from './room'
import { DurableAcks } from './durableAcks'
import { RelayAuthResult, type RelayOptions } from './options'
import { sessionInfoOf, type RelaySessionInfo, type RelayStats } from './stats'
import { parseSyncUrl } from './syncUrl'

export type { RelayOptions } from './options'
export type { RelaySessionInfo, RelayStats } from './stats'

/** How long a preloaded room waits for its first connection. */
const PRELOAD_HOLD_MS = 10_000

interface RoomEntry {
  promise: Promise<Room>
  room: Room | null
  waiting: number // connections waiting for this room to load; it is not unloaded while any wait
  endPreload: (() => void) | null // ends a preload's hold (counted in `waiting`); null: none
}

/**
 * The sync relay: the y-websocket protocol (sync + awareness) at /sync/<sessionId>, one authoritative
 * Y.Doc per session, loaded through RoomPersistence and unloaded when its last client leaves.
 * See docs/protocol/relay.md.
 */
export class Relay {
  readonly limits: RelayLimits
  private readonly wss: WebSocketServer
  private readonly persistence: RoomPersistence
  private readonly authorizeFn: RelayOptions['authorize']
  private readonly now: () => number
  private readonly warn: (message: string, error?: unknown) => void
  private readonly onRoomUnload: RelayOptions['onRoomUnload']
  private readonly conns = new Set<RelayConnection>()
  private readonly rooms = new Map<string, RoomEntry>()
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly pingTimer: NodeJS.Timeout
  private readonly admissionTimeoutMs: number
  private closing: Promise<void> | null = null
  private readonly awarenessBounds: AwarenessBounds
  private readonly acks: DurableAcks<RelayConnection>
  private readonly counters: RelayStats = {
    accepted: 0,
    joined: 0,
    closedByCode: {},
    malformedMessages: 0,
    refusedMessages: 0,
    loadedRooms: 0,
  }

  constructor(opts: RelayOptions) {
    this.limits = resolveLimits(opts.limits)
    this.awarenessBounds = {
      maxEntries: this.limits.maxAwarenessStatesPerSession, // a stock client echoes one relay message whole
      maxStateBytes: this.limits.maxAwarenessStateBytes,
    }
    this.persistence = opts.persistence
    this.authorizeFn = opts.authorize
    this.now = opts.now ?? Date.now
    this.warn = opts.onWarning ?? (() => {})
    this.onRoomUnload = opts.onRoomUnload
    this.wss = new WebSocketServer({
      noServer: true,
      // Up to twice the limit a frame is read and refused with the permanent 4415 (after ws's own 1009 a stock client re-sends forever).
      maxPayload: this.limits.maxMessageBytes * 2,
      perMessageDeflate: false,
      clientTracking: false,
    })
    this.admissionTimeoutMs = opts.admissionTimeoutMs ?? 15_000
    this.pingTimer = setInterval(() => this.pingAll(), opts.pingIntervalMs ?? 30_000)
    this.pingTimer.unref()
    this.acks = new DurableAcks({ flush: (id) => this.persistence.flush(id), saveStates: this.persistence })
  }

  /** For an http.Server 'upgrade' event whose path starts with /sync/ */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    socket.on('error', () => socket.destroy())
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req))
  }

  /** Close every connection whose tokenId matches (sharing stopped / token revoked). */
  revokeToken(tokenId: string): void {
    for (const conn of [...this.conns]) {
      if (conn.auth?.tokenId === tokenId) this.closeConn(conn, CLOSE_CODES.TOKEN_REVOKED)
    }
  }

  /**
   * Close all connections to one session (e.g. session trashed) and unload its room (a preload hold
   * ends too); resolves once the room's persistence has closed, so nothing of it stays in memory.
   */
  closeSession(sessionId: string, code: number = CLOSE_CODES.SESSION_CLOSED): Promise<void> {
    for (const conn of [...this.conns]) if (conn.sessionId === sessionId) this.closeConn(conn, code)
    this.rooms.get(sessionId)?.endPreload?.()
    return this.unloading.get(sessionId) ?? Promise.resolve()
  }

  /** What each joined connection to a session was granted (who is connected: diagnostics, tests). */
  connectionAuths(sessionId: string): RelayAuthResult[] {
    const room = this.rooms.get(sessionId)?.room
    return room ? [...room.conns].flatMap((c) => (c.auth ? [c.auth] : [])) : []
  }

  sessionInfo(sessionId: string): RelaySessionInfo {
    return sessionInfoOf(this.rooms.get(sessionId)?.room ?? null)
  }

  /** The live doc if the session is loaded (for exports of a live session). Do not destroy it. */
  getLoadedDoc(sessionId: string): Y.Doc | undefined {
    return this.rooms.get(sessionId)?.room?.doc
  }

  stats(): RelayStats {
    return {
      ...this.counters,
      closedByCode: { ...this.counters.closedByCode },
      loadedRooms: [...this.rooms.values()].filter((e) => e.room).length,
    }
  }

  /** Closes every socket (1001), unloads every room and flushes persistence. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown()
    return this.closing
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.pingTimer)
    this.acks.dispose()
    const sockets = [...this.conns].map((c) => c.ws)
    for (const conn of [...this.conns]) this.closeConn(conn, CLOSE_CODES.GOING_AWAY)
    // Rooms still loading for connections that have gone unload as their loads settle.
    await Promise.allSettled([...this.rooms.values()].map((e) => e.promise))
    for (const [id, entry] of this.rooms) if (entry.room) this.unload(id, entry)
    await Promise.allSettled([...this.unloading.values()])
    await Promise.all(sockets.map((ws) => waitClosed(ws, 1000)))
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    this.counters.accepted++
    const parsed = parseSyncUrl(req.url)
    const conn = new RelayConnection(
      ws,
      parsed.ok ? parsed.sessionId : '',
      this.limits.maxMessagesPerSecond,
      this.limits.maxFramesPerSecond,
      this.now,
      this.limits.maxBufferedBytes,
    )
    this.conns.add(conn)
    conn.wantsAcks = parsed.ok && parsed.acks
    conn.onClosed = (c) => this.forget(c)
    ws.on('message', (data, isBinary) => this.onFrame(conn, data, isBinary))
    ws.on('close', (code: number) => conn.close(code, true))
    // ws reports framing errors (oversize frame, bad opcode, invalid UTF-8) and closes with its own code.
    ws.on('error', (err: Error) => this.closeConn(conn, wsErrorCloseCode(err)))
    ws.on('pong', () => {
      conn.alive = true
    })
    if (this.closing) return this.closeConn(conn, CLOSE_CODES.GOING_AWAY)
    if (!parsed.ok) {
      const code = parsed.reason === 'bad-token' ? CLOSE_CODES.TOKEN_REFUSED : CLOSE_CODES.UNKNOWN_SESSION
      return this.closeConn(conn, code)
    }
    const timer = setTimeout(() => {
      if (conn.state === 'pending') this.closeConn(conn, CLOSE_CODES.ADMISSION_TIMEOUT)
    }, this.admissionTimeoutMs)
    timer.unref()
    void this.admit(conn, parsed.token).finally(() => clearTimeout(timer))
  }

  /** Authorize, check the session exists, load its room, then join. Nothing is sent before joining. */
  private async admit(conn: RelayConnection, token: string | null): Promise<void> {
    const sessionId = conn.sessionId
    let auth: RelayAuthResult | null
    try {
      const raw = await this.authorizeFn(sessionId, token)
      auth = raw === null ? null : RelayAuthResult.parse(raw)
    } catch (err) {
      this.warn(`relay: authorize failed for session ${sessionId}`, err)
      return this.closeConn(conn, CLOSE_CODES.INTERNAL_ERROR)
    }
    if (conn.isClosed()) return
    if (auth === null) {
      return this.closeConn(conn, token === null ? CLOSE_CODES.TOKEN_MISSING : CLOSE_CODES.TOKEN_REFUSED)
    }
    conn.auth = auth
    let exists: boolean
    try {
      exists = await this.persistence.exists(sessionId)
    } catch (err) {
      this.warn(`relay: exists() failed for session ${sessionId}`, err)
      return this.closeConn(conn, CLOSE_CODES.INTERNAL_ERROR)
    }
    if (conn.isClosed()) return
    if (!exists) return this.closeConn(conn, CLOSE_CODES.UNKNOWN_SESSION)

    const entry = this.roomEntry(sessionId)
    entry.waiting++
    let room: Room | null = null
    try {
      room = await entry.promise
    } catch (err) {
      this.warn(`relay: could not load session ${sessionId}`, err)
    }
    entry.waiting--
    if (room === null) return this.closeConn(conn, CLOSE_CODES.INTERNAL_ERROR)
    if (conn.isClosed() || this.closing) {
      this.closeConn(conn, CLOSE_CODES.GOING_AWAY)
      return this.unloadIfIdle(sessionId)
    }
    const refusal = connectionBudgetRefusal(this.limits, room.conns, auth)
    if (refusal !== null) {
      this.closeConn(conn, refusal)
      return this.unloadIfIdle(sessionId)
    }
    conn.state = 'joined'
    this.counters.joined++
    room.join(conn)
    if (conn.wantsAcks) this.acks.hello(conn)
    // the preload has served its purpose: from now on the room unloads when its last client leaves
    entry.endPreload?.()
    const backlog = conn.backlog.splice(0)
    conn.backlogBytes = 0
    for (const frame of backlog) {
      if (conn.isClosed()) break
      this.process(conn, room, frame)
    }
  }

  private onFrame(conn: RelayConnection, data: unknown, isBinary: boolean): void {
    if (conn.state === 'closed') return
    if (!conn.takeFrame()) return this.closeConn(conn, CLOSE_CODES.RATE_LIMITED)
    if (!isBinary || !Buffer.isBuffer(data)) {
      this.counters.malformedMessages++
      return this.closeConn(conn, CLOSE_CODES.MALFORMED_MESSAGE)
    }
    if (data.byteLength > this.limits.maxMessageBytes) {
      this.counters.refusedMessages++
      return this.closeConn(conn, CLOSE_CODES.MESSAGE_TOO_LARGE)
    }
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    if (conn.state === 'pending') {
      // Held until admission; bounded so an unauthorized client cannot park much memory here.
      conn.backlogBytes += frame.byteLength
      if (conn.backlogBytes > this.limits.maxMessageBytes)
        return this.closeConn(conn, CLOSE_CODES.RATE_LIMITED)
      conn.backlog.push(frame)
      return
    }
    const room = this.rooms.get(conn.sessionId)?.room
    if (!room) return this.closeConn(conn, CLOSE_CODES.INTERNAL_ERROR)
    this.process(conn, room, frame)
  }

  private process(conn: RelayConnection, room: Room, frame: Uint8Array): void {
    try {
      // Only messages that change something (or ask for something) count against the message rate:
      // an echo of what the relay already has (pycrdt's provider echoes every update) does not.
      const message = parseClientMessage(frame, this.awarenessBounds)
      const counts =
        message.kind === 'durable-request' ? this.acks.request(conn, message.n) : room.handle(conn, message)
      if (counts && !conn.isClosed() && !conn.takeMessage()) this.closeConn(conn, CLOSE_CODES.RATE_LIMITED)
    } catch (err) {
      if (err instanceof RelayRefusal) {
        this.counters.refusedMessages++
        return this.closeConn(conn, err.code)
      }
      if (!(err instanceof MalformedMessageError)) this.warn('relay: Yjs rejected a message', err)
      this.counters.malformedMessages++
      this.closeConn(conn, CLOSE_CODES.MALFORMED_MESSAGE)
    }
  }

  private closeConn(conn: RelayConnection, code: number): void {
    conn.close(code)
  }

  /** Called once per connection when it closes, whoever started it. */
  private forget(conn: RelayConnection): void {
    this.conns.delete(conn)
    if (!conn.closedByPeer && conn.closeCode !== null) {
      this.counters.closedByCode[conn.closeCode] = (this.counters.closedByCode[conn.closeCode] ?? 0) + 1
    }
    const entry = this.rooms.get(conn.sessionId)
    if (!entry?.room) return
    entry.room.leave(conn)
    this.unloadIfIdle(conn.sessionId)
  }

  /**
   * Starts loading a session's room before its first client connects (the app API calls this when it
   * hands out a board's connection details), and holds it until the first client joins or `holdMs` has
   * passed, so that connection finds the document in memory; from then on the room unloads as usual,
   * when its last client leaves. A failed load is left for the connection to report. The caller has
   * checked that the session exists.
   */
  preload(sessionId: string, holdMs = PRELOAD_HOLD_MS): void {
    if (this.closing) return
    const entry = this.roomEntry(sessionId)
    if (entry.endPreload) return // already held
    entry.waiting++
    const end = () => {
      clearTimeout(timer)
      if (entry.endPreload !== end) return
      entry.endPreload = null
      entry.waiting--
      this.unloadIfIdle(sessionId)
    }
    const timer = setTimeout(end, holdMs)
    timer.unref()
    entry.endPreload = end
    entry.promise.catch(() => undefined)
  }

  private roomEntry(sessionId: string): RoomEntry {
    const existing = this.rooms.get(sessionId)
    if (existing) return existing
    const prior = this.unloading.get(sessionId) ?? Promise.resolve()
    const entry: RoomEntry = {
      promise: prior.then(() => this.loadRoom(sessionId)),
      room: null,
      waiting: 0,
      endPreload: null,
    }
    this.rooms.set(sessionId, entry)
    entry.promise.then(
      (room) => {
        entry.room = room
      },
      () => {
        if (this.rooms.get(sessionId) === entry) this.rooms.delete(sessionId)
      },
    )
    return entry
  }

  private async loadRoom(sessionId: string): Promise<Room> {
    const stored = await this.persistence.load(sessionId)
    const inbox = (await this.persistence.loadModeration?.(sessionId)) ?? null
    return new Room(sessionId, stored, this.persistence, this.limits, this.warn, inbox)
  }

  private unloadIfIdle(sessionId: string): void {
    const entry = this.rooms.get(sessionId)
    if (!entry?.room || entry.waiting > 0 || entry.room.conns.size > 0) return
    this.unload(sessionId, entry)
  }

  /** Drops the room from memory and closes its persistence; a later load waits for that to finish. */
  private unload(sessionId: string, entry: RoomEntry): void {
    if (this.rooms.get(sessionId) !== entry || !entry.room) return
    this.rooms.delete(sessionId)
    try {
      this.onRoomUnload?.(sessionId, entry.room.doc)
    } catch (err) {
      this.warn(`relay: onRoomUnload failed for ${sessionId}`, err)
    }
    const inboxSaved = entry.room.moderation.saved()
    entry.room.destroy()
    const prior = this.unloading.get(sessionId) ?? Promise.resolve()
    const done: Promise<void> = prior
      .then(() => inboxSaved)
      .then(() => this.persistence.close(sessionId))
      .catch((err: unknown) => this.warn(`relay: persistence.close failed for ${sessionId}`, err))
      .finally(() => {
        if (this.unloading.get(sessionId) === done) this.unloading.delete(sessionId)
      })
    this.unloading.set(sessionId, done)
  }

  private pingAll(): void {
    for (const conn of [...this.conns]) {
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
