import * as decoding from 'lib0/decoding'
import type * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { encodeDurability, MESSAGE_DURABILITY, readDurability } from '../../../shared/api/durability'

/**
 * Whether what this computer sent to a hosted relay is stored there durably (shared/api/durability.ts,
 * docs/protocol/relay.md "Durability acknowledgements"):
 * - 'saved': the relay has confirmed that it stored everything this computer has (in its session log,
 *   or committed in the cluster's PostgreSQL);
 * - 'saving': changes are on their way or waiting for the relay's store;
 * - 'not-storing': the relay says its store refuses writes (it keeps retrying);
 * - 'offline': not connected, and changes are waiting (kept on this computer);
 * - 'unconfirmed': connected, but the relay does not confirm saving (an older relay).
 */
export type RelayDurabilityState = 'saved' | 'saving' | 'not-storing' | 'offline' | 'unconfirmed'

const SYNC_STEP1 = 0
const REQUEST_DELAY_MS = 100

/**
 * Tracks one publication's durability on a y-websocket provider created with `acks: '1'` in its params.
 * Every local change gets a number; once the relay has been sent a change (in the sync step 2 answering
 * the relay's step 1 on each connection, or as an update after that), a request asks the relay to
 * confirm; its `saved n` answer covers every change sent before request n.
 */
export class RelayDurability {
  private confirms = false
  private answeredStep1 = false
  /**
   * Local changes so far (the document's content when publishing counts as change 1), the last one sent
   * on this connection, the last one the relay stored.
   */
  private changed = 1
  private sent = 0
  private stored = 0
  private nextRequest = 1
  /** Request n → the change it covers (on the current connection). */
  private readonly covers = new Map<number, number>()
  private notStoring: string | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private readonly listeners = new Set<() => void>()
  private current: RelayDurabilityState = 'unconfirmed'

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly doc: Y.Doc,
  ) {
    const handlers = provider.messageHandlers
    const sync = handlers[0]!
    handlers[0] = (enc: encoding.Encoder, dec: decoding.Decoder, p, emitSynced, type) => {
      const step = decoding.peekVarUint(dec)
      sync(enc, dec, p, emitSynced, type)
      // the answer (a step 2 with everything this computer has) is sent right after this returns
      if (step === SYNC_STEP1) setTimeout(() => this.onAnsweredStep1(), 0)
    }
    handlers[MESSAGE_DURABILITY] = (_enc: encoding.Encoder, dec: decoding.Decoder) => this.onMessage(dec)
    doc.on('update', this.onUpdate)
    provider.on('status', this.onStatus)
    this.update()
  }

  state = (): RelayDurabilityState => this.current

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate)
    this.provider.off('status', this.onStatus)
    if (this.timer) clearTimeout(this.timer)
    this.listeners.clear()
  }

  private readonly onUpdate = (_u: Uint8Array, origin: unknown): void => {
    if (origin === this.provider) return
    this.changed++
    // y-websocket sent it already (its handler was registered first) if connected
    if (this.provider.wsconnected && this.answeredStep1) {
      this.sent = this.changed
      this.scheduleRequest()
    }
    this.update()
  }

  private readonly onStatus = (e: { status: string }): void => {
    if (e.status === 'connected') return
    this.confirms = false
    this.answeredStep1 = false
    this.covers.clear()
    this.notStoring = null
    this.update()
  }

  private onAnsweredStep1(): void {
    if (!this.provider.wsconnected) return
    this.answeredStep1 = true
    this.sent = this.changed
    this.scheduleRequest()
  }

  private onMessage(dec: decoding.Decoder): void {
    const m = readDurability(dec)
    if (m.kind === 'saved') {
      if (m.n === 0) {
        this.confirms = true
        this.scheduleRequest()
      }
      const covered = this.covers.get(m.n)
      if (covered !== undefined) {
        this.stored = Math.max(this.stored, covered)
        for (const n of [...this.covers.keys()]) if (n <= m.n) this.covers.delete(n)
        this.notStoring = null
      }
    } else if (m.kind === 'not-storing') {
      this.notStoring = m.reason
    }
    this.update()
  }

  private scheduleRequest(): void {
    if (this.timer || !this.confirms || !this.answeredStep1) return
    this.timer = setTimeout(() => {
      this.timer = null
      const ws = this.provider.ws
      if (!this.confirms || !this.answeredStep1 || !this.provider.wsconnected || !ws) return
      if (this.stored >= this.sent && this.covers.size === 0 && this.nextRequest > 1) return
      const n = this.nextRequest++
      this.covers.set(n, this.sent)
      ws.send(encodeDurability({ kind: 'request', n }))
    }, REQUEST_DELAY_MS)
  }

  private update(): void {
    const next: RelayDurabilityState = !this.provider.wsconnected
      ? this.stored >= this.changed
        ? 'saved'
        : 'offline'
      : !this.confirms
        ? 'unconfirmed'
        : this.stored >= this.changed
          ? 'saved'
          : this.notStoring !== null
            ? 'not-storing'
            : 'saving'
    if (next === this.current) return
    this.current = next
    for (const l of [...this.listeners]) l()
  }
}
