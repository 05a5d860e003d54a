import type * as Y from 'yjs'
import { recordsArray } from '../../common/session/docSchema'
import { KeyedRecords } from '../../common/session/keyedRecords'
import type { DecodedUpdate } from './messages'
import type { RelayAuthResult } from './options'
import { checkRights } from './rights'
import { updateTouches } from './updateTouches'

/** The connection an update came from, as the gate needs it (the laptop relay's RelayConnection fits). */
export interface GatedConnection {
  readonly auth: RelayAuthResult | null
  /** The participant id a link without one bound on its first registration (rights.ts). */
  boundParticipantId: string | null
}

/**
 * The rights check (rights.ts, docs/adr/0040) on one session document, for every server that holds
 * one: the laptop relay's Room and a cluster node's Hocuspocus document use this same gate. It keeps
 * the read-only record index the rules need (made when the first update of someone other than a
 * facilitator is checked) and binds a link without a participant id to the entry it registers.
 */
export class RightsGate {
  private recordIndex: KeyedRecords<unknown> | null = null

  constructor(private readonly doc: Y.Doc) {}

  /**
   * Null when `conn` may make the update (a facilitator always may); otherwise the refusal's reason.
   * `moderated`: guests' new cards go through the held-cards inbox (moderation.ts), not the document.
   */
  check(conn: GatedConnection, decoded: DecodedUpdate, moderated = false): string | null {
    const auth = conn.auth
    if (auth === null || auth.sessionRole === 'facilitator') return null
    const { touches } = updateTouches(this.doc, decoded)
    this.recordIndex ??= new KeyedRecords(recordsArray(this.doc), { readOnly: true })
    const verdict = checkRights(this.doc, this.recordIndex, touches, {
      sessionRole: auth.sessionRole,
      participantId: auth.participantId ?? conn.boundParticipantId,
      moderated,
    })
    if (!verdict.ok) return verdict.reason
    if (verdict.bind !== null) conn.boundParticipantId = verdict.bind
    return null
  }

  destroy(): void {
    this.recordIndex?.destroy()
    this.recordIndex = null
  }
}
