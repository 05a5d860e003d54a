import type * as Y from 'yjs'
import type { TLRecord, TLStore } from 'tldraw'
import { KeyedRecords } from '../../../core/common/session/keyedRecords'
import {
  DOC_SCHEMA_VERSION,
  META_KEYS,
  recordsArray,
  sessionMap,
} from '../../../core/common/session/docSchema'
import { UPDATE_BUDGET, valueSize } from '../../../core/common/session/updateBudget'
import { checkDocSchema, type SchemaCheck } from './schemaCheck'

/**
 * Binds a tldraw store to a session's Y.Doc (framework-free; the Board and the Node tests both use it).
 *
 * - Document records live in KeyedRecords on `tl_records`, keyed by record id.
 * - Local changes (source 'user', scope 'document') go to Yjs in one transaction per store batch.
 * - Changes that did not come from this binding (remote peers, other local writers) come in through
 *   `store.mergeRemoteChanges`, so tldraw's history (undo) never records them.
 * - `meta` holds DOC_SCHEMA_VERSION and tldraw's serialized schema. A client whose schema cannot read
 *   the document (newer document version, tldraw migrations it does not know) gets `schemaError` and
 *   never writes. A client with a newer compatible schema upgrades the stored records once.
 * - A remote record that fails validation is skipped and reported; the rest still applies.
 * - `shouldSync(record) === false` keeps a record local: it is never written, and if it was written
 *   before (it just became private) it is deleted from the document.
 * - Nothing is sent that the relay would refuse for its size (core/common/session/updateBudget.ts): a
 *   record larger than one item may hold is not written and is put back as it was on this device
 *   (`tooLarge` counts them, for the host to say so in plain words); a large batch is written in
 *   several transactions, each within the budget.
 *
 * Call it once the provider has synced for the first time, so a client never seeds over a board it
 * has not received yet.
 */
export interface BindingOptions {
  store: TLStore
  doc: Y.Doc
  shouldSync?: (record: TLRecord) => boolean
  /** A reader (observer) never writes, not even the initial schema. */
  readOnly?: boolean
  /** Records written to an empty document (defaults to the store's own document records). */
  seed?: () => TLRecord[]
  onChange?: (state: BindingState) => void
  /** Told about each remote record that was skipped. */
  onInvalidRecord?: (id: string, reason: string) => void
}

export interface BindingState {
  schemaError: string | null
  /** Remote records currently skipped because they failed validation. */
  invalidRecords: number
  /** Local changes not sent because they were larger than the relay accepts (undone on this device). */
  tooLarge: number
}

export interface Binding {
  readonly records: KeyedRecords<TLRecord>
  getState(): BindingState
  destroy(): void
}

