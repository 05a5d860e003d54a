import { z } from 'zod'
import { Template, TEMPLATE_FORMAT_VERSION, TEMPLATE_LIMITS } from './schema'

export const TEMPLATE_SCHEMA_ID = 'urn:copro-studio:schema:template:1'

/**
 * The JSON Schema (draft 2020-12) of a template file, generated from the zod schema (input form:
 * fields with defaults are optional). Rules that span fields (unique ids, references between
 * fields, easy-read text for every prompt) are checked by `copro templates check`, not by this file.
 */
export function templateJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(Template, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >
  const { $schema, ...rest } = generated
  return {
    $schema,
    $id: TEMPLATE_SCHEMA_ID,
    title: `Copro Studio workshop template (format version ${TEMPLATE_FORMAT_VERSION})`,
    description:
      `One workshop template. Files may hold at most ${TEMPLATE_LIMITS.maxBytes} bytes and nest at most ` +
      `${TEMPLATE_LIMITS.maxDepth} levels. Generated from src/core/common/templates/schema.ts by ` +
      '`npx tsx scripts/gen-schemas.ts`; see docs/formats/template.md.',
    ...rest,
  }
}

/** The exact text of docs/formats/template.schema.json. */
export function templateJsonSchemaText(): string {
  return `${JSON.stringify(templateJsonSchema(), null, 2)}\n`
}
