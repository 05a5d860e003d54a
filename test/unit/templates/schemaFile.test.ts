import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { templateJsonSchemaText } from '../../../src/core/common/templates/jsonSchema'
import { parseTemplate } from '../../../src/core/common/templates/parse'

describe('docs/formats/template.schema.json', () => {
  it('is the freshly generated JSON Schema (run `npx tsx scripts/gen-schemas.ts` after changing the zod schema)', () => {
    const committed = readFileSync(join(__dirname, '../../../docs/formats/template.schema.json'), 'utf8')
    expect(committed).toBe(templateJsonSchemaText())
  })
})

describe('docs/formats/template.md', () => {
  it('its example template is valid', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/formats/template.md'), 'utf8')
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)![1]!
    const r = parseTemplate(example)
    expect(r.ok ? 'ok' : r.problems).toBe('ok')
  })
})
