import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { buildExportModel, ExportModel } from '../../../src/core/common/export'
import { DOC_KEYS, WORKSHOP_KEYS } from '../../../src/core/common/session/docSchema'
import {
  buildGridSession,
  buildZonesSession,
  by,
  FIXTURE_CHECKPOINTS,
  FIXTURE_EXPORT_OPTS,
  GRID,
  PEOPLE,
  SessionBuilder,
} from '../../fixtures/docs/buildDoc'

const opts = { ...FIXTURE_EXPORT_OPTS, checkpoints: FIXTURE_CHECKPOINTS }

describe('buildExportModel: consent', () => {
  it('pseudonymises participants in order of joining, leaving the withdrawn out', () => {
    const m = buildExportModel(buildGridSession().doc, opts)
    expect(m.participants.map((p) => [p.pseudonym, p.coproRole, p.name])).toEqual([
      ['Participant 1', 'facilitator', null],
      ['Participant 2', 'service-user', null],
      ['Participant 3', 'service-user', null],
      ['Participant 4', 'carer-family', null],
      ['Participant 5', 'frontline-staff', null],
      ['Participant 6', 'manager-commissioner', null],
      ['Participant 7', 'community-volunteer', null],
      ['Participant 8', 'manager-commissioner', null],
    ])
    // (Sam Patel appears only as an action's owner, which is card text.)
    const names = /Ana Lopes|Chris O'Neil|Morgan Lee|Fran Facilitator|Wendy|Hidden Name|ليلى/
    expect(names.test(JSON.stringify(m))).toBe(false)
  })

  it('shows names only for consenting participants when names are requested', () => {
    const m = buildExportModel(buildGridSession().doc, { ...opts, includeNames: true })
    const names = m.participants.map((p) => p.name)
    expect(names).toEqual([
      'Fran Facilitator',
      'Ana Lopes',
      null, // anonymous participant
      "Chris O'Neil",
      'Sam Patel',
      'Morgan Lee',
      'ليلى حداد',
      'Oscar Observer',
    ])
    expect(JSON.stringify(m).includes('Hidden Name')).toBe(false)
  })

  it('never gives an anonymous card a name or pseudonym, even with names on', () => {
    const { doc, ids } = buildGridSession()
    const m = buildExportModel(doc, { ...opts, includeNames: true })
    const card = (k: string) => m.cards.find((c) => c.id === ids[k])!
    // c2: by an anonymous participant; c3: Ana (named) chose to post this card anonymously.
    for (const k of ['c2', 'c3', 'c11'])
      expect(card(k).author, k).toEqual({
        coproRole: 'service-user',
        coproRoleLabel: 'Person who uses the service',
        anonymous: true,
        pseudonym: null,
        name: null,
        scribed: false,
      })
    expect(card('c1').author).toMatchObject({
      anonymous: false,
      pseudonym: 'Participant 2',
      name: 'Ana Lopes',
    })
    // Ana's anonymous card does not count in her per-participant total (that would unmask it).
    expect(m.participants.find((p) => p.pseudonym === 'Participant 2')!.cards).toBe(1)
  })

  it('removes a withdrawn participant’s cards, votes and links from the model', () => {
    const { doc, ids } = buildGridSession()
    const m = buildExportModel(doc, opts)
    expect(m.cards.map((c) => c.id)).not.toContain(ids.c14)
    expect(m.links.some((l) => l.toCardId === ids.c14 || l.fromCardId === ids.c14)).toBe(false)
    expect(m.omitted).toEqual({
      withdrawnParticipants: 1,
      withdrawnCards: 1,
      withdrawnBallots: 1,
      invalidRecords: 0,
    })
    expect(JSON.stringify(m).includes('Too many cases each')).toBe(false)
  })

  it('withdrawing later changes the next export', () => {
    const { doc, ids } = buildGridSession()
    const before = buildExportModel(doc, opts)
    doc.getMap(DOC_KEYS.withdrawn).set(PEOPLE.carer.id, '2026-01-03T00:00:00.000Z')
    const after = buildExportModel(doc, opts)
    expect(before.cards.some((c) => c.id === ids.c7)).toBe(true)
    expect(after.cards.some((c) => c.id === ids.c7)).toBe(false)
    const c4 = after.cards.find((c) => c.id === ids.c4)!
    expect(c4.votes.byRole['carer-family']).toBe(0)
    expect(c4.votes.total).toBe(2)
  })
})

