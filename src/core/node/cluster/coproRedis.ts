import {
  OutgoingMessage,
  type afterUnloadDocumentPayload,
  type onAwarenessUpdatePayload,
  type onChangePayload,
} from '@hocuspocus/server'
import { Redis as RedisExtension } from '@hocuspocus/extension-redis'

/** How often, at most, a document's state vector is announced to the other nodes (see onChange). */
const HEAL_MS = 500

/**
 * The Redis extension, without its per-save lock (the update log is append-only and needs no single
 * writer). Awareness removals are sent on the control channel instead: Hocuspocus 4.7 re-encodes an
 * incoming awareness update from the states it holds, which drops removals, and the stock extension
 * publishes nothing once the last client of a document on this node has left — either way a departed
 * client's presence would linger on the other nodes until it timed out (30 s).
 */
export class CoproRedis extends RedisExtension {
  constructor(
    config: ConstructorParameters<typeof RedisExtension>[0],
    private readonly onRemoved: (documentName: string, removed: { id: number; clock: number }[]) => void,
  ) {
    super(config)
  }
  override async onStoreDocument(): Promise<void> {}
  override async afterStoreDocument(): Promise<void> {}
  /**
   * The stock extension announces every change by publishing its state vector, and each peer answers
   * with the difference — two round trips through Redis and an O(document) diff on every peer, per
   * edit. Here the update itself is published at once, so peers apply it in one hop; the state-vector
   * exchange, which only heals what a peer missed (Redis down, a dropped message), runs at most once per
   * `HEAL_MS` per document, after the first change of that period (docs/adr/0049).
   */
  override async onChange(data: onChangePayload): Promise<void> {
    if ((data.transactionOrigin as { source?: unknown } | null)?.source === 'redis') return
    const message = new OutgoingMessage(data.documentName).createSyncMessage().writeUpdate(data.update)
    this.pub
      .publish(
        `${this.configuration.prefix}:${data.documentName}`,
        Buffer.concat([this.messagePrefix, Buffer.from(message.toUint8Array())]),
      )
      .catch(() => {}) // Redis is down: the state-vector exchange heals once it is back
    const name = data.documentName
    if (this.healTimers.has(name)) return
    const timer = setTimeout(() => {
      this.healTimers.delete(name)
      // Only for the document still loaded here (not one unloaded, or loaded again, meanwhile).
      if (this.instance.documents.get(name) === data.document && !data.document.isDestroyed)
        void super.onChange(data)
    }, HEAL_MS)
    timer.unref()
    this.healTimers.set(name, timer)
  }
  /** The pending state-vector announcement of each document (see onChange). */
  private readonly healTimers = new Map<string, NodeJS.Timeout>()
  override async afterUnloadDocument(data: afterUnloadDocumentPayload): Promise<void> {
    clearTimeout(this.healTimers.get(data.documentName))
    this.healTimers.delete(data.documentName)
    return super.afterUnloadDocument(data)
  }
  override async onDestroy(): Promise<void> {
    for (const t of this.healTimers.values()) clearTimeout(t)
    this.healTimers.clear()
    return super.onDestroy()
  }
  override async onAwarenessUpdate(payload: onAwarenessUpdatePayload): Promise<void> {
    const { document, documentName, removed, transactionOrigin } = payload
    const fromPeer = (transactionOrigin as { source?: unknown } | null)?.source === 'redis'
    if (removed.length > 0 && !fromPeer) {
      const meta = document.awareness.meta
      this.onRemoved(
        documentName,
        removed.map((id: number) => ({ id, clock: meta.get(id)?.clock ?? 0 })),
      )
    }
    if (document.connections.size > 0 && !fromPeer) await super.onAwarenessUpdate(payload)
  }
}
