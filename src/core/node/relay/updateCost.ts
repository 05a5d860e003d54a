/**
 * What an update costs the relay, checked on its decoded structs before it is applied (docs/adr/0022):
 * structs per update, content per item, nesting (of shared types and of JSON values). Applying an update
 * is linear in its structs except for concurrent insertions at one position, whose conflict resolution is
 * quadratic: bounding structs per update bounds that stall. The document quota is the room's (room.ts).
 */
import * as Y from 'yjs'
import { findInUpdate } from './structIndex'
import { CLOSE_CODES, RelayRefusal } from './closeCodes'
import type { RelayLimits } from './limits'
import type { DecodedUpdate } from './messages'

export type CostLimits = Pick<RelayLimits, 'maxStructsPerUpdate' | 'maxItemContentLength' | 'maxNesting'>

/** Throws RelayRefusal(UPDATE_TOO_LARGE) when the update is over one of `limits`. */
export function checkUpdateCost(doc: Y.Doc, decoded: DecodedUpdate, limits: CostLimits): void {
  const { structs } = decoded
  if (structs.length > limits.maxStructsPerUpdate) {
    throw tooLarge(`${structs.length} structs in one update (limit ${limits.maxStructsPerUpdate})`)
  }
  const nesting = new TypeDepth(doc, structs, limits.maxNesting)
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue
    const size = contentSize(s.content, limits.maxItemContentLength, limits.maxNesting)
    if (size > limits.maxItemContentLength) {
      throw tooLarge(`an item of more than ${limits.maxItemContentLength} characters, values or bytes`)
    }
    if (size < 0) throw tooLarge(`a value nested deeper than ${limits.maxNesting}`)
    if (s.content instanceof Y.ContentType && nesting.depthOfItem(s) > limits.maxNesting) {
      throw tooLarge(`shared types nested deeper than ${limits.maxNesting}`)
    }
  }
}

function tooLarge(message: string): RelayRefusal {
  return new RelayRefusal(CLOSE_CODES.UPDATE_TOO_LARGE, message)
}

/**
 * An item's content size: characters of a string, bytes of binary, JSON values and characters of an
 * embedded value. -1 when a JSON value is nested deeper than `maxDepth`. Stops counting past `cap`.
 */
function contentSize(content: Y.Item['content'], cap: number, maxDepth: number): number {
  if (content instanceof Y.ContentString) return content.str.length
  if (content instanceof Y.ContentBinary) return content.content.byteLength
  if (content instanceof Y.ContentAny) return valuesSize(content.arr, cap, maxDepth)
  if (content instanceof Y.ContentJSON) return valuesSize(content.arr, cap, maxDepth)
  if (content instanceof Y.ContentEmbed) return valuesSize([content.embed], cap, maxDepth)
  if (content instanceof Y.ContentFormat) return valuesSize([content.key, content.value], cap, maxDepth)
  return 0
}

/** Size of JSON-like values without recursion: one per value, plus string lengths and object keys. */
function valuesSize(values: unknown[], cap: number, maxDepth: number): number {
  let size = 0
  const stack: [unknown, number][] = values.map((v) => [v, 1])
  while (stack.length > 0 && size <= cap) {
    const [v, depth] = stack.pop()!
    if (depth > maxDepth) return -1
    size += 1
    if (typeof v === 'string') size += v.length
    else if (v instanceof Uint8Array) size += v.byteLength
    else if (Array.isArray(v)) for (const x of v as unknown[]) stack.push([x, depth + 1])
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        size += k.length
        stack.push([x, depth + 1])
      }
    }
  }
  return size
}

/**
 * How deep a shared type created by an update sits: 1 for a type in a root type, one more per level.
 * An item's parent is written in the update only when it has no neighbours; otherwise it is its origin's
 * (or right origin's), found in the update or in the doc.
 */
class TypeDepth {
  private readonly byClient = new Map<number, Y.Item[]>()
  private readonly memo = new Map<Y.Item, number>()

  constructor(
    private readonly doc: Y.Doc,
    structs: DecodedUpdate['structs'],
    private readonly maxDepth: number,
  ) {
    for (const s of structs) {
      if (!(s instanceof Y.Item)) continue
      let list = this.byClient.get(s.id.client)
      if (!list) this.byClient.set(s.id.client, (list = []))
      list.push(s)
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock)
  }

  /** Depth of the type an item creates (or of the type it sits in, plus one). */
  depthOfItem(item: Y.Item): number {
    const known = this.memo.get(item)
    if (known !== undefined) return known
    let steps = 0
    let current: Y.Item | null = item
    let depth = 0
    const seen: Y.Item[] = []
    // Walk from the item to its parents until a root type, a doc item or a memoised item.
    while (current !== null && steps++ <= this.maxDepth * 4 + 8) {
      const memo = this.memo.get(current)
      if (memo !== undefined) {
        depth += memo
        break
      }
      seen.push(current)
      const parent = this.parentOf(current, 0)
      if (parent === 'root') {
        depth += 1
        break
      }
      if (typeof parent === 'number') {
        depth += parent + 1
        break
      }
      depth += 1
      current = parent
    }
    if (current !== null && steps > this.maxDepth * 4 + 8) depth = this.maxDepth + 1
    // Memoise each walked item's own depth (depth counted from the far end).
    let d = depth
    for (const s of seen) this.memo.set(s, d--)
    return depth
  }

  /** The item's parent type: 'root', a depth (of a type already in the doc), or the item creating it in the update. */
  private parentOf(item: Y.Item, hops: number): 'root' | number | Y.Item {
    const p = item.parent as unknown
    if (typeof p === 'string') return 'root'
    if (p instanceof Y.ID) return this.typeAt(p)
    const neighbour = item.origin ?? item.rightOrigin
    if (neighbour === null || hops > this.maxDepth * 4) return 'root'
    const inUpdate = this.find(neighbour)
    if (inUpdate) return this.parentOf(inUpdate, hops + 1)
    return this.docDepthOfParentOf(neighbour)
  }

  /** The type whose id is `id`: the update's item creating it, or its depth in the doc. */
  private typeAt(id: Y.ID): number | Y.Item {
    return this.find(id) ?? this.docTypeDepth(id)
  }

  private find(id: Y.ID): Y.Item | null {
    return findInUpdate(this.byClient, id)
  }

  /** Depth of the doc's type created by item `id` (0 when it is missing: the pending check handles that). */
  private docTypeDepth(id: Y.ID): number {
    const item = this.docItem(id)
    return item === null ? 0 : this.docDepth(item)
  }

  private docDepthOfParentOf(id: Y.ID): number {
    const item = this.docItem(id)
    if (item === null) return 0
    const parentItem = (item.parent as Y.AbstractType<unknown> | null)?._item ?? null
    return parentItem === null ? 0 : this.docDepth(parentItem)
  }

  /** How deep the type created by a doc item is (1 = in a root type), counted up to maxDepth + 1. */
  private docDepth(item: Y.Item): number {
    let depth = 0
    let current: Y.Item | null = item
    while (current !== null && depth <= this.maxDepth) {
      depth++
      current = (current.parent as Y.AbstractType<unknown> | null)?._item ?? null
    }
    return depth
  }

  private docItem(id: Y.ID): Y.Item | null {
    const state = this.doc.store.clients.get(id.client)
    const last = state?.[state.length - 1]
    if (!last || id.clock >= last.id.clock + last.length) return null
    const s = Y.getItem(this.doc.store, id)
    return s instanceof Y.Item ? s : null
  }
}
