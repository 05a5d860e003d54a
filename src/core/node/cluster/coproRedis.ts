import { OutgoingMessage, type onAwarenessUpdatePayload, type onChangePayload } from '@hocuspocus/server'
import { Redis as RedisExtension } from '@hocuspocus/extension-redis'

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
   * The stock extension announces a change by publishing its state vector, and peers fetch the
   * difference: two round trips through Redis per edit. The update itself is published first, so
   * peers apply it in one hop; the state-vector exchange still follows and heals anything missed.
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
    return super.onChange(data)
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
