import * as Y from 'yjs'
import { CLOSE_CODES, RelayRefusal } from './closeCodes'
import type { RelayLimits } from './limits'

/**
 * A session document's quota (docs/adr/0022-relay-cost-bounds.md; docs/security.md, "Audit 2026-12"):
 * its encoded size (`maxDocumentBytes`) and its structs (`maxDocumentStructs` — millions of tiny items
 * cost far more heap than bytes). What was measured plus what was applied since is an upper bound; only
 * when that passes a quota is the document measured again. An update adding content past either is
 * refused with DOCUMENT_FULL; deletions (no structs) are never checked.
 */
export class DocumentQuota {
  private measuredBytes: number
  private bytesSinceMeasure = 0
  private measuredStructs: number
  private structsSinceMeasure = 0

  constructor(
    private readonly doc: Y.Doc,
    private readonly limits: Pick<RelayLimits, 'maxDocumentBytes' | 'maxDocumentStructs'>,
  ) {
    this.measuredBytes = doc.store.clients.size > 0 ? Y.encodeStateAsUpdate(doc).byteLength : 0
    this.measuredStructs = countStructs(doc)
  }

  /** Throws DOCUMENT_FULL when an update of `bytes` adding `structs` would pass a quota. */
  check(bytes: number, structs: number): void {
    if (structs === 0) return
    this.checkBytes(bytes)
    this.checkStructs(structs)
  }

  /** Counts an update that was applied. */
  applied(bytes: number, structs: number): void {
    this.bytesSinceMeasure += bytes
    this.structsSinceMeasure += structs
  }

  /** Encoding the document is costly: measured again at most once per 1/64 of the quota. */
  private checkBytes(incoming: number): void {
    const quota = this.limits.maxDocumentBytes
    if (this.measuredBytes + this.bytesSinceMeasure + incoming <= quota) return
    if (this.bytesSinceMeasure >= quota / 64) {
      this.measuredBytes = Y.encodeStateAsUpdate(this.doc).byteLength
      this.bytesSinceMeasure = 0
      if (this.measuredBytes + incoming <= quota) return
    }
    throw new RelayRefusal(CLOSE_CODES.DOCUMENT_FULL, `the document would pass ${quota} bytes`)
  }

  /** Counting is O(clients): counted again only when something was applied since. */
  private checkStructs(incoming: number): void {
    const quota = this.limits.maxDocumentStructs
    if (this.measuredStructs + this.structsSinceMeasure + incoming <= quota) return
    if (this.structsSinceMeasure > 0) {
      this.measuredStructs = countStructs(this.doc)
      this.structsSinceMeasure = 0
      if (this.measuredStructs + incoming <= quota) return
    }
    throw new RelayRefusal(CLOSE_CODES.DOCUMENT_FULL, `the document would pass ${quota} items`)
  }
}

/** How many structs (items, GC and skip runs) a document holds. */
export function countStructs(doc: Y.Doc): number {
  let n = 0
  for (const structs of doc.store.clients.values()) n += structs.length
  return n
}
