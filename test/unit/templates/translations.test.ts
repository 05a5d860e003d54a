import { readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  instantiateTemplate,
  localizeTemplate,
  missingTexts,
  parseTemplate,
  templateLanguages,
  type Template,
} from '../../../src/core/common/templates'
import { runTemplatesCommand } from '../../../src/cli/commands/templates'

const DIR = join(__dirname, '../../../workshop-templates')
const raw = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(DIR, 'idea-sorter.json'), 'utf8')) as Record<string, unknown>

function parsed(obj: unknown): Template {
  const r = parseTemplate(JSON.stringify(obj), 'x.json')
  if (!r.ok) throw new Error(JSON.stringify(r.problems))
  return r.template
}

describe('template translations', () => {
  it('a template without translations reads in English and lacks every Welsh text', () => {
    const t = parsed({ ...raw(), translations: undefined })
    expect(t.language).toBe('en')
    expect(templateLanguages(t)).toEqual(['en'])
    const missing = missingTexts(t, 'cy').map((m) => m.path)
    expect(missing).toContain('name')
    expect(missing.some((p) => p.startsWith('items.'))).toBe(true)
    expect(missingTexts(t, 'en')).toEqual([])
  })

  it('localizes the texts that have a translation and keeps the rest', () => {
    const base = parsed({ ...raw(), translations: undefined })
    const firstStage = base.structure.type === 'grid' ? base.structure.stages[0]! : base.structure.zones[0]!
    const firstActivity = base.agenda[0]!
    const t = parsed({
      ...raw(),
      translations: {
        cy: {
          name: 'Didoli syniadau',
          items: { [firstStage.id]: { label: 'Label Cymraeg' } },
          activities: { [firstActivity.id]: { title: 'Teitl Cymraeg' } },
        },
      },
    })
    const cy = localizeTemplate(t, 'cy')
    expect(cy.name).toBe('Didoli syniadau')
    expect(cy.language).toBe('cy')
    const inst = instantiateTemplate(cy)
    const items = inst.structure.type === 'grid' ? inst.structure.stages : inst.structure.zones
    expect(items[0]!.label).toBe('Label Cymraeg')
    expect(items[0]!.prompt).toBe(firstStage.prompt) // no Welsh prompt given: English stays
    expect(inst.agenda.activities[0]!.title).toBe('Teitl Cymraeg')
    expect(localizeTemplate(t, 'en')).toBe(t)
    expect(templateLanguages(t)).toEqual(['en', 'cy'])
  })

  it('refuses a translation naming ids the template does not have, or its own language', () => {
    const r = parseTemplate(
      JSON.stringify({
        ...raw(),
        translations: { en: { name: 'x' }, cy: { items: { nope: { label: 'x' } } } },
      }),
      'x.json',
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    const paths = r.problems.map((p) => p.path)
    expect(paths).toContain('$.translations.en')
    expect(paths).toContain('$.translations.cy.items.nope')
  })

  it('copro templates check --languages cy reports the missing Welsh texts with their paths', async () => {
    const out: string[] = []
    const err: string[] = []
    const file = join(await mkdtemp(join(tmpdir(), 'tpl-')), 'idea-sorter.json')
    await writeFile(file, JSON.stringify({ ...raw(), translations: { cy: { name: 'Didoli syniadau' } } }))
    const code = await runTemplatesCommand(['check', '--languages', 'cy', file], {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
    })
    expect(code).toBe(1)
    expect(out.join('\n')).toMatch(/missing Welsh \(cy\): purpose, purposeEasyRead/)
    const unknown = await runTemplatesCommand(['check', '--languages', 'xx', file], {
      out: () => undefined,
      err: (s) => err.push(s),
    })
    expect(unknown).toBe(2)
    expect(err.join('\n')).toContain('Unknown language "xx"')
  })
})
