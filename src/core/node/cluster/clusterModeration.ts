import type {
  Document,
  Extension,
  Hocuspocus,
  onLoadDocumentPayload,
  onStatelessPayload,
} from '@hocuspocus/server'
import { z } from 'zod'
import {
  isModerated,
  MAX_HELD_PER_SESSION,
  ModerationRequest,
  type ModerationState,
} from '../../common/moderation/moderation'
import { CLOSE_CODES } from '../relay/closeCodes'
import type { RelayConnection } from '../relay/connection'
import {
  decideModeration,
  denyRequest,
  type ModerationChange,
  type ModerationConn,
  type ModerationOutcome,
  replyFrame,
  tellModeration,
  writeModeration,
} from '../relay/moderation'
import { MODERATION_PREFIX } from './hocuspocusWire'
import type { ClusterStore } from './pgStore'
import type { RulesContext } from './sessionRules'

/** The control-channel notice of a stored inbox change (clusterRelay.ts): every node tells its own listeners. */
export const ModerationChanged = z.object({
  type: z.literal('moderation'),
  sessionId: z.string().min(1).max(256),
  guests: z.array(z.string().min(1).max(128)).max(MAX_HELD_PER_SESSION),
  everyGuest: z.boolean(),
  moderated: z.boolean(),
})
export type ModerationChanged = z.infer<typeof ModerationChanged>

/**
 * Moderation's held-cards inbox on a cluster node (ADR 0047, cluster amendment), with the laptop relay's
 * rules (relay/moderation.ts). A client's moderation frame reaches Hocuspocus through the sync adapter
 * as a stateless message (MODERATION_PREFIX + the validated request), so it is handled in order with
 * the connection's other frames and only once its document is loaded. Per request, on this node:
 *
 * 1. the session's inbox row is locked in PostgreSQL (pgModeration.ts: two nodes take turns);
 * 2. the decision's document writes (an approved card, as the guest; "not now" into the trash) are made
 *    in this node's document with the origin ModerationWrite, so the board recorder credits the guest
 *    and Hocuspocus sends them to the update log, Redis and the clients;
 * 3. the log is flushed (the document change is durable), then the inbox change is committed.
 *
 * A crash between 2 and 3 leaves the card on the board and still in the inbox: approving it again
 * writes nothing new and takes it out. After a commit, the change is announced on the control channel
 * and every node sends the new inbox to its own listening facilitators and co-facilitators, and `mine`
 * to the guests concerned (every guest on a settings change). Only connections that sent a moderation
 * request listen, as on the laptop relay. Whether a session is moderated (for the rights check,
 * SessionRules) is read when its document loads, set on each notice, and re-read by `recheck`.
 */
