import { describe, expect, it } from 'vitest'
import { buildExportModel } from '../../../src/core/common/export'
import { authorLabel } from '../../../src/core/common/export/formats/common'
import { wordsFor } from '../../../src/core/common/export/formats/words'
import { markdownReport } from '../../../src/core/common/export/formats/markdown'
import { selectCards } from '../../../src/core/common/cards/cardRecord'
import { liveVoiceBalance, readBalanceMaps } from '../../../src/core/common/export/liveBalance'
import { readRecords } from '../../../src/core/common/session/read'
import { appendActivity } from '../../../src/core/common/session/activity'
import { writeWithdrawn } from '../../../src/core/common/session/write'
import { FIXTURE_EXPORT_OPTS, GRID, PEOPLE, SessionBuilder } from '../../fixtures/docs/buildDoc'

// Issue 16 item 3: a card a facilitator scribes for someone counts for that person or role, marked as
// scribed; issue 16 item 2: the activity log is in the JSON export, pseudonymous.

function session() {
  const b = new SessionBuilder(GRID, {
    sessionId: 's-prov',
    title: 'Provenance',
    templateId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  })
  for (const p of [PEOPLE.fac, PEOPLE.ana, PEOPLE.gone]) b.participant(p)
  const cell = { type: 'cell' as const, stageId: GRID.stages[0]!.id, laneId: GRID.lanes[0]!.id }
  const own = b.card(cell, 'contribution', 'I can run the café', PEOPLE.fac)
  const scribed = b.card(cell, 'contribution', 'I can drive people', PEOPLE.ana)
  const forRole = b.card(cell, 'idea', 'More evening slots', { id: '', name: '', coproRole: 'carer-family' })
  for (const id of [scribed, forRole]) {
    const rec = b.records.get(id) as { props: Record<string, unknown> }
    b.records.set(id, { ...rec, props: { ...rec.props, scribe: { id: 'fac', role: 'facilitator' } } })
  }
  return { b, own, scribed, forRole }
}

describe('scribed cards count for whom they were scribed', () => {
  it('voice balance, the ledger and the report count the author, not the facilitator, and say scribed', () => {
    const { b, scribed, forRole } = session()
    const m = buildExportModel(b.doc, FIXTURE_EXPORT_OPTS)
    const row = (r: string) => m.voiceBalance.byRole.find((t) => t.coproRole === r)!
    expect(row('facilitator')).toMatchObject({ cards: 1, scribedCards: 0 })
    expect(row('service-user')).toMatchObject({ cards: 1, scribedCards: 1 })
    expect(row('carer-family')).toMatchObject({ cards: 1, scribedCards: 1 })
    const card = (id: string) => m.cards.find((c) => c.id === id)!
    expect(card(scribed).author).toMatchObject({
      coproRole: 'service-user',
      pseudonym: 'Participant 2',
      scribed: true,
    })
    expect(authorLabel(card(scribed).author, wordsFor(['en']))).toBe('Participant 2 (scribed)')
    expect(card(forRole).author).toMatchObject({ coproRole: 'carer-family', anonymous: true, scribed: true })
    expect(liveVoiceBalance(readBalanceMaps(b.doc), selectCards(readRecords(b.doc)).cards)).toEqual(
      m.voiceBalance,
    )
    const md = markdownReport(m)
    expect(md).toMatch(/I can drive people \| Person who uses the service \| Participant 2 \(scribed\)/)
  })
})

describe('the activity log in the JSON export', () => {
  it('is pseudonymous and leaves out withdrawn participants', () => {
    const { b, scribed } = session()
    appendActivity(b.doc, [
      { at: 1000, action: 'created', target: 'card', id: scribed, by: { role: 'facilitator' } },
      {
        at: 2000,
        action: 'moved',
        target: 'card',
        id: scribed,
        by: { role: 'participant', participantId: 'ana' },
      },
      {
        at: 3000,
        action: 'deleted',
        target: 'card',
        id: 'shape:x',
        by: { role: 'participant', participantId: 'gone' },
      },
    ])
    writeWithdrawn(b.doc, 'gone', '2026-01-01T10:00:00.000Z')
    const m = buildExportModel(b.doc, FIXTURE_EXPORT_OPTS)
    expect(m.activity).toEqual([
      {
        at: '1970-01-01T00:00:01.000Z',
        action: 'created',
        target: 'card',
        id: scribed,
        by: { sessionRole: 'facilitator', pseudonym: null },
      },
      {
        at: '1970-01-01T00:00:02.000Z',
        action: 'moved',
        target: 'card',
        id: scribed,
        by: { sessionRole: 'participant', pseudonym: 'Participant 2' },
      },
    ])
    expect(JSON.stringify(m.activity)).not.toMatch(/Ana|Lopes/)
  })
})
