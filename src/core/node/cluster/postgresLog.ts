import type {
  Extension,
  beforeUnloadDocumentPayload,
  onChangePayload,
  onLoadDocumentPayload,
} from '@hocuspocus/server'
import * as Y from 'yjs'
import type { ClusterStore } from './pgStore'

/**
 * Hocuspocus persistence on the PostgreSQL update log: a document is loaded from its snapshot and log,
 * every update this node applies is appended (batched), and a document is unloaded only once its
 * updates have committed. Updates that arrived from another node through Redis are appended too: a
 * node that dies before its batch commits loses nothing that a peer already holds (the cost is a
 * duplicate row while a session is open on two nodes, folded away by compaction).
 */
export class PostgresLog implements Extension {
  /** Before the Redis extension (1000), so a failing Redis publish cannot skip the append. */
  priority = 1500

  constructor(private readonly store: ClusterStore) {}

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    const stored = await this.store.load(documentName)
    if (stored.length === 0) return
    // Applied before Hocuspocus listens for updates: loading appends nothing.
    document.transact(() => {
      for (const update of stored) Y.applyUpdate(document, update)
    }, 'load')
  }

  async onChange({ documentName, update }: onChangePayload): Promise<void> {
    this.store.append(documentName, update)
  }

  async beforeUnloadDocument(_payload: beforeUnloadDocumentPayload): Promise<void> {
    await this.store.flush()
  }
}
