import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv2020 from 'ajv/dist/2020'
import { describe, expect, it } from 'vitest'
import { attributeCard, cellRect } from '../../../src/core/common/structure/attribution'
import { Agenda } from '../../../src/core/common/facilitation/schema'
import {
  instantiateTemplate,
  missingTexts,
  localizeTemplate,
  parseTemplate,
  SEED_DOCUMENTS,
  structureItems,
  templateJsonSchema,
  type Template,
} from '../../../src/core/common/templates'
import { BoardStructure, type CellRef } from '../../../src/shared/model/structure'

const DIR = join(__dirname, '../../../workshop-templates')
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
const load = (f: string): Template => {
  const r = parseTemplate(readFileSync(join(DIR, f), 'utf8'), f)
  if (!r.ok) throw new Error(`${f}: ${JSON.stringify(r.problems)}`)
  return r.template
}

const REQUIRED = [
  'service-journey-map',
  'six-features-audit',
  'service-chain-journey',
  'idea-sorter',
  'assets-resource-pooling',
  'contribution-ledger',
  'governance-balance',
  'participatory-budgeting',
  'risk-equity-check',
  'business-case',
  'outcomes-pledge',
]

/** Words people with no design background should not meet in prompts (labels may name roles). */
const JARGON =
  /\b(co-?production|co-?produc\w*|stakeholders?|substitutive|additive|transactional|relational|isoquant|synergy|leverage|deliverables?|KPIs?)\b/i

const sentences = (text: string) =>
  text
    .split(/(?<=[.?!])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
const words = (s: string) => s.split(/\s+/).filter((w) => /\w/.test(w)).length

describe('shipped templates', () => {
  it('include the general Service Journey Map and the ten templates of domain-digest §7', () => {
    const ids = files.map((f) => load(f).id)
    for (const id of REQUIRED) expect(ids).toContain(id)
    expect(files.length).toBeGreaterThanOrEqual(11)
  })

  it.each(files)('%s: file name matches its id and it cites a framework and a seed document', (f) => {
    const t = load(f)
    expect(`${t.id}.json`).toBe(f)
    expect(t.framework.name.length).toBeGreaterThan(5)
    const seeded = t.framework.sources.filter((s) => s.seed !== undefined)
    expect(seeded.length).toBeGreaterThan(0)
    for (const s of seeded) {
      expect(SEED_DOCUMENTS[s.seed!]).toBeDefined()
      expect(s.citation).toBe(SEED_DOCUMENTS[s.seed!].citation)
      expect(s.location.length).toBeGreaterThan(5)
    }
  })

  it.each(files)('%s: the agenda fills the stated duration and targets real cells', (f) => {
    const t = load(f)
    expect(t.agenda.length).toBeGreaterThanOrEqual(4)
    expect(t.agenda.reduce((a, x) => a + x.durationMinutes, 0)).toBe(t.durationMinutes)
  })

  it.each(files)('%s: every prompt has an easy-read version in short sentences and everyday words', (f) => {
    const t = load(f)
    for (const { item } of structureItems(t.structure)) {
      expect(item.prompt, item.id).not.toBe('')
      expect(item.easyRead, item.id).not.toBe('')
      expect(item.prompt, item.id).not.toMatch(JARGON)
      expect(item.easyRead, item.id).not.toMatch(JARGON)
      for (const s of sentences(item.easyRead)) expect(words(s), `${item.id}: "${s}"`).toBeLessThanOrEqual(12)
      for (const s of sentences(item.prompt)) expect(words(s), `${item.id}: "${s}"`).toBeLessThanOrEqual(30)
      expect(item.easyRead.length, item.id).toBeLessThanOrEqual(item.prompt.length + 20)
    }
    expect(t.purposeEasyRead).not.toBe('')
  })

  it.each(files)(
    '%s: instantiates to a valid board structure and agenda, and every cell attributes its own centre',
    (f) => {
      const t = load(f)
      const { structure, agenda } = instantiateTemplate(t, { origin: { x: 120, y: -40 } })
      expect(BoardStructure.safeParse(structure).success).toBe(true)
      expect(Agenda.safeParse(agenda).success).toBe(true)
      expect(agenda.currentIndex).toBe(-1)
      expect(agenda.activities.map((a) => a.durationMs)).toEqual(
        t.agenda.map((a) => a.durationMinutes * 60_000),
      )
      const refs: CellRef[] =
        structure.type === 'grid'
          ? structure.stages.flatMap((s) =>
              structure.lanes.map((l) => ({ type: 'cell' as const, stageId: s.id, laneId: l.id })),
            )
          : structure.zones.map((z) => ({ type: 'zone' as const, zoneId: z.id }))
      for (const ref of refs) {
        const r = cellRect(structure, ref)!
        // a default-sized card dropped in the middle of the cell
        expect(
          attributeCard(structure, { x: r.x + r.w / 2 - 100, y: r.y + r.h / 2 - 70, w: 200, h: 140 }),
        ).toEqual(ref)
      }
    },
  )

  it('zone templates have no overlapping zones (every zone can be reached everywhere)', () => {
    for (const f of files) {
      const { structure } = instantiateTemplate(load(f))
      if (structure.type !== 'zones') continue
      const zs = structure.zones
      for (let i = 0; i < zs.length; i++)
        for (let j = i + 1; j < zs.length; j++) {
          const a = zs[i]!
          const b = zs[j]!
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
          expect(overlap, `${f}: ${a.id} and ${b.id}`).toBe(false)
        }
    }
  })

  it('every shipped file also validates against the generated JSON Schema (ajv, draft 2020-12)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    const validate = ajv.compile(templateJsonSchema())
    for (const f of files) {
      const ok = validate(JSON.parse(readFileSync(join(DIR, f), 'utf8')))
      expect(ok, `${f}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
    // and the JSON Schema is not vacuous
    expect(validate({ formatVersion: 1 })).toBe(false)
    expect(validate({ ...JSON.parse(readFileSync(join(DIR, files[0]!), 'utf8')), name: 'bell\u0007' })).toBe(
      false,
    )
  })

  it.each(files)('%s: every text is also in Welsh (cy), and the Welsh template instantiates', (f) => {
    const t = load(f)
    expect(missingTexts(t, 'cy')).toEqual([])
    const cy = localizeTemplate(t, 'cy')
    expect(cy.name).not.toBe(t.name)
    const inst = instantiateTemplate(cy)
    expect(inst.agenda.activities.map((a) => a.id)).toEqual(t.agenda.map((a) => a.id))
  })
})