export function bindStoreToDoc(opts: BindingOptions): Binding {
  const { store, doc } = opts
  const shouldSync = opts.shouldSync ?? (() => true)
  const records = new KeyedRecords<TLRecord>(recordsArray(doc))
  const meta = sessionMap(doc, 'meta')
  /** The origin of every transaction this binding writes, to tell its own changes apart. */
  const origin = { binding: 'tldraw' }
  const invalid = new Map<string, string>()
  let tooLarge = 0
  let check: SchemaCheck = checkDocSchema(meta, store.schema)
  let destroyed = false

  const state = (): BindingState => ({
    schemaError: check.ok ? null : check.error,
    invalidRecords: invalid.size,
    tooLarge,
  })
  const notify = () => opts.onChange?.(state())
  const canWrite = () => !destroyed && !opts.readOnly && check.ok

  const isDocumentRecord = (r: unknown): r is TLRecord => {
    if (typeof r !== 'object' || r === null) return false
    const typeName = (r as { typeName?: unknown }).typeName
    if (typeof typeName !== 'string') return false
    const type = (store.schema.types as Record<string, { scope: string } | undefined>)[typeName]
    return type?.scope === 'document'
  }

  const skip = (key: string, e: unknown) => {
    const reason = e instanceof Error ? e.message : String(e)
    invalid.set(key, reason)
    opts.onInvalidRecord?.(key, reason)
  }

  /**
   * Cheap structural checks (and, for an older stored schema, migration) of one incoming record;
   * null if skipped. Full validation is left to `store.put`, which validates anyway.
   */
  const prepare = (key: string, value: unknown): TLRecord | null => {
    try {
      if (!isDocumentRecord(value)) throw new Error('not a tldraw document record')
      if (value.id !== key) throw new Error(`stored under key ${key} but has id ${value.id}`)
      let rec = value
      if (check.ok && check.migrateFrom) {
        const migrated = store.schema.migratePersistedRecord(rec, check.migrateFrom)
        if (migrated.type !== 'success') throw new Error(`migration failed: ${migrated.reason}`)
        rec = migrated.value
      }
      return rec
    } catch (e) {
      skip(key, e)
      return null
    }
  }

  /** Applies remote puts and removals to the store without entering the undo history. */
  const applyRemote = (puts: Map<string, unknown>, removes: Iterable<string>) => {
    const before = invalid.size
    const toPut: TLRecord[] = []
    for (const [key, value] of puts) {
      const rec = prepare(key, value)
      if (rec) toPut.push(rec)
    }
    const toRemove: TLRecord['id'][] = []
    for (const key of removes) {
      invalid.delete(key)
      const existing = store.get(key as TLRecord['id'])
      if (existing && shouldSync(existing)) toRemove.push(existing.id)
    }
    if (toPut.length > 0 || toRemove.length > 0) {
      const merge = (records: TLRecord[]) =>
        store.mergeRemoteChanges(() => {
          if (toRemove.length > 0) store.remove(toRemove)
          if (records.length > 0) store.put(records)
        })
      let applied = toPut
      try {
        merge(toPut)
      } catch {
        // put validates each record and throws on the first bad one, rolling the whole merge back.
        // Validate one by one, report the bad ones, and apply the rest.
        const valid = toPut.filter((r) => {
          try {
            const prev = store.get(r.id) ?? null
            store.schema.validateRecord(store, r, prev ? 'updateRecord' : 'createRecord', prev)
            return true
          } catch (e) {
            skip(r.id, e)
            return false
          }
        })
        applied = valid
        merge(valid)
      }
      for (const r of applied) invalid.delete(r.id)
    }
    if (invalid.size !== before || toPut.length > 0) notify()
  }

  // --- initial load -------------------------------------------------------------------------------
  if (check.ok) {
    if (records.size === 0) {
      const seed = (opts.seed?.() ?? Object.values(store.serialize('document'))).filter(shouldSync)
      if (canWrite()) {
        doc.transact(() => {
          writeSchema()
          records.setMany(seed.map((r) => [r.id, r] as const))
        }, origin)
        const missing = seed.filter((r) => !store.has(r.id))
        if (missing.length > 0) store.mergeRemoteChanges(() => store.put(missing))
      }
    } else {
      if (canWrite()) {
        if (check.migrateFrom) upgradeStoredRecords()
        else if (check.missing) doc.transact(writeSchema, origin)
      }
      const puts = new Map<string, unknown>(records.entries())
      const removes: string[] = []
      for (const r of Object.values(store.serialize('document'))) {
        if (!puts.has(r.id) && shouldSync(r)) removes.push(r.id)
      }
      applyRemote(puts, removes)
    }
  }

  function writeSchema() {
    meta.set(META_KEYS.docVersion, DOC_SCHEMA_VERSION)
    meta.set(META_KEYS.tldrawSchema, store.schema.serialize())
  }

  /** This client's schema is newer: migrate the stored records once and record the new schema. */
  function upgradeStoredRecords() {
    if (!check.ok || !check.migrateFrom) return
    const from = check.migrateFrom
    const upgraded: [string, TLRecord][] = []
    for (const [key, rec] of records.entries()) {
      if (!isDocumentRecord(rec)) continue
      const m = store.schema.migratePersistedRecord(rec, from)
      if (m.type === 'success' && m.value !== rec) upgraded.push([key, m.value])
    }
    doc.transact(() => {
      records.setMany(upgraded)
      writeSchema()
    }, origin)
    check = { ok: true, migrateFrom: null, missing: false }
  }

  // --- local → Yjs --------------------------------------------------------------------------------
  const unlisten = store.listen(
    ({ changes }) => {
      if (!canWrite()) return
      const puts: [string, TLRecord][] = []
      const dels: string[] = []
      /** Records too large to send, with what to put back on this device (null: remove it). */
      const refused: [TLRecord, TLRecord | null][] = []
      const put = (r: TLRecord, before: TLRecord | null) => {
        if (entrySize(r) > UPDATE_BUDGET.maxItemContentLength) refused.push([r, before])
        else puts.push([r.id, r])
      }
      for (const r of Object.values(changes.added)) {
        if (shouldSync(r)) put(r, null)
      }
      for (const [from, to] of Object.values(changes.updated)) {
        if (shouldSync(to)) put(to, from)
        else if (records.has(to.id)) dels.push(to.id)
      }
      for (const r of Object.values(changes.removed)) {
        if (records.has(r.id)) dels.push(r.id)
      }
      if (refused.length > 0) undoTooLarge(refused)
      if (puts.length === 0 && dels.length === 0) return
      // Each transaction's new entries form one Yjs item: keep each within the relay's item budget.
      const batches: [string, TLRecord][][] = [[]]
      let size = 0
      for (const p of puts) {
        const n = entrySize(p[1])
        if (size + n > UPDATE_BUDGET.maxItemContentLength && batches[batches.length - 1]!.length > 0) {
          batches.push([])
          size = 0
        }
        batches[batches.length - 1]!.push(p)
        size += n
      }
      doc.transact(() => {
        if (dels.length > 0) records.deleteMany(dels)
        if (batches[0]!.length > 0) records.setMany(batches[0]!)
      }, origin)
      for (const batch of batches.slice(1)) doc.transact(() => records.setMany(batch), origin)
    },
    { source: 'user', scope: 'document' },
  )

  /** Puts records that were too large to send back as they were (outside the undo history) and says so. */
  function undoTooLarge(refused: [TLRecord, TLRecord | null][]) {
    tooLarge += refused.length
    store.mergeRemoteChanges(() => {
      const remove = refused.filter(([, before]) => before === null).map(([r]) => r.id)
      const restore = refused.flatMap(([, before]) => (before === null ? [] : [before]))
      if (remove.length > 0) store.remove(remove)
      if (restore.length > 0) store.put(restore)
    })
    notify()
  }

  // --- Yjs → local --------------------------------------------------------------------------------
  const onRecords = (changes: Map<string, { action: string; newValue?: TLRecord }>, tr: Y.Transaction) => {
    if (tr.origin === origin || !check.ok || destroyed) return
    const puts = new Map<string, unknown>()
    const removes: string[] = []
    for (const [key, c] of changes) {
      if (c.action === 'delete') removes.push(key)
      else puts.set(key, c.newValue)
    }
    applyRemote(puts, removes)
  }
  records.on('change', onRecords)

  const onMeta = () => {
    const next = checkDocSchema(meta, store.schema)
    const wasOk = check.ok
    // a schema this client wrote itself (migrateFrom null) must not re-trigger anything
    if (next.ok && check.ok && !next.migrateFrom) {
      check = next
      return
    }
    check = next
    if (wasOk !== next.ok || !next.ok) notify()
  }
  meta.observe(onMeta)

  return {
    records,
    getState: state,
    destroy() {
      destroyed = true
      unlisten()
      records.off('change', onRecords)
      records.destroy()
      meta.unobserve(onMeta)
    },
  }
}

/** The size the relay counts for one record entry of `tl_records` ({ key, val }). */
function entrySize(r: TLRecord): number {
  return valueSize({ key: r.id, val: r }, UPDATE_BUDGET.maxItemContentLength + 1)
}
