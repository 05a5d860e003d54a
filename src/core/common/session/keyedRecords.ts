import * as Y from 'yjs'

/**
 * A last-writer-wins key → value map stored in a Y.Array of `{ key, val }` entries.
 *
 * Wire format and conflict rule are those of y-utility's `YKeyValue`: a write appends a new entry and
 * deletes the entry it replaces; when several live entries share a key (concurrent writes), the one
 * furthest to the right in the array wins and the others are deleted by whichever replica notices.
 * A YKeyValue and a KeyedRecords can read each other's documents.
 *
 * The difference is cost. YKeyValue finds the entry to replace by scanning the array, so a transaction
 * that overwrites N records costs O(N × size). KeyedRecords keeps, per key, the Yjs IDs of its live
 * entries and deletes an entry through its struct directly; it learns about changes from the
 * transaction's delete set and new structs rather than from `event.changes` (which walks the whole
 * array). A bulk overwrite of N records therefore costs O(N log N) plus one walk to append.
 *
 * Differences in edge cases, all in favour of convergence:
 * - the map is always a pure function of the array (rightmost live entry per key), so two replicas
 *   with the same array have the same map. (YKeyValue's map can drift when one event brings two
 *   concurrent entries for the same key.)
 * - `set`/`delete` remove every live entry of the key, not only the leftmost one.
 * - within one transaction, reads see the state before the transaction (as with YKeyValue).
 */
export type KeyedChange<T> =
  | { action: 'add'; newValue: T }
  | { action: 'update'; oldValue: T; newValue: T }
  | { action: 'delete'; oldValue: T }

export type KeyedChanges<T> = Map<string, KeyedChange<T>>

export interface KeyedEntry<T> {
  key: string
  val: T
}

type ChangeListener<T> = (changes: KeyedChanges<T>, transaction: Y.Transaction) => void

/** One live entry in the array, located by the Yjs ID of its content element. */
interface Ref<T> {
  readonly client: number
  readonly clock: number
  readonly val: T
}

interface KeyState<T> {
  /** The winning (rightmost) live entry. */
  cur: Ref<T>
  /** Every live entry of the key (cur included); more than one only after concurrent writes. */
  refs: Ref<T>[]
}

export class KeyedRecords<T = unknown> {
  readonly yarray: Y.Array<KeyedEntry<T>>
  readonly doc: Y.Doc
  private readonly index = new Map<string, KeyState<T>>()
  private readonly listeners = new Set<ChangeListener<T>>()
  /** Entries pushed in the still-open local transaction, by key (so a second set in it replaces them). */
  private pending: { tr: Y.Transaction; ids: Map<string, Y.ID> } | null = null
  /** A recently seen last item of the array, to append without walking the whole list. */
  private tail: Y.Item | null = null
  private readonly observer: (e: Y.YArrayEvent<KeyedEntry<T>>, tr: Y.Transaction) => void

  /** Whether this replica deletes losing duplicate entries (a read-only reader, the relay, does not). */
  private readonly cleanUp: boolean

  constructor(yarray: Y.Array<KeyedEntry<T>>, opts: { readOnly?: boolean } = {}) {
    const doc = yarray.doc
    if (!doc) throw new Error('KeyedRecords needs a Y.Array that belongs to a Y.Doc')
    this.yarray = yarray
    this.doc = doc
    this.cleanUp = opts.readOnly !== true
    this.loadAll()
    this.observer = (_e, tr) => this.onTransaction(tr)
    yarray.observe(this.observer)
  }

  /** Stops listening to the array. */
  destroy(): void {
    this.yarray.unobserve(this.observer)
    this.listeners.clear()
  }

  get size(): number {
    return this.index.size
  }

  get(key: string): T | undefined {
    return this.index.get(key)?.cur.val
  }

  has(key: string): boolean {
    return this.index.has(key)
  }

  /** The Yjs ID (client, clock) of the entry that holds `key`'s current value, if any. */
  currentEntryId(key: string): { client: number; clock: number } | undefined {
    const cur = this.index.get(key)?.cur
    return cur === undefined ? undefined : { client: cur.client, clock: cur.clock }
  }

  *keys(): IterableIterator<string> {
    yield* this.index.keys()
  }

  *entries(): IterableIterator<[string, T]> {
    for (const [k, s] of this.index) yield [k, s.cur.val]
  }

  /** A plain Map of the current contents. */
  toMap(): Map<string, T> {
    return new Map(this.entries())
  }

  set(key: string, val: T): void {
    this.setMany([[key, val]])
  }

  /** Writes several entries in one transaction, appending them with one push. */
  setMany(entries: Iterable<readonly [string, T]>, origin?: unknown): void {
    this.doc.transact((tr) => {
      const batch = new Map<string, T>()
      for (const [k, v] of entries) batch.set(k, v)
      if (batch.size === 0) return
      const pending = this.pendingFor(tr)
      const doomed: Ref<unknown>[] = []
      for (const key of batch.keys()) this.collectLiveEntries(key, pending, doomed)
      this.deleteRefs(tr, doomed)
      const clock = Y.getState(this.doc.store, this.doc.clientID)
      const content: KeyedEntry<T>[] = []
      let i = 0
      for (const [key, val] of batch) {
        content.push({ key, val })
        pending.set(key, Y.createID(this.doc.clientID, clock + i++))
      }
      this.append(tr, content)
    }, origin)
  }

