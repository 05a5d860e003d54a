import { z } from 'zod'
import { EXPORT_FORMAT_VERSION, ExportModel } from './schema'

export const EXPORT_SCHEMA_ID = `https://copro.studio/schemas/export-v${EXPORT_FORMAT_VERSION}.schema.json`

/** The JSON Schema (draft 2020-12) of export.json, generated from the zod ExportModel. */
export function exportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ExportModel, { target: 'draft-2020-12', io: 'output' }) as Record<
    string,
    unknown
  >
  const { $schema, ...rest } = generated
  return {
    $schema,
    $id: EXPORT_SCHEMA_ID,
    title: 'Copro Studio export',
    description: `export.json written by Copro Studio (formatVersion ${EXPORT_FORMAT_VERSION}). Generated from src/core/common/export/schema.ts; do not edit by hand.`,
    ...rest,
  }
}

/** The committed file's exact text (2-space JSON, trailing newline). */
export function exportJsonSchemaText(): string {
  return JSON.stringify(exportJsonSchema(), null, 2) + '\n'
}
