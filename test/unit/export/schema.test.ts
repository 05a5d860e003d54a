import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Ajv2020 from 'ajv/dist/2020'
import { describe, expect, it } from 'vitest'
import { buildExportModel, jsonExport } from '../../../src/core/common/export'
import { exportJsonSchemaText } from '../../../src/core/common/export/jsonSchema'
import {
  buildGridSession,
  buildZonesSession,
  FIXTURE_CHECKPOINTS,
  FIXTURE_EXPORT_OPTS,
} from '../../fixtures/docs/buildDoc'

const schemaPath = fileURLToPath(new URL('../../../docs/formats/export.schema.json', import.meta.url))
const committed = readFileSync(schemaPath, 'utf8')

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false })
  return ajv.compile(JSON.parse(committed) as object)
}

describe('published JSON Schema (docs/formats/export.schema.json)', () => {
  it('is the schema generated from the zod model (run npx tsx scripts/gen-export-schema.ts)', () => {
    expect(committed).toBe(exportJsonSchemaText())
  })

  it('accepts the JSON export of a grid and a zones session', () => {
    const validate = validator()
    for (const doc of [buildGridSession().doc, buildZonesSession().doc]) {
      const json = jsonExport(
        buildExportModel(doc, {
          ...FIXTURE_EXPORT_OPTS,
          checkpoints: FIXTURE_CHECKPOINTS,
          includeNames: true,
        }),
      )
      const ok = validate(JSON.parse(json))
      expect(validate.errors ?? []).toEqual([])
      expect(ok).toBe(true)
    }
  })

  it('rejects exports that break the contract', () => {
    const validate = validator()
    const good = JSON.parse(
      jsonExport(buildExportModel(buildGridSession().doc, FIXTURE_EXPORT_OPTS)),
    ) as Record<string, unknown>
    expect(validate({ ...good, formatVersion: 2 })).toBe(false)
    expect(validate({ ...good, surprise: true })).toBe(false)
    const cards = good.cards as Record<string, unknown>[]
    expect(validate({ ...good, cards: [{ ...cards[0], kind: 'rumour' }] })).toBe(false)
    expect(validate({ ...good, cards: [{ ...cards[0], votes: { total: -1, byRole: {} } }] })).toBe(false)
  })
})
