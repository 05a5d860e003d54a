import * as Y from 'yjs'
import type { RelayAuthResult } from '../../../src/core/node/relay'
import { KeyedRecords } from '../../../src/core/common/session/keyedRecords'
import {
  ballotKey,
  recordsArray,
  sessionMap,
  WORKSHOP_KEYS,
} from '../../../src/core/common/session/docSchema'
import { registerParticipant } from '../../../src/core/common/session/write'

/** The board the rights tests start from: a facilitator's, Alice's and Bob's cards, a closed and an open round… */
/** Tokens → what they grant: explicit participant ids, as the server's per-device tokens do. */
export const GRANTS: Record<string, RelayAuthResult> = {
  fac: { sessionRole: 'facilitator', tokenId: 'fac', participantId: 'fac1' },
  cofac: { sessionRole: 'co-facilitator', tokenId: 'cofac', participantId: 'cofac1' },
  alice: { sessionRole: 'participant', tokenId: 'alice-device', participantId: 'alice' },
  bob: { sessionRole: 'participant', tokenId: 'bob-device', participantId: 'bob' },
  mallory: { sessionRole: 'participant', tokenId: 'mallory-device', participantId: 'mallory' },
  watcher: { sessionRole: 'observer', tokenId: 'observer-link', participantId: 'watcher' },
  /** A shared link that names no participant (before per-device identity): bound on registration. */
  legacy: { sessionRole: 'participant', tokenId: 'shared-link' },
}

export function card(id: string, authorId: string, authorRole: string, text: string, x = 0) {
  return {
    id,
    typeName: 'shape',
    type: 'card',
    x,
    y: 0,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    props: {
      w: 200,
      h: 140,
      kind: 'idea',
      text,
      authorId,
      authorRole,
      authorName: '',
      createdAt: 1,
      owner: '',
      due: '',
    },
    meta: {},
  }
}

export const records = (doc: Y.Doc) => new KeyedRecords<Record<string, unknown>>(recordsArray(doc))

/** Everything a client or the relay holds, as plain JSON, to compare before and after. */
export function snapshot(doc: Y.Doc): unknown {
  const out: Record<string, unknown> = {}
  for (const name of [
    'meta',
    'workshop',
    'participants',
    'voting',
    'ballots',
    'locks',
    'withdrawn',
    'facilitation',
  ]) {
    out[name] = sessionMap(doc, name as 'meta').toJSON()
  }
  const r = records(doc)
  out['records'] = Object.fromEntries([...r.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
  r.destroy()
  return out
}

export function seed(doc: Y.Doc): void {
  doc.transact(() => {
    sessionMap(doc, 'meta').set('title', 'Discharge workshop')
    sessionMap(doc, 'meta').set('tldrawSchema', { schemaVersion: 2, sequences: {} })
    sessionMap(doc, 'workshop').set(WORKSHOP_KEYS.structure, { stages: [] })
    sessionMap(doc, 'workshop').set(WORKSHOP_KEYS.agenda, { activities: [], currentIndex: -1 })
    sessionMap(doc, 'workshop').set(WORKSHOP_KEYS.timer, { state: 'idle' })
    const round = (id: string, status: 'open' | 'closed') => ({
      id,
      title: id,
      status,
      dotsPerPerson: 3,
      kinds: [],
      region: null,
      openedAt: 1,
      closedAt: status === 'closed' ? 2 : null,
    })
    sessionMap(doc, 'voting').set('r-closed', round('r-closed', 'closed'))
    sessionMap(doc, 'voting').set('r-open', round('r-open', 'open'))
    sessionMap(doc, 'locks').set('shape:locked', { by: 'fac1', at: 1 })
    sessionMap(doc, 'withdrawn').set('bob', '2026-12-04T10:00:00.000Z')
    sessionMap(doc, 'facilitation').set('pass/a1/n1', 1)
    sessionMap(doc, 'ballots').set(ballotKey('r-closed', 'bob'), {
      roundId: 'r-closed',
      participantId: 'bob',
      coproRole: 'frontline-staff',
      cardIds: ['shape:fac'],
      castAt: 3,
    })
  })
  for (const [id, role] of [
    ['alice', 'service-user'],
    ['bob', 'frontline-staff'],
  ] as const) {
    registerParticipant(
      doc,
      { id, name: id, anonymous: false, coproRole: role, sessionRole: 'participant' },
      1,
    )
  }
  const r = records(doc)
  r.setMany([
    ['page:page', { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }],
    ['shape:fac', card('shape:fac', 'fac1', 'facilitator', 'from the facilitator')],
    ['shape:bob', card('shape:bob', 'bob', 'frontline-staff', 'from Bob')],
    ['shape:alice', card('shape:alice', 'alice', 'service-user', 'from Alice')],
    ['shape:locked', card('shape:locked', 'alice', 'service-user', 'Alice, locked')],
  ])
  r.destroy()
}
