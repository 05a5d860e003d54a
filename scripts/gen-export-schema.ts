/**
 * Writes docs/formats/export.schema.json from the zod ExportModel (the single source of truth).
 * Run: npx tsx scripts/gen-export-schema.ts        (check only: --check, exits 1 when stale)
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { exportJsonSchemaText } from '../src/core/common/export/jsonSchema'

const target = fileURLToPath(new URL('../docs/formats/export.schema.json', import.meta.url))
const text = exportJsonSchemaText()
if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(target, 'utf8')
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error(`${target} is stale: run npx tsx scripts/gen-export-schema.ts`)
    process.exit(1)
  }
  console.log('export.schema.json is up to date')
} else {
  writeFileSync(target, text)
  console.log(`wrote ${target}`)
}
