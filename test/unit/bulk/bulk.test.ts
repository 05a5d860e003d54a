import { describe, expect, it } from 'vitest'
import { parseCardTable, splitCardLines } from '../../../src/core/common/bulk/parse'
import { indexKeysAbove, writeImportedCards } from '../../../src/core/common/bulk/write'
import { buildExportModel } from '../../../src/core/common/export'
import { selectCards } from '../../../src/core/common/cards/cardRecord'
import { readRecords } from '../../../src/core/common/session/read'
import { GRID, FIXTURE_EXPORT_OPTS, SessionBuilder } from '../../fixtures/docs/buildDoc'

const opts = { defaultKind: 'pain', defaultRole: 'service-user' } as const

describe('splitCardLines', () => {
  it('makes one card per non-empty line, dropping bullets and numbers', () => {
    expect(
      splitCardLines('- Long wait\r\n\n• No bus\n  2. Letters in jargon  \n3) Phone\n   \n-5 degrees'),
    ).toEqual(['Long wait', 'No bus', 'Letters in jargon', 'Phone', '-5 degrees'])
  })
})

describe('parseCardTable', () => {
  it('reads the columns by name (any order, labels or ids), with the header as row 1', () => {
    const csv = [
      'Role,Text,Kind,Stage,Lane,Name',
      'Staff,Case notes in three systems,pain,Applying,Staff and managers,',
      'carer-family,"Quote, with comma",Quote,waiting,people,Ana',
      ',Just an idea,Idea,,,',
    ].join('\n')
    const r = parseCardTable(csv, GRID, opts)
    expect(r.fatal).toBeNull()
    expect(r.errors).toEqual([])
    expect(r.cards).toEqual([
      {
        row: 2,
        kind: 'pain',
        text: 'Case notes in three systems',
        cell: { type: 'cell', stageId: 'applying', laneId: 'staff' },
        role: 'frontline-staff',
        name: '',
      },
      {
        row: 3,
        kind: 'quote',
        text: 'Quote, with comma',
        cell: { type: 'cell', stageId: 'waiting', laneId: 'people' },
        role: 'carer-family',
        name: 'Ana',
      },
      { row: 4, kind: 'idea', text: 'Just an idea', cell: null, role: 'service-user', name: '' },
    ])
  })

  it('gives every bad row an error with its row number and keeps the good rows', () => {
    const csv = 'text\tkind\tstage\tlane\trole\n\tpain\t\t\t\nOk\tbanana\tApplying\t\tboss\nFine\t\t\t\t\n'
    const r = parseCardTable(csv, GRID, opts)
    expect(r.errors.map((e) => e.message)).toEqual([
      'Row 2: the text is empty.',
      expect.stringMatching(
        /^Row 3: unknown kind "banana".*; unknown role "boss".*; a stage needs a lane too\.$/,
      ),
    ])
    expect(r.cards.map((c) => [c.row, c.text, c.kind])).toEqual([[4, 'Fine', 'pain']])
  })

  it('refuses a file with no text column or no rows as a whole', () => {
    expect(parseCardTable('', GRID, opts).fatal).toMatch(/empty/)
    expect(parseCardTable('words,kind\nx,pain', GRID, opts).fatal).toMatch(
      /Row 1 must name the columns.*"words"/,
    )
  })

  it('matches zones on a zones board and says when a board has no structure', () => {
    expect(parseCardTable('text,zone\nA,Nowhere', null, opts).errors[0]!.message).toMatch(
      /no stages, lanes or zones/,
    )
    const zones = {
      type: 'zones' as const,
      zones: [{ id: 'z1', label: 'Ideas', prompt: '', easyRead: '', kinds: [], x: 0, y: 0, w: 800, h: 600 }],
    }
    expect(parseCardTable('text,zone\nA,ideas', zones, opts).cards[0]!.cell).toEqual({
      type: 'zone',
      zoneId: 'z1',
    })
  })
})

describe('writeImportedCards', () => {
  it('writes the cards in one transaction into their cells; named people become participants', () => {
    const b = new SessionBuilder(GRID, {
      sessionId: 's',
      title: 'T',
      templateId: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    })
    const r = parseCardTable(
      'text,stage,lane,role,name\nOne,Applying,Staff and managers,staff,\nTwo,Applying,Staff and managers,carer,Ana\nThree,,,,',
      GRID,
      opts,
    )
    let n = 0
    let updates = 0
    b.doc.on('update', () => updates++)
    const ids = writeImportedCards(b.doc, r.cards, {
      now: 1_767_225_600_000,
      newId: () => `shape:imp-${++n}`,
    })
    expect(updates).toBe(1)
    expect(ids).toEqual(['shape:imp-1', 'shape:imp-2', 'shape:imp-3'])
    const m = buildExportModel(b.doc, { ...FIXTURE_EXPORT_OPTS, includeNames: true })
    const byText = new Map(m.cards.map((c) => [c.text, c]))
    expect(byText.get('One')!.cell).toMatchObject({ stageId: 'applying', laneId: 'staff' })
    expect(byText.get('Two')!.cell).toMatchObject({ stageId: 'applying', laneId: 'staff' })
    expect(byText.get('Three')!.cell).toEqual({ type: 'unplaced' })
    expect(byText.get('One')!.author).toMatchObject({ anonymous: true, coproRole: 'frontline-staff' })
    expect(byText.get('Two')!.author).toMatchObject({
      anonymous: false,
      name: 'Ana',
      coproRole: 'carer-family',
    })
    expect(m.participants.map((p) => p.name)).toEqual(['Ana'])
    // two cards in one cell do not overlap
    const [a, c] = selectCards(readRecords(b.doc)).cards.filter((x) => ids.slice(0, 2).includes(x.id))
    const apart = Math.abs(a!.x - c!.x) >= a!.props.w || Math.abs(a!.y - c!.y) >= a!.props.h
    expect(apart).toBe(true)
  })

  it('makes valid tldraw index keys above the highest one, never ending in 0', () => {
    const keys = indexKeysAbove('a1V', 70)
    expect(new Set(keys).size).toBe(70)
    for (const k of keys) {
      expect(k > 'a1V').toBe(true)
      expect(k.endsWith('0')).toBe(false)
    }
    expect([...keys].sort()).toEqual(keys)
  })
})