  delete(key: string): void {
    this.deleteMany([key])
  }

  deleteMany(keys: Iterable<string>, origin?: unknown): void {
    this.doc.transact((tr) => {
      const pending = this.pendingFor(tr)
      const doomed: Ref<unknown>[] = []
      for (const key of keys) this.collectLiveEntries(key, pending, doomed)
      this.deleteRefs(tr, doomed)
    }, origin)
  }

  on(event: 'change', listener: ChangeListener<T>): void {
    if (event === 'change') this.listeners.add(listener)
  }

  off(event: 'change', listener: ChangeListener<T>): void {
    if (event === 'change') this.listeners.delete(listener)
  }

  // ---------------------------------------------------------------------------------------------

  private pendingFor(tr: Y.Transaction): Map<string, Y.ID> {
    if (this.pending === null || this.pending.tr !== tr) this.pending = { tr, ids: new Map() }
    return this.pending.ids
  }

  /** Every live entry of `key`, including one pushed earlier in this transaction. */
  private collectLiveEntries(key: string, pending: Map<string, Y.ID>, out: Ref<unknown>[]): void {
    const st = this.index.get(key)
    if (st) for (const r of st.refs) out.push(r)
    const p = pending.get(key)
    if (p) {
      out.push({ client: p.client, clock: p.clock, val: undefined })
      pending.delete(key)
    }
  }

  /**
   * Deletes array elements by ID. Consecutive IDs are deleted as one range, so a bulk overwrite of
   * entries written together splits their item twice, not once per entry (each split copies the rest).
   */
  private deleteRefs(tr: Y.Transaction, refs: Ref<unknown>[]): void {
    if (refs.length === 0) return
    refs.sort((a, b) => a.client - b.client || a.clock - b.clock)
    let start = refs[0]!
    let end = start.clock
    for (let i = 1; i <= refs.length; i++) {
      const r = refs[i]
      if (r && r.client === start.client && r.clock <= end + 1) {
        end = Math.max(end, r.clock)
        continue
      }
      this.deleteRange(tr, start.client, start.clock, end)
      if (r) {
        start = r
        end = r.clock
      }
    }
    // Index-based operations cache positions in search markers; a direct delete makes them stale.
    const markers = this.yarray._searchMarker
    if (markers) markers.length = 0
  }

