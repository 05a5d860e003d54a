/**
 * Writes the JSON Schemas generated from our zod schemas into docs/formats/.
 * Run: npx tsx scripts/gen-schemas.ts   (a unit test fails when the committed files are stale)
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { templateJsonSchemaText } from '../src/core/common/templates/jsonSchema'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outputs: { file: string; text: string }[] = [
  { file: 'docs/formats/template.schema.json', text: templateJsonSchemaText() },
]

for (const { file, text } of outputs) {
  const path = join(root, file)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
  console.log(`wrote ${file} (${text.length} bytes)`)
}
