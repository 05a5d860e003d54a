import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { templateJsonSchemaText } from '../../../src/core/common/templates/jsonSchema'

describe('docs/formats/template.schema.json', () => {
  it('is the freshly generated JSON Schema (run `npx tsx scripts/gen-schemas.ts` after changing the zod schema)', () => {
    const committed = readFileSync(join(__dirname, '../../../docs/formats/template.schema.json'), 'utf8')
    expect(committed).toBe(templateJsonSchemaText())
  })
})