  /** Deletes the live array elements with IDs client:from … client:to (inclusive). */
  private deleteRange(tr: Y.Transaction, client: number, from: number, to: number): void {
    const structs = this.doc.store.clients.get(client)
    if (!structs) return
    const first = structs[Y.findIndexSS(structs, from)]
    const last = structs[Y.findIndexSS(structs, to)]
    if (first instanceof Y.Item && !first.deleted) Y.getItemCleanStart(tr, Y.createID(client, from))
    if (last instanceof Y.Item && !last.deleted) Y.getItemCleanEnd(tr, this.doc.store, Y.createID(client, to))
    for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
      const s = structs[i]!
      if (s.id.clock > to) break
      if (s instanceof Y.Item && !s.deleted && s.parent === this.yarray) s.delete(tr)
    }
  }

  /**
   * Appends entries at the end of the array, as `yarray.push` does, but from a cached tail instead of
   * walking the list from its start (push has no search marker to start from, so it walks every item).
   */
  private append(tr: Y.Transaction, content: KeyedEntry<T>[]): void {
    const left = this.findTail()
    const id = Y.createID(this.doc.clientID, Y.getState(this.doc.store, this.doc.clientID))
    const item = new Y.Item(
      id,
      left,
      left && left.lastId,
      null,
      null,
      this.yarray,
      null,
      new Y.ContentAny(content),
    )
    item.integrate(tr, 0)
    this.tail = item
  }

  /** The last item of the array's list (live or deleted), or null for an empty list. */
  private findTail(): Y.Item | null {
    let t = this.tail
    if (t !== null) {
      // a cached item may since have been merged into its left neighbour or replaced by GC
      const structs = this.doc.store.clients.get(t.id.client)
      if (!structs || structs[Y.findIndexSS(structs, t.id.clock)] !== t) t = null
    }
    t ??= this.yarray._start
    if (t === null) return null
    while (t.right !== null) t = t.right
    this.tail = t
    return t
  }

  /** Builds the index from the whole array (once) and removes duplicate entries. */
  private loadAll(): void {
    const seen = new Map<string, Ref<T>[]>()
    for (let item = this.yarray._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue
      const content = item.content.getContent() as KeyedEntry<T>[]
      for (let j = 0; j < content.length; j++) {
        const e = content[j]
        if (!isEntry(e)) continue
        const ref: Ref<T> = { client: item.id.client, clock: item.id.clock + j, val: e.val as T }
        const list = seen.get(e.key)
        if (list) list.push(ref)
        else seen.set(e.key, [ref])
      }
    }
    const stale: Ref<T>[] = []
    for (const [key, list] of seen) {
      const cur = list[list.length - 1]!
      this.index.set(key, { cur, refs: this.cleanUp ? [cur] : list })
      for (let i = 0; i < list.length - 1; i++) stale.push(list[i]!)
    }
    if (stale.length > 0 && this.cleanUp) {
      this.doc.transact((tr) => this.deleteRefs(tr, stale))
    }
  }

  private onTransaction(tr: Y.Transaction): void {
    if (this.pending?.tr === tr) this.pending = null
    /** key → the winning entry before this transaction (undefined if the key was absent). */
    const touched = new Map<string, Ref<T> | undefined>()
    const touch = (key: string): KeyState<T> | undefined => {
      const st = this.index.get(key)
      if (!touched.has(key)) touched.set(key, st?.cur)
      return st
    }

    // 1. entries that existed before and were deleted in this transaction
    tr.deleteSet.clients.forEach((ranges, client) => {
      const structs = this.doc.store.clients.get(client)
      if (!structs) return
      const before = tr.beforeState.get(client) ?? 0
      for (const { clock, len } of ranges) {
        const end = clock + len
        for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
          const s = structs[i]!
          if (s.id.clock >= end) break
          if (!(s instanceof Y.Item) || s.parent !== this.yarray || s.id.clock >= before) continue
          const content = s.content.getContent() as KeyedEntry<T>[]
          const from = Math.max(0, clock - s.id.clock)
          const to = Math.min(content.length, end - s.id.clock)
          for (let j = from; j < to; j++) {
            const e = content[j]
            if (!isEntry(e)) continue
            const st = touch(e.key)
            if (!st) continue
            const id = s.id.clock + j
            const k = st.refs.findIndex((r) => r.client === client && r.clock === id)
            if (k >= 0) st.refs.splice(k, 1)
          }
        }
      }
    })

    // 2. entries added in this transaction that are still live
    tr.afterState.forEach((after, client) => {
      const before = tr.beforeState.get(client) ?? 0
      if (after <= before) return
      const structs = this.doc.store.clients.get(client)
      if (!structs) return
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const s = structs[i]!
        if (s.id.clock >= after) break
        if (!(s instanceof Y.Item) || s.parent !== this.yarray || s.deleted || !s.countable) continue
        const content = s.content.getContent() as KeyedEntry<T>[]
        for (let j = Math.max(0, before - s.id.clock); j < content.length; j++) {
          const e = content[j]
          if (!isEntry(e)) continue
          const ref: Ref<T> = { client: s.id.client, clock: s.id.clock + j, val: e.val as T }
          const st = touch(e.key)
          if (st) st.refs.push(ref)
          else this.index.set(e.key, { cur: ref, refs: [ref] })
        }
      }
    })
    if (touched.size === 0) return

    // 3. keys with several live entries: the rightmost wins, the others are deleted
    const contested: string[] = []
    for (const key of touched.keys()) {
      const st = this.index.get(key)
      if (!st) continue
      if (st.refs.length === 0) this.index.delete(key)
      else if (st.refs.length === 1) st.cur = st.refs[0]!
      else contested.push(key)
    }
    if (contested.length > 0) this.resolve(contested)

    // 4. report
    const changes: KeyedChanges<T> = new Map()
    for (const [key, old] of touched) {
      const now = this.index.get(key)?.cur
      if (old === now) continue
      if (old === undefined) changes.set(key, { action: 'add', newValue: now!.val })
      else if (now === undefined) changes.set(key, { action: 'delete', oldValue: old.val })
      else changes.set(key, { action: 'update', oldValue: old.val, newValue: now.val })
    }
    if (changes.size === 0) return
    for (const l of [...this.listeners]) l(changes, tr)
  }

  /** Orders the live entries of contested keys by one walk of the array and deletes the losers. */
  private resolve(keys: string[]): void {
    const want = new Set(keys)
    const last = new Map<string, Ref<T>>()
    for (let item = this.yarray._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue
      const content = item.content.getContent() as KeyedEntry<T>[]
      for (let j = 0; j < content.length; j++) {
        const e = content[j]
        if (isEntry(e) && want.has(e.key)) {
          last.set(e.key, { client: item.id.client, clock: item.id.clock + j, val: e.val as T })
        }
      }
    }
    const losers: Ref<T>[] = []
    for (const key of keys) {
      const st = this.index.get(key)
      if (!st) continue
      const winner = last.get(key)
      const w =
        (winner && st.refs.find((r) => r.client === winner.client && r.clock === winner.clock)) ??
        st.refs[st.refs.length - 1]!
      for (const r of st.refs) if (r !== w) losers.push(r)
      st.cur = w
      if (this.cleanUp) st.refs = [w]
    }
    if (losers.length > 0 && this.cleanUp) {
      this.doc.transact((tr) => this.deleteRefs(tr, losers))
    }
  }
}

function isEntry(e: unknown): e is KeyedEntry<unknown> {
  return typeof e === 'object' && e !== null && typeof (e as { key?: unknown }).key === 'string'
}