describe('buildExportModel: structure, cells, links and actions', () => {
  it('places every card in its cell with labels, and unplaced ones as unplaced', () => {
    const { doc, ids } = buildGridSession()
    const m = buildExportModel(doc, opts)
    const cell = (k: string) => m.cards.find((c) => c.id === ids[k])!.cell
    expect(cell('c4')).toEqual({
      type: 'cell',
      stageId: 'waiting',
      stageLabel: 'Waiting for a decision',
      laneId: 'people',
      laneLabel: 'People who use the service',
    })
    expect(cell('c15')).toEqual({ type: 'unplaced' })
    expect(m.structure).toEqual({
      type: 'grid',
      stages: [
        { id: 'finding-out', label: 'Finding out about help', prompt: 'How did you hear about the service?' },
        { id: 'applying', label: 'Applying', prompt: '' },
        { id: 'waiting', label: 'Waiting for a decision', prompt: '' },
      ],
      lanes: [
        { id: 'people', label: 'People who use the service', prompt: '' },
        { id: 'staff', label: 'Staff and managers', prompt: '' },
      ],
    })
    // Board order: stage by stage, lane by lane, unplaced last.
    expect(m.cards.at(-1)!.id).toBe(ids.c15)
    expect(m.cards[0]!.id).toBe(ids.c1)
  })

  it('uses the topmost zone where zones overlap', () => {
    const { doc, ids } = buildZonesSession()
    const m = buildExportModel(doc, opts)
    expect(m.cards.find((c) => c.id === ids.z5)!.cell).toEqual({
      type: 'zone',
      zoneId: 'parking',
      zoneLabel: 'Parking lot',
    })
    expect(m.voiceBalance.byArea.map((a) => a.id)).toEqual(['works', 'hard', 'next', 'parking'])
  })

  it('links only arrows bound to cards at both ends', () => {
    const { doc, ids } = buildGridSession()
    const m = buildExportModel(doc, opts)
    const pairs = m.links.map((l) => [l.fromCardId, l.toCardId])
    expect(pairs).toEqual([
      [ids.c12, ids.c1],
      [ids.c2, ids.c12],
      [ids.c13, ids.c4],
      [ids.c13, ids.c8],
    ])
    const c13 = m.cards.find((c) => c.id === ids.c13)!
    expect(c13.linksTo).toEqual([ids.c4, ids.c8].sort())
  })

  it('gives each link a kind: the one chosen on its arrow, else the default for the cards it joins', () => {
    const b = new SessionBuilder(GRID, {
      sessionId: 's',
      title: 'x',
      templateId: null,
      createdAt: '2026-01-01T10:00:00.000Z',
    })
    b.participant(PEOPLE.ana)
    const cell = { type: 'cell', stageId: 'applying', laneId: 'people' } as const
    const pain = b.card(cell, 'pain', 'The letter is hard to read', by(PEOPLE.ana))
    const act = b.card(cell, 'action', 'Rewrite the letter', by(PEOPLE.ana))
    const act2 = b.card(cell, 'action', 'Phone people instead', by(PEOPLE.ana))
    const q = b.card(cell, 'question', 'Who writes the letters?', by(PEOPLE.ana))
    b.arrow(act, pain) // no kind stored: action → pain addresses
    b.arrow(act2, pain, undefined, { linkKind: 'relates' }) // chosen: relates, so not a pain addressed
    b.arrow(pain, q, undefined, { linkKind: 'causes' })
    b.arrow(q, pain, undefined, { linkKind: 'nonsense' }) // damaged: back to the default
    const m = buildExportModel(b.doc, opts)
    expect(m.links.map((l) => [l.fromCardId, l.kind, l.toCardId])).toEqual([
      [act, 'addresses', pain],
      [act2, 'relates', pain],
      [pain, 'causes', q],
      [q, 'relates', pain],
    ])
    expect(m.actions.find((a) => a.cardId === act)!.addressesPainIds).toEqual([pain])
    expect(m.actions.find((a) => a.cardId === act2)!.addressesPainIds).toEqual([])
  })

  it('lists actions with owner, due date and the pains they address (most votes first)', () => {
    const { doc, ids } = buildGridSession()
    const m = buildExportModel(doc, opts)
    const a12 = m.actions.find((a) => a.cardId === ids.c12)!
    expect(a12).toMatchObject({ owner: 'Sam Patel', due: '2026-03-31', addressesPainIds: [ids.c2, ids.c1] })
    const a13 = m.actions.find((a) => a.cardId === ids.c13)!
    expect(a13.addressesPainIds).toEqual([ids.c4]) // c8 is a contribution, c14 is withdrawn
    expect(m.actions.find((a) => a.cardId === ids.c16)).toMatchObject({
      owner: '',
      due: '',
      addressesPainIds: [],
    })
  })

  it('computes cards, words and silent roles per stage', () => {
    const m = buildExportModel(buildGridSession().doc, opts)
    expect(m.voiceBalance.expectedRoles).toEqual([
      'service-user',
      'carer-family',
      'frontline-staff',
      'manager-commissioner',
      'community-volunteer',
    ])
    const applying = m.voiceBalance.byArea.find((a) => a.id === 'applying')!
    expect(applying.notYetHeard).toEqual(['carer-family', 'community-volunteer'])
    const su = applying.byRole.find((t) => t.coproRole === 'service-user')!
    expect(su).toMatchObject({ cards: 2, words: 8 + 6 }) // "I had to tell my story five times", "Nobody tells you what happens next 😟"
    const cf = m.voiceBalance.byRole.find((t) => t.coproRole === 'carer-family')!
    expect(cf.cards).toBe(2)
  })

  it('lists checkpoints in time order with ISO times', () => {
    const m = buildExportModel(buildGridSession().doc, {
      ...opts,
      checkpoints: [...FIXTURE_CHECKPOINTS].reverse().concat([{ bogus: true } as never]),
    })
    expect(m.checkpoints).toEqual([
      { id: 'cp-1', name: 'Before voting', createdAt: '2026-01-01T10:30:00.000Z', reason: 'manual' },
      { id: 'cp-2', name: 'End of workshop', createdAt: '2026-01-01T12:00:00.000Z', reason: 'session-end' },
    ])
  })
})

