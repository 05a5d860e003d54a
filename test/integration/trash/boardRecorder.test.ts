import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MemoryPersistence, type RelayAuthResult } from '../../../src/core/node/relay'
import { readActivity } from '../../../src/core/common/session/activity'
import { recordsArray } from '../../../src/core/common/session/docSchema'
import { KeyedRecords } from '../../../src/core/common/session/keyedRecords'
import { readTrash } from '../../../src/core/common/session/trash'
import { registerParticipant, writeStructure } from '../../../src/core/common/session/write'
import type { GridStructure } from '../../../src/shared/model/structure'
import { startStandaloneRelay, type StandaloneRelay } from '../../helpers/standaloneRelay'
import { eventually } from '../../helpers/wait'
import { stockProvider, whenSynced } from '../../helpers/yclient'
import { cardRecord } from '../board/cards'

// Issue 16 item 2: the relay puts every deletion in the board trash with who and when, takes it out when
// the id comes back, and logs each change by the connection that made it (stock y-websocket clients).

const SESSION = 'session-trash'
const TOKENS: Record<string, RelayAuthResult> = {
  fac: { sessionRole: 'facilitator', tokenId: 'fac' },
  alex: { sessionRole: 'participant', tokenId: 'link', participantId: 'p-alex-1234' },
}

let relay: StandaloneRelay
let persistence: MemoryPersistence
const open: { destroy(): void }[] = []

beforeEach(async () => {
  persistence = new MemoryPersistence()
  persistence.create(SESSION)
  relay = await startStandaloneRelay({
    port: 0,
    persistence,
    authorize: (_s, token) => (token && TOKENS[token]) || null,
  })
})
afterEach(async () => {
  for (const c of open.splice(0)) c.destroy()
  await relay.close()
})

async function client(token: string) {
  const doc = new Y.Doc()
  const provider = stockProvider(relay.url, SESSION, doc, { token })
  open.push(provider)
  await whenSynced(provider)
  // a participant writes cards as the person it registered as (the relay's rights, docs/security.md)
  if (token === 'alex')
    registerParticipant(
      doc,
      { id: 'p-alex-1234', name: '', anonymous: true, coproRole: 'service-user', sessionRole: 'participant' },
      1,
    )
  return { doc, provider, records: new KeyedRecords<unknown>(recordsArray(doc)) }
}

const relayDoc = () => relay.relay.getLoadedDoc(SESSION)!

describe('board trash and activity log, recorded by the relay', () => {
  it('a deleted card goes to the trash with who and when; restoring it takes it out; the log has every step', async () => {
    const alex = await client('alex')
    const fac = await client('fac')
    const card = cardRecord('c1', {
      text: 'Waiting times',
      authorId: 'p-alex-1234',
      authorRole: 'service-user',
    })
    alex.records.set(card.id, card)
    await eventually(() => expect(fac.records.has(card.id)).toBe(true))
    alex.records.set(card.id, { ...card, props: { ...card.props, text: 'Waiting times are long' } })
    alex.records.set(card.id, { ...card, x: 300, props: { ...card.props, text: 'Waiting times are long' } })
    alex.records.delete(card.id)

    await eventually(() => expect(readTrash(relayDoc())).toHaveLength(1))
    const [entry] = readTrash(relayDoc())
    expect(entry).toMatchObject({ kind: 'card', by: { role: 'participant', participantId: 'p-alex-1234' } })
    expect(entry!.kind === 'card' && entry!.record.props.text).toBe('Waiting times are long')
    // every client sees the trash too (the relay's write is broadcast)
    await eventually(() => expect(readTrash(fac.doc)).toHaveLength(1))

    // the facilitator restores it (as the Trash view does: the same record, back under its id)
    fac.records.set(card.id, entry!.kind === 'card' ? entry!.record : card)
    await eventually(() => expect(readTrash(relayDoc())).toHaveLength(0))
    await eventually(() => expect(alex.records.has(card.id)).toBe(true))
    expect(readActivity(relayDoc()).map((e) => [e.action, e.by.role])).toEqual([
      ['created', 'participant'],
      ['edited', 'participant'],
      ['moved', 'participant'],
      ['deleted', 'participant'],
      ['restored', 'facilitator'],
    ])
  })

  it('stores a deletion and its trash entry as ONE update, so no crash can keep one without the other', async () => {
    const fac = await client('fac')
    const card = cardRecord('c3', { text: 'atomic' })
    fac.records.set(card.id, card)
    await eventually(() => expect(readActivity(relayDoc())).toHaveLength(1))
    const before = (await persistence.load(SESSION)).length
    fac.records.delete(card.id)
    await eventually(() => expect(readTrash(relayDoc())).toHaveLength(1))
    const stored = await persistence.load(SESSION)
    expect(stored.length).toBe(before + 1)
    const alone = new Y.Doc()
    Y.applyUpdate(alone, Y.mergeUpdates(stored.slice(0, before)))
    Y.applyUpdate(alone, stored[before]!)
    expect(readTrash(alone)).toHaveLength(1)
    expect(new KeyedRecords<unknown>(recordsArray(alone)).has(card.id)).toBe(false)
  })

  it('a client cannot forge who did it: the actor comes from its connection, not the document', async () => {
    const fac = await client('fac')
    const alex = await client('alex')
    const card = cardRecord('c2', { text: 'x', authorId: 'p-alex-1234', authorRole: 'service-user' })
    alex.records.set(card.id, card)
    await eventually(() => expect(readActivity(relayDoc())).toHaveLength(1))
    expect(readActivity(relayDoc())[0]!.by).toEqual({ role: 'participant', participantId: 'p-alex-1234' })
    // a card claiming someone else as its author is refused outright (rights.ts): never applied or logged
    const forged = cardRecord('c3', { text: 'y', authorId: 'p-someone-else', authorRole: 'facilitator' })
    alex.records.set(forged.id, forged)
    await eventually(() => expect(alex.provider.wsconnected).toBe(false))
    expect(new KeyedRecords<unknown>(recordsArray(relayDoc())).has(forged.id)).toBe(false)
    expect(readActivity(relayDoc())).toHaveLength(1)
    expect(fac.records.has(forged.id)).toBe(false)
  })

  it('a removed stage goes to the trash with its place, and comes back out when added again', async () => {
    const fac = await client('fac')
    const item = (id: string, label: string) => ({ id, label, prompt: '', easyRead: '', kinds: [] })
    const grid: GridStructure = {
      type: 'grid',
      x: 0,
      y: 0,
      laneHeaderWidth: 160,
      headerHeight: 80,
      stages: [item('s1', 'Before'), item('s2', 'During')].map((s) => ({ ...s, width: 400 })),
      lanes: [{ ...item('l1', 'Doing'), height: 300 }],
    }
    writeStructure(fac.doc, grid)
    writeStructure(fac.doc, { ...grid, stages: [grid.stages[0]!] })
    await eventually(() => expect(readTrash(relayDoc())).toHaveLength(1))
    expect(readTrash(relayDoc())[0]).toMatchObject({ kind: 'stage', index: 1, item: { id: 's2' } })
    writeStructure(fac.doc, grid)
    await eventually(() => expect(readTrash(relayDoc())).toHaveLength(0))
    const stageLog = readActivity(relayDoc()).filter((e) => e.id === 's2')
    expect(stageLog.map((e) => e.action)).toEqual(['created', 'deleted', 'restored'])
  })
})