export class ClusterModeration implements Extension {
  /** After the sync adapter (2000) and the session rules (1800), before the log and Redis. */
  priority = 1700
  private hocuspocus: Hocuspocus | null = null
  /** Whether each loaded document's session is moderated (gone with the document). */
  private readonly moderated = new WeakMap<Document, boolean>()
  private readonly listening = new WeakSet<ModerationConn>()
  /** The inbox (JSON) this node last told each document's listeners of (recheck). */
  private readonly told = new WeakMap<Document, string>()
  /** Each session's requests and notices on this node, one at a time, in order. */
  private readonly queues = new Map<string, Promise<void>>()
  constructor(
    /** The inboxes (pgModeration.ts) and the update log, whose flush makes a decision's writes durable. */
    private readonly store: Pick<ClusterStore, 'moderation' | 'flush'>,
    /** Tells every node, this one included, of a stored change (the Redis control channel). */
    private readonly publish: (change: ModerationChanged) => void,
    private readonly warn: (message: string, error?: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  attach(hocuspocus: Hocuspocus): void {
    this.hocuspocus = hocuspocus
  }

  /** For the rights check (heldCardRule): whether guests' new cards must go through the inbox. */
  isModerated(document: Document): boolean {
    return this.moderated.get(document) ?? false
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    const state = await this.store.moderation.load(documentName)
    this.moderated.set(document, isModerated(state.settings))
  }

  async onStateless({ payload, document, connection }: onStatelessPayload): Promise<void> {
    if (!payload.startsWith(MODERATION_PREFIX)) return
    const conn = (connection.context as Partial<RulesContext> | undefined)?.conn
    if (!conn) return
    let request: ModerationRequest
    try {
      request = ModerationRequest.parse(JSON.parse(payload.slice(MODERATION_PREFIX.length)))
    } catch {
      return conn.close(CLOSE_CODES.MALFORMED_MESSAGE) // the adapter validated it: not expected
    }
    this.enqueue(document.name, () =>
      this.handle(document, conn, request).catch((err: unknown) => {
        // The inbox could not be read or stored (PostgreSQL down): nothing was committed. The client
        // reconnects and asks again (the app re-sends what the inbox has not confirmed).
        this.warn(`cluster: a moderation request in ${document.name} failed`, err)
        conn.close(CLOSE_CODES.INTERNAL_ERROR)
      }),
    )
  }

  /** A change stored by any node (the control channel): this node's listeners are told. */
  onNotice(raw: unknown): void {
    const parsed = ModerationChanged.safeParse(raw)
    if (!parsed.success) return
    const m = parsed.data
    const document = this.hocuspocus?.documents.get(m.sessionId)
    if (!document) return
    this.moderated.set(document, m.moderated)
    this.enqueue(m.sessionId, async () => {
      if (!this.connectionsOf(document).some((c) => this.listening.has(c))) return
      this.tell(document, await this.store.moderation.load(m.sessionId), m)
    })
  }

  /**
   * The periodic re-check, per loaded session: whether it is moderated, from the database, and — when
   * the inbox differs from what this node last told — the listeners told again. So a notice lost while
   * Redis was down heals within the re-check period.
   */
  async recheck(): Promise<void> {
    const jobs = [...(this.hocuspocus?.documents ?? [])].map(
      ([name, document]) =>
        new Promise<void>((resolve) =>
          this.enqueue(name, async () => {
            try {
              const state = await this.store.moderation.load(name)
              if (document.isDestroyed) return
              this.moderated.set(document, isModerated(state.settings))
              if (this.told.get(document) !== JSON.stringify(state))
                this.tell(document, state, { guests: [], everyGuest: true })
            } finally {
              resolve()
            }
          }),
        ),
    )
    await Promise.all(jobs)
  }

  /** Sends this node's listeners of `document` what a change of the inbox means for them. */
  private tell(document: Document, state: ModerationState, change: ModerationChange): void {
    this.told.set(document, JSON.stringify(state))
    tellModeration(state, this.connectionsOf(document), this.listening, change)
  }

  private async handle(document: Document, conn: RelayConnection, request: ModerationRequest): Promise<void> {
    this.listening.add(conn)
    const name = document.name
    if (request.t === 'query') {
      const state = await this.store.moderation.load(name)
      this.moderated.set(document, isModerated(state.settings))
      const out = decideModeration(state, request, conn, document, this.now())
      if (out.reply !== null) conn.send(replyFrame(state, conn, out.reply))
      return
    }
    const done = await this.store.moderation.change(name, async (state) => {
      const out = decideModeration(state, request, conn, document, this.now())
      if (out.denied === null && out.writes.length > 0) await this.writeDurably(document, out)
      return { next: out.denied === null && out.changed !== null ? out.state : null, result: out }
    })
    if (done === null) return // the session was deleted meanwhile (its connections are being closed)
    const out = done.result
    if (out.denied !== null) {
      denyRequest(conn, out.denied)
      return conn.close(CLOSE_CODES.PERMISSION_DENIED)
    }
    if (out.reply !== null) conn.send(replyFrame(out.state, conn, out.reply))
    if (out.changed === null) return
    const moderated = isModerated(out.state.settings)
    this.moderated.set(document, moderated)
    this.publish({ type: 'moderation', sessionId: name, ...out.changed, moderated })
  }

  /** The decision's document writes, then the update log's flush: they are durable before the inbox commits. */
  private async writeDurably(document: Document, out: ModerationOutcome): Promise<void> {
    // A document unloaded meanwhile (its last connection left) would not log the writes: roll back.
    if (document.isDestroyed || this.hocuspocus?.documents.get(document.name) !== document)
      throw new Error('the document was unloaded before the decision was written')
    writeModeration(document, out.writes)
    // Hocuspocus hands the update to the log's onChange hook in a promise chain: let it run first.
    await new Promise<void>((resolve) => setImmediate(resolve))
    await this.store.flush()
  }

  private connectionsOf(document: Document): RelayConnection[] {
    const out: RelayConnection[] = []
    for (const c of document.getConnections()) {
      const conn = (c.context as Partial<RulesContext> | undefined)?.conn
      if (conn) out.push(conn)
    }
    return out
  }

  private enqueue(sessionId: string, job: () => Promise<void>): void {
    const next = (this.queues.get(sessionId) ?? Promise.resolve())
      .then(job)
      .catch((err: unknown) => this.warn(`cluster: moderation in ${sessionId} failed`, err))
    this.queues.set(sessionId, next)
    void next.finally(() => {
      if (this.queues.get(sessionId) === next) this.queues.delete(sessionId)
    })
  }
}