describe('buildExportModel: purity and hostile documents', () => {
  it('does not change the document and gives the same model twice', () => {
    const { doc } = buildGridSession()
    const before = Y.encodeStateAsUpdate(doc)
    const a = buildExportModel(doc, opts)
    const b = buildExportModel(doc, opts)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  })

  it('reads an empty document', () => {
    const m = buildExportModel(new Y.Doc(), opts)
    expect(ExportModel.parse(m)).toBeTruthy()
    expect(m.session.title).toBe('Untitled session')
    expect(m.cards).toEqual([])
    expect(m.structure).toBeNull()
  })

  it('skips malformed records, participants, rounds and ballots without throwing', () => {
    const b = new SessionBuilder(GRID, {
      sessionId: 's',
      title: 'x',
      templateId: null,
      createdAt: 'nonsense',
    })
    b.participant(PEOPLE.ana)
    b.card({ type: 'cell', stageId: 'applying', laneId: 'people' }, 'pain', 'ok', by(PEOPLE.ana))
    b.record('shape:bad', {
      id: 'shape:bad',
      typeName: 'shape',
      type: 'card',
      x: 'NaN',
      props: { kind: 'pain' },
    })
    b.record('shape:long', {
      id: 'shape:long',
      typeName: 'shape',
      type: 'card',
      x: 0,
      y: 0,
      rotation: 0,
      parentId: 'page:page',
      isLocked: false,
      meta: {},
      props: { ...validProps(), text: 'x'.repeat(5000) },
    })
    // A copy without the YKeyValue observer, which would choke on non-entries.
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(b.doc))
    doc.getArray(DOC_KEYS.records).push([42 as never, null as never, { key: 7 } as never])
    doc.getMap(DOC_KEYS.participants).set('evil', { id: '../../etc', name: 5 })
    doc.getMap(DOC_KEYS.voting).set('r', { id: 'r', status: 'weird' })
    doc.getMap(DOC_KEYS.ballots).set('r/ana', { roundId: 'other', participantId: 'ana' })
    doc.getMap(DOC_KEYS.workshop).set(WORKSHOP_KEYS.structure, { type: 'grid', stages: 'nope' })
    const m = buildExportModel(doc, opts)
    expect(ExportModel.parse(m)).toBeTruthy()
    expect(m.cards.map((c) => c.text)).toEqual(['ok'])
    expect(m.structure).toBeNull()
    expect(m.session.createdAt).toBeNull()
    expect(m.omitted.invalidRecords).toBe(6) // 2 cards, 1 participant, 1 round, 1 ballot, 1 structure
  })

  it('reads a structure stored as a JSON string, and later record entries win', () => {
    const b = new SessionBuilder(null, {
      sessionId: 's',
      title: 't',
      templateId: null,
      createdAt: '2026-01-01',
    })
    b.doc.getMap(DOC_KEYS.workshop).set(WORKSHOP_KEYS.structure, JSON.stringify(GRID))
    const id = b.card({ x: 0, y: 0 }, 'idea', 'first', by(PEOPLE.ana))
    // A concurrent write: a second live entry for the same key, further right, wins.
    const arr = b.doc.getArray<{ key: string; val: unknown }>(DOC_KEYS.records)
    const first = arr.toArray().find((e) => e.key === id)!
    arr.push([{ key: id, val: { ...(first.val as object), props: { ...validProps(), text: 'second' } } }])
    const m = buildExportModel(b.doc, opts)
    expect(m.structure?.type).toBe('grid')
    expect(m.cards.map((c) => c.text)).toEqual(['second'])
  })
})

function validProps() {
  return {
    w: 200,
    h: 140,
    kind: 'idea',
    text: '',
    authorId: 'ana',
    authorRole: 'service-user',
    authorName: 'Ana Lopes',
    createdAt: 0,
    owner: '',
    due: '',
  }
}
