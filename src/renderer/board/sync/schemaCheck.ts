import { z } from 'zod'
import type * as Y from 'yjs'
import type { SerializedSchema, TLStore } from 'tldraw'
import { DOC_SCHEMA_VERSION, META_KEYS } from '../../../core/common/session/docSchema'
import { uiT } from '../../device/i18n/uiT'

const StoredTldrawSchema = z.object({
  schemaVersion: z.literal(2),
  sequences: z.record(z.string(), z.number().int().nonnegative()),
})

export type SchemaCheck =
  | {
      ok: true
      /** The stored schema is older than ours: records need these migrations (null: none). */
      migrateFrom: SerializedSchema | null
      /** The document has no schema yet (new, or written before schemas were stored). */
      missing: boolean
    }
  | { ok: false; error: string }

const update = (): string => uiT('board.schema.update')

/**
 * Can this client read and write the document? It cannot when the document was written by a newer
 * app (DOC_SCHEMA_VERSION) or a tldraw schema with migrations or record types this client lacks.
 */
export function checkDocSchema(meta: Y.Map<unknown>, schema: TLStore['schema']): SchemaCheck {
  const docVersion = meta.get(META_KEYS.docVersion)
  if (docVersion !== undefined) {
    if (typeof docVersion !== 'number' || !Number.isInteger(docVersion)) {
      return { ok: false, error: uiT('board.schema.unreadable', { version: String(docVersion) }) }
    }
    if (docVersion > DOC_SCHEMA_VERSION) {
      return {
        ok: false,
        error: `${uiT('board.schema.newer', { version: String(docVersion), ours: String(DOC_SCHEMA_VERSION) })} ${update()}`,
      }
    }
  }
  const raw = meta.get(META_KEYS.tldrawSchema)
  if (raw === undefined) return { ok: true, migrateFrom: null, missing: true }
  const parsed = StoredTldrawSchema.safeParse(raw)
  if (!parsed.success) {
    return { ok: false, error: `${uiT('board.schema.unknownDrawing')} ${update()}` }
  }
  const ours = schema.serialize().sequences
  const theirs = parsed.data.sequences
  const unknown: string[] = []
  let older = false
  for (const [seq, version] of Object.entries(theirs)) {
    const mine = ours[seq]
    if (mine === undefined || version > mine) unknown.push(seq)
    else if (version < mine) older = true
  }
  for (const seq of Object.keys(ours)) if (!(seq in theirs)) older = true
  if (unknown.length > 0) {
    return {
      ok: false,
      error: `${uiT('board.schema.newerDrawing', { features: unknown.slice(0, 3).join(', ') })} ${update()}`,
    }
  }
  if (older) {
    const migrations = schema.getMigrationsSince(parsed.data)
    if (!migrations.ok) {
      return { ok: false, error: uiT('board.schema.cannotUpgrade', { reason: String(migrations.error) }) }
    }
    if (migrations.value.some((m) => m.scope === 'store')) {
      return { ok: false, error: uiT('board.schema.wholeBoard') }
    }
    return { ok: true, migrateFrom: migrations.value.length > 0 ? parsed.data : null, missing: false }
  }
  return { ok: true, migrateFrom: null, missing: false }
}
