import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  buildExportModel,
  cardsCsv,
  htmlReport,
  markdownReport,
  renderFormat,
  themesCsv,
} from '../../../src/core/common/export'
import { sessionMap } from '../../../src/core/common/session/docSchema'
import {
  deleteTheme,
  groupAsTheme,
  mergeThemes,
  readThemes,
  renameTheme,
  ungroupCards,
} from '../../../src/core/common/themes/theme'
import { buildGridSession, FIXTURE_EXPORT_OPTS } from '../../fixtures/docs/buildDoc'

describe('themes in the document', () => {
  it('groups cards as a named theme, moving cards out of other themes and dropping emptied themes', () => {
    const doc = new Y.Doc()
    groupAsTheme(doc, { id: 't1', name: '  Waiting   times ', cardIds: ['a', 'b'], createdAt: 1 })
    groupAsTheme(doc, { id: 't2', name: 'Phone', cardIds: ['c'], createdAt: 2 })
    expect(readThemes(doc)).toEqual([
      { id: 't1', name: 'Waiting times', cardIds: ['a', 'b'], source: 'manual', createdAt: 1 },
      { id: 't2', name: 'Phone', cardIds: ['c'], source: 'manual', createdAt: 2 },
    ])
    groupAsTheme(doc, { id: 't3', name: 'Both', cardIds: ['b', 'c'], source: 'suggested', createdAt: 3 })
    expect(readThemes(doc).map((t) => [t.id, t.cardIds, t.source])).toEqual([
      ['t1', ['a'], 'manual'],
      ['t3', ['b', 'c'], 'suggested'],
    ])
  })

  it('renames, merges, ungroups and deletes', () => {
    const doc = new Y.Doc()
    groupAsTheme(doc, { id: 't1', name: 'One', cardIds: ['a'], createdAt: 1 })
    groupAsTheme(doc, { id: 't2', name: 'Two', cardIds: ['b', 'c'], createdAt: 2 })
    expect(renameTheme(doc, 't1', 'First')).toBe(true)
    expect(() => renameTheme(doc, 't1', '   ')).toThrow()
    expect(mergeThemes(doc, 't1', ['t2'])).toBe(true)
    expect(readThemes(doc)).toEqual([
      { id: 't1', name: 'First', cardIds: ['a', 'b', 'c'], source: 'manual', createdAt: 1 },
    ])
    ungroupCards(doc, ['a', 'b'])
    expect(readThemes(doc)[0]!.cardIds).toEqual(['c'])
    expect(deleteTheme(doc, 't1')).toBe(true)
    expect(readThemes(doc)).toEqual([])
    expect(deleteTheme(doc, 't1')).toBe(false)
  })

  it('reads invalid or conflicting entries safely: bad values are absent, a card stays in the older theme', () => {
    const doc = new Y.Doc()
    const m = sessionMap(doc, 'themes')
    m.set('bad', { id: 'bad', name: '', cardIds: ['x'], source: 'manual', createdAt: 0 })
    m.set('wrong-key', { id: 'other', name: 'X', cardIds: ['x'], source: 'manual', createdAt: 0 })
    m.set('old', { id: 'old', name: 'Old', cardIds: ['x', 'y'], source: 'manual', createdAt: 1 })
    m.set('new', { id: 'new', name: 'New', cardIds: ['y', 'z'], source: 'manual', createdAt: 2 })
    expect(readThemes(doc).map((t) => [t.id, t.cardIds])).toEqual([
      ['old', ['x', 'y']],
      ['new', ['z']],
    ])
  })
})

describe('themes in every export', () => {
  it('lists each theme with its cards in board order, cards and votes by role; withdrawn cards leave', () => {
    const { doc, ids } = buildGridSession()
    groupAsTheme(doc, {
      id: 'th-story',
      name: 'Telling my story',
      cardIds: [ids.c5!, ids.c2!, ids.c14!],
      createdAt: 1,
    })
    groupAsTheme(doc, { id: 'th-gone', name: 'Only withdrawn', cardIds: [ids.c14!], createdAt: 2 })
    groupAsTheme(doc, { id: 'th-letters', name: 'Letters', cardIds: [ids.c1!, ids.c12!], createdAt: 3 })
    const m = buildExportModel(doc, FIXTURE_EXPORT_OPTS)
    // c2 has 5 votes (SU 3, CF 1, FS 1), c5 has 3 (FS 1, MC 2): 8 in all; c1 has 2 (SU 1, FS 1).
    expect(m.themes.map((t) => [t.name, t.cardIds, t.votes.total])).toEqual([
      ['Telling my story', [ids.c2, ids.c5], 8],
      ['Letters', [ids.c1, ids.c12], 2],
    ])
    const story = m.themes[0]!
    expect(story.votes.byRole).toMatchObject({
      'service-user': 3,
      'carer-family': 1,
      'frontline-staff': 2,
      'manager-commissioner': 2,
    })
    expect(story.cardsByRole['frontline-staff']).toBe(1)
    expect(story.cardsByRole['service-user']).toBe(1)

    expect(markdownReport(m)).toMatch(/## Themes\n\n### Telling my story\n\n2 cards — by role: 2 \(/)
    expect(htmlReport(m)).toContain('<h2>Themes</h2><h3 dir="auto">Telling my story</h3>')
    const csv = cardsCsv(m).split('\r\n')
    expect(csv[0]).toMatch(/,Theme,Photo file$/)
    expect(csv.find((l) => l.startsWith(`${ids.c2},`))).toMatch(/,Telling my story,$/)
    const themes = themesCsv(m).split('\r\n')
    expect(themes[1]).toMatch(/^Telling my story,2,/)
    expect(themes[1]).toContain(`${ids.c2}; ${ids.c5}`)
  })
})

describe('themes.csv', () => {
  it('is one of the csv files only when the board has themes', () => {
    const { doc, ids } = buildGridSession()
    const names = () => renderFormat(buildExportModel(doc, FIXTURE_EXPORT_OPTS), 'csv').map((f) => f.name)
    // (decisions.csv: the fixture has a closed voting round)
    expect(names()).toEqual(['cards.csv', 'actions.csv', 'decisions.csv'])
    groupAsTheme(doc, { id: 't', name: 'Letters', cardIds: [ids.c1!], createdAt: 1 })
    expect(names()).toEqual(['cards.csv', 'actions.csv', 'themes.csv', 'decisions.csv'])
  })
})
