import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Agenda } from '../../../src/core/common/facilitation/schema'
import {
  instantiateTemplate,
  parseTemplate,
  serializeTemplate,
  structureOrigin,
  structureToTemplate,
  type Template,
} from '../../../src/core/common/templates'
import type { BoardStructure } from '../../../src/shared/model/structure'
import { gridArb, zonesArb } from '../structure/structureArbitraries'

const meta = { id: 'saved-board', name: 'Saved board', purpose: 'A structure saved from a board.' }

function agendaArb(s: BoardStructure): fc.Arbitrary<Agenda> {
  const ids = s.type === 'grid' ? [...s.stages, ...s.lanes].map((x) => x.id) : s.zones.map((z) => z.id)
  return fc
    .array(
      fc.record({
        title: fc.constantFrom('Welcome', 'Write <b>ideas</b>', 'Vote & close'),
        durationMs: fc.integer({ min: 0, max: 8 * 3600_000 }),
        instructions: fc
          .string({ maxLength: 40 })
          .map((t) =>
            [...t]
              .map((c) =>
                c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f) ? ' ' : c,
              )
              .join(''),
          ),
        private: fc.boolean(),
        contentNote: fc.constantFrom('', 'This may be upsetting.'),
        targetId: fc.option(fc.constantFrom(...ids), { nil: null }),
      }),
      { maxLength: 10 },
    )
    .map((acts) => ({ activities: acts.map((a, i) => ({ id: `act-${i}`, ...a })), currentIndex: -1 }))
}

/** structure → template → file text → template → board, at the structure's own origin. */
function roundTrip(structure: BoardStructure, agenda: Agenda) {
  const saved = structureToTemplate(structure, agenda, meta)
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems))
  const reread = parseTemplate(serializeTemplate(saved.template))
  if (!reread.ok) throw new Error(JSON.stringify(reread.problems))
  expect(reread.template).toEqual(saved.template)
  return { saved, instance: instantiateTemplate(reread.template, { origin: structureOrigin(structure) }) }
}

describe('save board structure as template, and back', () => {
  it('any grid (1–50 stages and lanes, any sizes and position) comes back exactly', () => {
    fc.assert(
      fc.property(
        fc
          .oneof(gridArb(), gridArb({ anyDoubles: true }))
          .chain((g) => fc.tuple(fc.constant(g), agendaArb(g))),
        ([g, agenda]) => {
          const { saved, instance } = roundTrip(g, agenda)
          expect(instance.structure).toEqual(g)
          expect(instance.agenda).toEqual(agenda)
          expect(saved.notes).toEqual([])
        },
      ),
      { numRuns: 150 },
    )
  })

  it('any zone layout comes back exactly', () => {
    fc.assert(
      fc.property(
        zonesArb().chain((z) => fc.tuple(fc.constant(z), agendaArb(z))),
        ([z, agenda]) => {
          const { instance } = roundTrip(z, agenda)
          expect(instance.structure).toEqual(z)
          expect(instance.agenda).toEqual(agenda)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('every shipped template survives instantiate → save → instantiate', () => {
    const dir = join(__dirname, '../../../workshop-templates')
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const r = parseTemplate(readFileSync(join(dir, f), 'utf8'))
      if (!r.ok) throw new Error(f)
      const t: Template = r.template
      const first = instantiateTemplate(t, { origin: { x: 300, y: 200 } })
      const saved = structureToTemplate(first.structure, first.agenda, {
        id: t.id,
        name: t.name,
        purpose: t.purpose,
        purposeEasyRead: t.purposeEasyRead,
        framework: t.framework,
        durationMinutes: t.durationMinutes,
        contentNote: t.contentNote,
        exportHints: t.exportHints,
      })
      expect(saved.ok, f).toBe(true)
      if (!saved.ok) continue
      expect(saved.notes, f).toEqual([])
      expect(instantiateTemplate(saved.template, { origin: structureOrigin(first.structure) }), f).toEqual(
        first,
      )
      expect(saved.template.exportHints, f).toEqual(t.exportHints)
      expect(saved.template.framework, f).toEqual(t.framework)
    }
  })

  it('activity ids that are not template ids are renumbered, and targets that left the board are dropped, with notes', () => {
    const g = fc.sample(gridArb({ maxStages: 3, maxLanes: 3 }), { numRuns: 1, seed: 7 })[0]!
    const agenda: Agenda = {
      activities: [
        {
          id: 'Act_1',
          title: 'One',
          durationMs: 60_000,
          instructions: '',
          private: false,
          contentNote: '',
          targetId: 'gone',
        },
        {
          id: 'two',
          title: 'Two',
          durationMs: 90_000,
          instructions: '',
          private: true,
          contentNote: '',
          targetId: null,
        },
        {
          id: 'two',
          title: 'Again',
          durationMs: 0,
          instructions: '',
          private: false,
          contentNote: '',
          targetId: null,
        },
      ],
      currentIndex: 1,
    }
    const saved = structureToTemplate(g, agenda, meta)
    expect(saved.ok).toBe(true)
    if (!saved.ok) return
    expect(saved.template.agenda.map((a) => a.id)).toEqual(['activity-1', 'two', 'activity-3'])
    expect(saved.template.agenda[0]!.targetId).toBeNull()
    expect(saved.notes.join('\n')).toMatch(/"gone", which is no longer on the board/)
    expect(saved.template.durationMinutes).toBe(5) // 2.5 minutes rounds up, and the minimum is 5
  })

  it('a board whose text the template format does not allow gives problems, not a broken file', () => {
    const g = fc.sample(gridArb({ maxStages: 2, maxLanes: 2 }), { numRuns: 1, seed: 3 })[0]!
    const bad = { ...g, stages: g.stages.map((s, i) => (i === 0 ? { ...s, label: 'bell\u0007' } : s)) }
    const saved = structureToTemplate(bad, { activities: [], currentIndex: -1 }, meta)
    expect(saved.ok).toBe(false)
    if (!saved.ok) expect(saved.problems[0]!.path).toBe('$.structure.stages[0].label')
    const badMeta = structureToTemplate(g, { activities: [], currentIndex: -1 }, { ...meta, id: 'Not An Id' })
    expect(badMeta.ok).toBe(false)
  })

  it('instantiate refuses an origin outside the board', () => {
    const r = parseTemplate(
      readFileSync(join(__dirname, '../../../workshop-templates/idea-sorter.json'), 'utf8'),
    )
    if (!r.ok) throw new Error('idea-sorter')
    expect(() => instantiateTemplate(r.template, { origin: { x: Number.NaN, y: 0 } })).toThrow(RangeError)
    expect(() => instantiateTemplate(r.template, { origin: { x: 0, y: 2e6 } })).toThrow(RangeError)
  })
})
