import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { StableId, type BoardStructure } from '../../../src/shared/model/structure'
import { writeStructure } from '../../../src/core/common/session/write'
import { DOC_KEYS } from '../../../src/core/common/session/docSchema'
import { instantiateTemplate, parseTemplate, type Template } from '../../../src/core/common/templates'
import {
  describeLayout,
  formatDuration,
  toTemplateList,
} from '../../../src/renderer/features/templates/useTemplates'
import { idFromLabel, structureIds } from '../../../src/renderer/features/templates/structureIds'
import { templateSessionTitle } from '../../../src/renderer/features/templates/TemplateGallery'
import { cellName as describeCell } from '../../../src/core/common/structure/cellLabel'
import { canEditStructure } from '../../../src/core/common/permissions'
import { currentStructure, onStructure } from '../../../src/renderer/board/structure/useStructure'

const DIR = 'workshop-templates'
const shipped: Template[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const r = parseTemplate(readFileSync(join(DIR, f), 'utf8'), f)
    if (!r.ok) throw new Error(`${f}: ${JSON.stringify(r.problems)}`)
    return r.template
  })

describe('the gallery list', () => {
  it('keeps valid templates with summary and preview, and lists invalid entries with their problems', () => {
    const good = shipped[0]!
    const list = toTemplateList({
      templates: [
        { source: 'shipped', template: good },
        { source: 'custom', template: { ...good, name: '' } },
        { source: 'custom', template: 'not an object' },
        { source: 'custom', template: { ...good } }, // same id again: shown once
      ],
      rejected: [{ name: 'broken.json', problems: [{ path: '$', message: 'not valid JSON' }] }],
    })
    expect(list.entries.map((e) => e.template.id)).toEqual([good.id])
    expect(list.entries[0]!.preview.boxes.length).toBeGreaterThan(0)
    expect(list.rejected.map((r) => r.name)).toEqual([
      'broken.json',
      `custom ${good.id}`,
      'custom template 3',
    ])
    expect(list.rejected[1]!.problems[0]!.path).toBe('$.name')
  })

  it('describes every shipped layout in words (the thumbnail text alternative)', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(11)
    for (const t of shipped) {
      const [entry] = toTemplateList({
        templates: [{ source: 'shipped', template: t }],
        rejected: [],
      }).entries
      const text = describeLayout(entry!.summary)
      if (t.structure.type === 'grid')
        expect(text).toBe(
          `${t.structure.stages.length} stage${t.structure.stages.length === 1 ? '' : 's'} by ${t.structure.lanes.length} lane${t.structure.lanes.length === 1 ? '' : 's'}`,
        )
      else expect(text).toBe(`${t.structure.zones.length} zones`)
    }
  })

  it('formats durations and session titles plainly', () => {
    expect(formatDuration(45)).toBe('45 minutes')
    expect(formatDuration(60)).toBe('1 hour')
    expect(formatDuration(150)).toBe('2 hours 30 minutes')
    const title = templateSessionTitle('x'.repeat(300), new Date(2026, 0, 2))
    expect(title.length).toBeLessThanOrEqual(200)
    expect(templateSessionTitle('Idea Sorter', new Date(2026, 0, 2))).toMatch(/^Idea Sorter – .*2026/)
  })
})

describe('ids for new stages, lanes and zones', () => {
  it('are valid stable ids, unique among the ones taken, for any label', () => {
    const taken = new Set(['how-it-feels', 'how-it-feels-2', 'stage'])
    expect(idFromLabel('How it feels', taken, 'stage')).toBe('how-it-feels-3')
    expect(idFromLabel('  Before we start! ', taken, 'stage')).toBe('before-we-start')
    expect(idFromLabel('日本語', taken, 'stage')).toBe('stage-2')
    expect(idFromLabel('Café', new Set(), 'zone')).toBe('cafe')
    for (const label of ['--', 'a'.repeat(200), 'Ünïcödé ✓ labels', '__proto__', '9 lives'])
      expect(StableId.safeParse(idFromLabel(label, taken, 'lane')).success, label).toBe(true)
  })

  it('structureIds lists every stage and lane, or every zone', () => {
    const grid = instantiateTemplate(shipped.find((t) => t.structure.type === 'grid')!).structure
    if (grid.type !== 'grid') throw new Error('grid expected')
    expect(structureIds(grid).size).toBe(grid.stages.length + grid.lanes.length)
  })
})

describe('the canvas layer helpers', () => {
  const grid = instantiateTemplate(shipped.find((t) => t.id === 'service-journey-map')!).structure
  it('describe a cell in words', () => {
    if (grid.type !== 'grid') throw new Error('grid expected')
    const s = grid.stages[0]!
    const l = grid.lanes[1]!
    expect(describeCell(grid, { type: 'cell', stageId: s.id, laneId: l.id })).toBe(`${s.label} · ${l.label}`)
    expect(describeCell(grid, { type: 'unplaced' })).toBe('Not in a cell')
    expect(describeCell(grid, { type: 'zone', zoneId: 'x' })).toBe('Not in a cell')
    expect(describeCell(null, { type: 'cell', stageId: s.id, laneId: l.id })).toBe('Not in a cell')
  })

  it('only facilitators and co-facilitators may change the structure', () => {
    expect(canEditStructure('facilitator')).toBe(true)
    expect(canEditStructure('co-facilitator')).toBe(true)
    expect(canEditStructure('participant')).toBe(false)
    expect(canEditStructure('observer')).toBe(false)
    expect(canEditStructure(undefined)).toBe(false)
  })

  it('the live structure follows the doc, ignores other workshop keys and reads invalid values as absent', () => {
    const doc = new Y.Doc()
    expect(currentStructure(doc)).toBeNull()
    let calls = 0
    const off = onStructure(doc, () => calls++)
    writeStructure(doc, grid)
    expect(currentStructure(doc)).toEqual(grid)
    const first = currentStructure(doc)
    doc.getMap(DOC_KEYS.workshop).set('agenda', { activities: [], currentIndex: -1 })
    expect(calls).toBe(1)
    expect(currentStructure(doc)).toBe(first) // same object: React does not re-render
    doc.getMap(DOC_KEYS.workshop).set('structure', { type: 'grid', stages: 'hostile' })
    expect(calls).toBe(2)
    expect(currentStructure(doc)).toBeNull()
    off()
    writeStructure(doc, grid as BoardStructure)
    expect(calls).toBe(2)
    expect(currentStructure(doc)).toEqual(grid)
    doc.destroy()
  })
})
