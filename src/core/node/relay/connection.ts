import type { WebSocket } from 'ws'
import type { RelayAuthResult } from './options'
import { CLOSE_CODES, closeReasonFor } from './closeCodes'
import { RateLimiter } from './limits'

const SLOW_CONSUMER_GRACE_MS = 2000

export type ConnectionState = 'pending' | 'joined' | 'closed'

/** One client socket as the relay sees it, from upgrade to close. */
export class RelayConnection {
  state: ConnectionState = 'pending'
  auth: RelayAuthResult | null = null
  /** Frames received before the connection joined its room, processed in order once it does. */
  readonly backlog: Uint8Array[] = []
  backlogBytes = 0
  /** Awareness client ids this connection has set; removed from the room when it leaves. */
  readonly awarenessIds = new Set<number>()
  /** Times this connection's held updates were dropped (each answered with a resync). */
  incompleteUpdates = 0
  /**
   * Parts of this connection's updates that wait for what they depend on (v2 updates). Never in the
   * room's document, so never relayed, stored or snapshotted; forgotten when the connection closes.
   */
  held: Uint8Array[] = []
  heldBytes = 0
  /**
   * The participant id a link without one claimed by registering (rights.ts); null until then. A link
   * whose token names a participant id never uses it.
   */
  boundParticipantId: string | null = null
  /** Whether the client asked for durability acknowledgements (`?acks=1`, relay/durableAcks.ts). */
  wantsAcks = false
  /** Whether the observer was already told that its updates are dropped (told once per connection). */
  toldReadOnly = false
  /** For the keep-alive ping: cleared when a ping is sent, set by the pong. */
  alive = true
  closeCode: number | null = null
  /** Whether the peer (or the network) ended the connection rather than the relay. */
  closedByPeer = false
  private readonly limiter: RateLimiter
  private readonly frameLimiter: RateLimiter

  constructor(
    readonly ws: WebSocket,
    readonly sessionId: string,
    maxMessagesPerSecond: number,
    maxFramesPerSecond: number,
    now: () => number,
    private readonly maxBufferedBytes: number,
  ) {
    this.limiter = new RateLimiter(maxMessagesPerSecond, now)
    this.frameLimiter = new RateLimiter(maxFramesPerSecond, now)
  }

  /** A method, not a field read, so TypeScript does not keep a narrowing across awaits. */
  isClosed(): boolean {
    return this.state === 'closed'
  }

  get isObserver(): boolean {
    return this.auth?.sessionRole === 'observer'
  }

  /** Counts one message that changed something against `maxMessagesPerSecond`; false when over it. */
  takeMessage(): boolean {
    return this.limiter.take()
  }

  /** Counts one incoming frame, whatever it says, against `maxFramesPerSecond`; false when over it. */
  takeFrame(): boolean {
    return this.frameLimiter.take()
  }

  /** Output queued for this client and not yet written to the network. */
  bufferedBytes(): number {
    return this.state === 'closed' ? 0 : this.ws.bufferedAmount
  }

  /**
   * Sends one frame. A frame goes out when nothing is queued or when the queue plus the frame fits
   * `maxBufferedBytes`; otherwise the client is not reading fast enough and is closed (SLOW_CONSUMER).
   */
  send(frame: Uint8Array): void {
    if (this.state === 'closed' || this.ws.readyState !== this.ws.OPEN) return
    const queued = this.ws.bufferedAmount
    if (queued > 0 && queued + frame.byteLength > this.maxBufferedBytes) {
      this.close(CLOSE_CODES.SLOW_CONSUMER)
      return
    }
    // No per-send callback: a failed write surfaces as the socket's 'error'/'close', which end the connection.
    this.ws.send(frame, { binary: true })
  }

  /**
   * Marks the connection closed and starts the close handshake (unless the peer already closed it).
   * Idempotent. `onClosed`, wired by the relay, removes it from its room.
   */
  close(code: number, byPeer = false): void {
    if (this.state === 'closed') return
    this.state = 'closed'
    this.closeCode = code
    this.closedByPeer = byPeer
    this.backlog.length = 0
    this.backlogBytes = 0
    this.onClosed?.(this)
    const ws = this.ws
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) {
      try {
        ws.close(code, closeReasonFor(code))
      } catch {
        ws.terminate()
      }
    }
    if (code === CLOSE_CODES.SLOW_CONSUMER) {
      // The close frame waits behind everything queued; do not hold that memory for ws's 30 s close timeout.
      setTimeout(() => ws.terminate(), SLOW_CONSUMER_GRACE_MS).unref()
    }
  }

  /** Set by the relay: leave the room, forget the connection. */
  onClosed: ((conn: RelayConnection) => void) | null = null
}

/** Resolves once the socket has closed, terminating it after `timeoutMs`. */
export function waitClosed(ws: WebSocket, timeoutMs: number): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate()
      resolve()
    }, timeoutMs)
    timer.unref()
    ws.once('close', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}
