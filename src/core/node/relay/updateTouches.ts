/**
 * What an update would change in a document, read from its decoded structs and delete set before it
 * is applied (docs/adr/0040-relay-enforced-rights.md). The rights check (rights.ts) judges these touches.
 *
 * An item's place is written in the update only when it has no neighbours; otherwise it is its origin's
 * (or right origin's), found in the same update or in the document. A map item's key (`parentSub`) is
 * likewise its neighbour's. Items inside a nested shared type are attributed to the top-level entry that
 * holds the type (`nested`). An item whose neighbours are neither in the update nor in the document
 * cannot be placed: Yjs will not integrate it yet (it stays pending), so it is reported as `pending` and
 * checked again when it is retried.
 */
import * as Y from 'yjs'
import { findInUpdate } from './structIndex'
import type { DecodedUpdate } from './messages'

/** Where an item sits: a top-level type, the key of the top-level entry (maps), and whether it is deeper. */
export interface Place {
  readonly root: string
  /** The top-level map key (parentSub) for maps; null for arrays. */
  readonly key: string | null
  /** The item is inside a shared type nested in that entry, not the entry itself. */
  readonly nested: boolean
}

export type Touch =
  /** A new item: `content` is what it brings (ContentDeleted for an item that arrives already deleted). */
  | { readonly op: 'insert'; readonly place: Place; readonly item: Y.Item }
  /** Existing document item `item`, elements [from, to) of its content, deleted. */
  | {
      readonly op: 'delete'
      readonly place: Place
      readonly item: Y.Item
      readonly from: number
      readonly to: number
    }

export interface Touches {
  readonly touches: Touch[]
  /** Items that cannot be placed yet (they depend on structs the document does not have). */
  readonly pending: number
}

type Located = Place | 'gc' | 'pending'

/** Lists what `decoded` would insert and delete in `doc` (which it must not have been applied to). */
export function updateTouches(doc: Y.Doc, decoded: DecodedUpdate): Touches {
  const locator = new Locator(doc, decoded.structs)
  const touches: Touch[] = []
  let pending = 0
  const gapped = structsAfterAGap(doc, decoded.structs)
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue
    // Already integrated (a client re-sending what the relay has): Yjs skips it.
    if (s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue
    // Its client's earlier changes have not arrived: Yjs holds it; judged when it is retried.
    if (gapped.has(s)) {
      pending++
      continue
    }
    const place = locator.locate(s)
    if (place === 'pending') pending++
    else if (place !== 'gc') touches.push({ op: 'insert', place, item: s })
  }
  decoded.ds.clients.forEach((ranges, client) => {
    const structs = doc.store.clients.get(client)
    if (!structs || structs.length === 0) return
    const state = Y.getState(doc.store, client)
    for (const { clock, len } of ranges) {
      const end = Math.min(clock + len, state)
      if (clock >= end) continue
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const s = structs[i]!
        if (s.id.clock >= end) break
        if (!(s instanceof Y.Item) || s.deleted) continue
        const place = locateDocItem(s)
        if (place === 'gc') continue
        const from = Math.max(0, clock - s.id.clock)
        const to = Math.min(s.length, end - s.id.clock)
        touches.push({ op: 'delete', place, item: s, from, to })
      }
    }
  })
  return { touches, pending }
}

/** Structs that follow a gap in their client's clocks (neither the document nor the update has what comes before). */
function structsAfterAGap(
  doc: Y.Doc,
  structs: DecodedUpdate['structs'],
): Set<DecodedUpdate['structs'][number]> {
  const byClient = new Map<number, DecodedUpdate['structs']>()
  for (const s of structs) {
    let list = byClient.get(s.id.client)
    if (!list) byClient.set(s.id.client, (list = []))
    list.push(s)
  }
  const out = new Set<DecodedUpdate['structs'][number]>()
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock)
    let next = Y.getState(doc.store, client)
    let gap = false
    for (const s of list) {
      if (!gap && s.id.clock > next) gap = true
      if (gap) out.add(s)
      else next = Math.max(next, s.id.clock + s.length)
    }
  }
  return out
}

class Locator {
  private readonly byClient = new Map<number, Y.Item[]>()
  private readonly memo = new Map<Y.Item, Located>()

  constructor(
    private readonly doc: Y.Doc,
    structs: DecodedUpdate['structs'],
  ) {
    for (const s of structs) {
      if (!(s instanceof Y.Item)) continue
      let list = this.byClient.get(s.id.client)
      if (!list) this.byClient.set(s.id.client, (list = []))
      list.push(s)
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock)
  }

  /** The place of an item of the update (iterative over neighbour chains, memoised). */
  locate(item: Y.Item): Located {
    const chain: Y.Item[] = []
    const seen = new Set<Y.Item>()
    let result: Located | undefined
    let current: Y.Item = item
    for (;;) {
      const known = this.memo.get(current)
      if (known !== undefined) {
        result = known
        break
      }
      chain.push(current)
      seen.add(current)
      const p = current.parent as unknown
      if (typeof p === 'string') {
        result = { root: p, key: current.parentSub, nested: false }
        break
      }
      if (p instanceof Y.ID) {
        result = this.insideType(p, chain.length)
        break
      }
      const neighbour = current.origin ?? current.rightOrigin
      if (neighbour === null) {
        result = 'pending'
        break
      }
      const inUpdate = this.find(neighbour)
      if (inUpdate !== null && !seen.has(inUpdate)) {
        current = inUpdate
        continue
      }
      const docStruct = docStructAt(this.doc, neighbour)
      result = docStruct === null ? 'pending' : docStruct instanceof Y.Item ? locateDocItem(docStruct) : 'gc'
      break
    }
    for (const c of chain) this.memo.set(c, result)
    return result
  }

  /** The place of an item whose parent is the shared type created by item `typeId`. */
  private insideType(typeId: Y.ID, depth: number): Located {
    if (depth > 10_000) return 'pending'
    const inUpdate = this.find(typeId)
    let holder: Located
    if (inUpdate !== null) holder = this.locate(inUpdate)
    else {
      const s = docStructAt(this.doc, typeId)
      holder = s === null ? 'pending' : s instanceof Y.Item ? locateDocItem(s) : 'gc'
    }
    return typeof holder === 'string' ? holder : { ...holder, nested: true }
  }

  private find(id: Y.ID): Y.Item | null {
    return findInUpdate(this.byClient, id)
  }
}

/** The document's struct holding `id`, or null when the document does not have it. */
function docStructAt(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null
  const structs = doc.store.clients.get(id.client)!
  const s = structs[Y.findIndexSS(structs, id.clock)]
  return s instanceof Y.Item || s instanceof Y.GC ? s : null
}

/** The place of an item already in the document. */
export function locateDocItem(item: Y.Item): Place | 'gc' {
  let top = item
  let nested = false
  for (;;) {
    const parent = top.parent as Y.AbstractType<unknown> | null
    if (parent === null || !(parent instanceof Y.AbstractType)) return 'gc'
    if (parent._item === null) {
      return { root: Y.findRootTypeKey(parent), key: top.parentSub, nested }
    }
    top = parent._item
    nested = true
  }
}
