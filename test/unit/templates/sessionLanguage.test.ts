import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  instantiateTemplate,
  localizeTemplate,
  parseTemplate,
  type Template,
} from '../../../src/core/common/templates'
import { initialSessionUpdate } from '../../../src/core/common/newSession'
import { readStructure } from '../../../src/core/common/session/read'
import { readSessionLanguage } from '../../../src/core/common/session/language'
import { readAgenda } from '../../../src/core/common/facilitation/state'

const DIR = join(__dirname, '../../../workshop-templates')

function shipped(id: string): Template {
  const r = parseTemplate(readFileSync(join(DIR, `${id}.json`), 'utf8'), `${id}.json`)
  if (!r.ok) throw new Error(JSON.stringify(r.problems))
  return r.template
}

/** What sessions.create does with a template and a language (src/core/node/server/handlers.ts). */
function created(t: Template, language?: 'en' | 'cy'): Y.Doc {
  const doc = new Y.Doc()
  const instance = instantiateTemplate(language ? localizeTemplate(t, language) : t)
  const meta = { sessionId: 's1', title: 'T', templateId: t.id, createdAt: '2026-12-04T00:00:00.000Z' }
  Y.applyUpdate(doc, initialSessionUpdate(meta, instance, language))
  return doc
}

describe('a session made from a template in a language (issue 19)', () => {
  it('a Welsh session from the service journey map has Welsh stage labels and the session language cy', () => {
    const t = shipped('service-journey-map')
    const cy = t.translations.cy
    expect(cy).toBeDefined()
    const doc = created(t, 'cy')
    expect(readSessionLanguage(doc)).toBe('cy')
    const s = readStructure(doc)
    if (s?.type !== 'grid' || t.structure.type !== 'grid') throw new Error('expected a grid')
    const english = t.structure.stages.map((x) => x.label)
    const welsh = s.stages.map((x) => x.label)
    expect(welsh).toEqual(
      (localizeTemplate(t, 'cy').structure as Extract<Template['structure'], { type: 'grid' }>).stages.map(
        (x) => x.label,
      ),
    )
    expect(welsh).not.toEqual(english)
    // the agenda's titles are Welsh too
    const agendaTitles = readAgenda(doc).activities.map((a) => a.title)
    const englishTitles = readAgenda(created(t)).activities.map((a) => a.title)
    expect(agendaTitles).not.toEqual(englishTitles)
  })

  it('without a language: the template as written, and the session language stays English', () => {
    const t = shipped('service-journey-map')
    const doc = created(t)
    expect(readSessionLanguage(doc)).toBe('en')
    const s = readStructure(doc)
    if (s?.type !== 'grid' || t.structure.type !== 'grid') throw new Error('expected a grid')
    expect(s.stages.map((x) => x.label)).toEqual(t.structure.stages.map((x) => x.label))
  })
})
