import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  emptyModerationState,
  MAX_HELD_PER_PARTICIPANT,
  type ModerationRequest,
  type ModerationState,
} from '../../../src/core/common/moderation/moderation'
import { readActivity } from '../../../src/core/common/session/activity'
import { readTrash } from '../../../src/core/common/session/trash'
import { registerParticipant } from '../../../src/core/common/session/write'
import type { RelayAuthResult } from '../../../src/core/node/relay'
import {
  decideModeration,
  type ModerationConn,
  readModerationState,
  writeModeration,
} from '../../../src/core/node/relay/moderation'
import { copies, heldCard } from '../../helpers/moderationNotices'

/**
 * The moderation rules (relay/moderation.ts) as pure decisions, shared by the laptop relay and a
 * cluster node: who may do what, what waits, what is written where, and that a decision made twice
 * (a crash between writing and storing) writes nothing twice.
 */
const conn = (auth: RelayAuthResult | null, bound: string | null = null): ModerationConn => ({
  auth,
  boundParticipantId: bound,
  send: () => {},
})
const FAC = conn({ sessionRole: 'facilitator', tokenId: 'admin' })
const COFAC = conn({ sessionRole: 'co-facilitator', tokenId: 'co', participantId: 'co1' })
const ALICE = conn({ sessionRole: 'participant', tokenId: 'dev', participantId: 'alice' })
const WATCHER = conn({ sessionRole: 'observer', tokenId: 'obs' })

function board(): Y.Doc {
  const doc = new Y.Doc()
  registerParticipant(
    doc,
    { id: 'alice', name: '', anonymous: true, coproRole: 'service-user', sessionRole: 'participant' },
    1,
  )
  return doc
}
const holding = (): ModerationState => ({ ...emptyModerationState(), settings: { hold: true, words: [] } })
const submit = (id: string, text = 'a card'): ModerationRequest => ({
  t: 'submit',
  record: heldCard(id, 'alice', text),
  index: 'b1',
})

describe('the moderation rules', () => {
  it('lets only participants submit, staff decide, and the facilitator change the settings', () => {
    const doc = board()
    const s = holding()
    const denied = (c: ModerationConn, r: ModerationRequest) => decideModeration(s, r, c, doc, 1).denied
    expect(denied(FAC, submit('shape:x'))).toMatch(/only participants/)
    expect(denied(ALICE, { t: 'approve', ids: ['shape:x'] })).toMatch(/only facilitators/)
    expect(denied(ALICE, { t: 'reject', ids: ['shape:x'] })).toMatch(/only facilitators/)
    expect(denied(WATCHER, { t: 'approve', ids: ['shape:x'] })).toMatch(/only facilitators/)
    expect(denied(COFAC, { t: 'settings', settings: { hold: false, words: [] } })).toMatch(
      /only the facilitator/,
    )
    expect(denied(COFAC, { t: 'approve', ids: ['shape:x'] })).toBeNull()
    expect(denied(ALICE, { t: 'submit', record: heldCard('shape:y', 'bob', 'as Bob'), index: 'b1' })).toMatch(
      /only as themselves/,
    )
    // a query is answered by role, never denied
    expect(decideModeration(s, { t: 'query' }, FAC, doc, 1).reply).toBe('inbox')
    expect(decideModeration(s, { t: 'query' }, ALICE, doc, 1).reply).toBe('mine')
    expect(decideModeration(s, { t: 'query' }, WATCHER, doc, 1).reply).toBeNull()
  })

  it('holds while holding is on, flags on the word list, and otherwise writes the card as the guest', () => {
    const doc = board()
    const held = decideModeration(holding(), submit('shape:a'), ALICE, doc, 5)
    expect(held.state.held.map((h) => [h.record.id, h.by, h.at, h.matched])).toEqual([
      ['shape:a', 'alice', 5, null],
    ])
    expect(held.changed).toEqual({ guests: ['alice'], everyGuest: false })
    const words: ModerationState = { ...emptyModerationState(), settings: { hold: false, words: ['café'] } }
    expect(
      decideModeration(words, submit('shape:b', 'The CAFE was cold'), ALICE, doc, 1).state.held[0]?.matched,
    ).toBe('café')
    const straight = decideModeration(words, submit('shape:c', 'all fine'), ALICE, doc, 1)
    expect(straight.changed).toBeNull()
    expect(straight.writes).toMatchObject([
      { kind: 'cards', who: { role: 'participant', participantId: 'alice' } },
    ])
    // a resubmission of a card already waiting is told where it stands, nothing new
    const again = decideModeration(held.state, submit('shape:a'), ALICE, doc, 6)
    expect(again).toMatchObject({ state: held.state, writes: [], reply: 'mine', changed: null })
  })

  it('refuses a guest past their share of the inbox in plain words (the connection stays)', () => {
    const doc = board()
    let s = holding()
    for (let i = 0; i < MAX_HELD_PER_PARTICIPANT; i++)
      s = decideModeration(s, submit(`shape:n${i}`), ALICE, doc, 1).state
    const over = decideModeration(s, submit('shape:over'), ALICE, doc, 1)
    expect(over.denied).toBeNull()
    expect(over.reply).toMatchObject({ id: 'shape:over', refused: expect.stringMatching(/waiting/) })
    expect(over.state).toBe(s)
  })

  it('approving or setting aside twice (a crash between writing and storing) writes nothing twice', () => {
    const doc = board()
    const held = decideModeration(holding(), submit('shape:a'), ALICE, doc, 1)
    const held2 = decideModeration(held.state, submit('shape:b'), ALICE, doc, 1)
    const approve = decideModeration(
      held2.state,
      { t: 'approve', ids: ['shape:a'], text: 'edited' },
      FAC,
      doc,
      2,
    )
    writeModeration(doc, approve.writes)
    writeModeration(doc, approve.writes)
    expect(copies(doc, 'shape:a')).toBe(1)
    // the crash lost the inbox's change: deciding again from the old inbox writes nothing, takes it out
    const replay = decideModeration(held2.state, { t: 'approve', ids: ['shape:a'] }, COFAC, doc, 3)
    expect(replay.writes).toEqual([])
    expect(replay.state.held.map((h) => h.record.id)).toEqual(['shape:b'])
    const reject = decideModeration(replay.state, { t: 'reject', ids: ['shape:b'] }, FAC, doc, 4)
    writeModeration(doc, reject.writes)
    writeModeration(doc, reject.writes)
    expect(readTrash(doc).map((e) => e.kind === 'card' && e.record.id)).toEqual(['shape:b'])
    expect(readActivity(doc).map((e) => [e.action, e.id])).toEqual([
      ['approved', 'shape:a'],
      ['not-shown', 'shape:b'],
    ])
    // an unknown id (decided by someone else meanwhile) is answered with the inbox, nothing changes
    expect(decideModeration(reject.state, { t: 'approve', ids: ['shape:b'] }, FAC, doc, 5)).toMatchObject({
      reply: 'inbox',
      changed: null,
      writes: [],
    })
  })

  it('reads a stored inbox through its schema; an unreadable one starts empty and is reported', () => {
    let warned = 0
    const warn = () => void warned++
    expect(readModerationState(JSON.stringify(holding()), warn)).toEqual(holding())
    expect(readModerationState(holding(), warn)).toEqual(holding())
    expect(readModerationState(null, warn)).toEqual(emptyModerationState())
    expect(warned).toBe(0)
    expect(readModerationState('{not json', warn)).toEqual(emptyModerationState())
    expect(readModerationState({ v: 2 }, warn)).toEqual(emptyModerationState())
    expect(warned).toBe(2)
  })
})
