import type {
  Document,
  Extension,
  afterHandleMessagePayload,
  afterLoadDocumentPayload,
  beforeSyncPayload,
} from '@hocuspocus/server'
import * as Y from 'yjs'
import type { Actor } from '../../common/session/activity'
import { takePendingUpdates } from '../../common/session/pending'
import { BoardRecorder } from '../relay/boardRecorder'
import { CommentRecorder } from '../relay/commentRecorder'
import { CLOSE_CODES, RelayRefusal } from '../relay/closeCodes'
import { DocumentQuota } from '../relay/documentQuota'
import type { RelayLimits } from '../relay/limits'
import { checkUpdateCost } from '../relay/updateCost'
import type { RelayConnection } from '../relay/connection'
import { encodePermissionDenied, encodeSyncStep1 } from '../relay/messages'
import { RightsGate } from '../relay/rightsGate'
import { ModerationWrite } from '../relay/moderation'

/** What the sync adapter gives Hocuspocus as each connection's context (syncAdapter.ts). */
export interface RulesContext {
  conn: RelayConnection
}

const SYNC_STEP2 = 1
const SYNC_UPDATE = 2

/**
 * The session rules of the laptop relay, on a cluster node's Hocuspocus documents, with the SAME modules:
 * - the cost bounds (relay/updateCost.ts, ADR 0022) and the rights check (relay/rightsGate.ts → rights.ts, ADR 0040) runs in Hocuspocus's `beforeSync` hook,
 *   right before a client's update is applied: a refused update is never applied, stored or sent to
 *   Redis; the client gets the permission-denied message and is closed with 4430, as on the laptop;
 * - parts of a checked update that depend on something the node does not have are never kept pending
 *   (they would be integrated later without a check): they are taken out and the client is sent the
 *   node's state vector, so it sends them again with what they depend on (and they are checked again);
 * - the board trash and activity log (relay/boardRecorder.ts, ADR 0041) are recorded by the node whose
 *   client made the change, in the transaction right after it; both are appended to the same batch of
 *   the PostgreSQL log (pgStore.ts) and reach other nodes through Redis, where they are not recorded again;
 *   comments hidden or deleted go to the same trash and log (relay/commentRecorder.ts), the same way;
 * - the document quota (relay/documentQuota.ts: maxDocumentBytes, maxDocumentStructs) is checked in the
 *   same hook, before the update is applied, and closes the client with 4414 as on the laptop. It counts
 *   every update the document applies — this node's clients', its peers' through Redis, the recorders'
 *   — from the document's own 'update' event, so every node refuses the update that would fill it.
 */
export class SessionRules implements Extension {
  /** After the adapter (2000), before the log (1500) and Redis (1000). */
  priority = 1800
  /** Per document, gone with it (the recorder's observers are on the document itself). */
  private readonly docs = new WeakMap<Document, DocumentRules>()

  constructor(
    private readonly limits: RelayLimits,
    /** Whether guests' new cards go through the held-cards inbox (clusterModeration.ts, heldCardRule). */
    private readonly moderated: (document: Document) => boolean = () => false,
  ) {}

  async afterLoadDocument({ document }: afterLoadDocumentPayload): Promise<void> {
    if (this.docs.has(document)) return
    const quota = new DocumentQuota(document, this.limits)
    document.on('update', (update: Uint8Array) =>
      quota.applied(update.byteLength, Y.decodeUpdate(update).structs.length),
    )
    this.docs.set(document, {
      gate: new RightsGate(document),
      quota,
      recorders: [new BoardRecorder(document, actorOf), new CommentRecorder(document, actorOf)],
    })
  }

  async beforeSync({ document, context, type, payload }: beforeSyncPayload): Promise<void> {
    if (type !== SYNC_STEP2 && type !== SYNC_UPDATE) return
    const conn = (context as Partial<RulesContext> | undefined)?.conn
    const rules = this.docs.get(document)
    if (!conn || !rules) throw refusal('the session is not ready')
    let reason: string | null
    try {
      const decoded = Y.decodeUpdate(payload)
      // the laptop relay's cost bounds (ADR 0022), for every writer
      checkUpdateCost(document, decoded, this.limits)
      reason = rules.gate.check(conn, decoded, this.moderated(document))
      // the laptop relay's document quota (4414), once the update may be applied at all
      if (reason === null) rules.quota.check(payload.byteLength, decoded.structs.length)
    } catch (err) {
      if (err instanceof RelayRefusal) {
        conn.close(err.code)
        throw { code: err.code, reason: err.message }
      }
      // the adapter validated the frame already; an update Yjs cannot read is refused all the same
      reason = 'permission denied: the update could not be read'
    }
    if (reason === null) return
    conn.send(encodePermissionDenied(reason))
    conn.close(CLOSE_CODES.PERMISSION_DENIED)
    // Hocuspocus then skips the update (and logs the refusal once).
    throw refusal(reason)
  }

  async afterHandleMessage({ document, context }: afterHandleMessagePayload): Promise<void> {
    const conn = (context as Partial<RulesContext> | undefined)?.conn
    if (!conn?.auth || conn.auth.sessionRole === 'facilitator') return
    if (takePendingUpdates(document).length > 0) conn.send(encodeSyncStep1(document))
  }
}

/** What a node keeps per Hocuspocus document (its observers are on the document itself). */
interface DocumentRules {
  gate: RightsGate
  quota: DocumentQuota
  /** The board and comment recorders (ADR 0041): held here for as long as the document lives. */
  recorders: [BoardRecorder, CommentRecorder]
}

/**
 * Who made a change: the client connection on this node that sent it, or the guest or facilitator a
 * moderation write on this node credits (clusterModeration.ts); null (not recorded) otherwise.
 */
function actorOf(origin: unknown): Actor | null {
  if (origin instanceof ModerationWrite) return origin.actor
  const o = origin as { source?: unknown; connection?: { context?: Partial<RulesContext> } } | null
  if (o === null || typeof o !== 'object' || o.source !== 'connection') return null
  const auth = o.connection?.context?.conn?.auth
  if (!auth) return null
  return auth.participantId
    ? { role: auth.sessionRole, participantId: auth.participantId }
    : { role: auth.sessionRole }
}

function refusal(reason: string): { code: number; reason: string } {
  return { code: CLOSE_CODES.PERMISSION_DENIED, reason }
}
