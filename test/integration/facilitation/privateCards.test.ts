import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { TLRecord } from 'tldraw'
import { cardsToReveal, reveal, revealedMeta, shouldSyncRecord } from '../../../src/core/common/facilitation'
import { closeRound, writeRound } from '../../../src/core/common/voting/round'
import { publishPendingBallots, readBallotEntries } from '../../../src/core/common/voting/ballots'
import { eventually } from '../../helpers/wait'
import { relayPerFile, type TestClient, type TestRelay } from '../board/harness'
import { cardRecord } from '../board/cards'

let relay: TestRelay
const join = relayPerFile((r) => (relay = r))

async function client(sessionId: string): Promise<TestClient> {
  return join(sessionId, { shouldSync: shouldSyncRecord })
}

/** The relay's authoritative document, as a late joiner receives it. */
async function relayView(sessionId: string): Promise<TestClient> {
  return client(sessionId)
}

const cardIdsIn = (doc: Y.Doc): string[] =>
  doc
    .getArray<{ key: string }>('tl_records')
    .toArray()
    .map((e) => e.key)
    .filter((k) => k.startsWith('shape:'))

describe('private writing through the real relay', () => {
  it('keeps private cards out of every other document until the reveal, then publishes them at once', async () => {
    const id = relay.newSession()
    const ana = await client(id)
    const ben = await client(id)
    const priv1 = cardRecord('ana-private-1', { authorName: 'Ana', text: 'my secret worry' })
    const priv2 = cardRecord('ana-private-2', { authorName: '', text: 'anonymous worry' })
    const pub = cardRecord('ana-public', { text: 'open card' })
    ana.store.put([
      { ...priv1, meta: { private: true, activityId: 'a1' } },
      { ...priv2, meta: { private: true, activityId: 'a1' } },
      { ...priv2, id: 'shape:other-activity' as never, meta: { private: true, activityId: 'a2' } },
      pub,
    ] as TLRecord[])

    await eventually(() => expect(ben.store.has(pub.id)).toBe(true))
    // the public card travelled; the private ones did not reach Ben's store, Ben's doc, or the relay
    expect(ben.store.has(priv1.id)).toBe(false)
    expect(cardIdsIn(ben.doc)).toEqual([pub.id])
    expect(cardIdsIn(ana.doc)).toEqual([pub.id])
    const late = await relayView(id)
    expect(cardIdsIn(late.doc)).toEqual([pub.id])
    expect(JSON.stringify(late.doc.toJSON())).not.toContain('my secret worry')

    // the facilitator reveals activity a1 (Ben's client writes the reveal; Ana's client reacts)
    reveal(ben.doc, 'a1', 1234)
    await eventually(() => expect(ana.doc.getMap('workshop').get('reveal')).toEqual({ a1: 1234 }))
    const revealedMap = ana.doc.getMap('workshop').get('reveal') as Record<string, number>
    const toReveal = cardsToReveal(Object.values(ana.store.serialize('document')), revealedMap)
    expect(toReveal.map((r) => r.id).sort()).toEqual([priv1.id, priv2.id].sort())
    ana.store.put(
      toReveal.map((r) => ({ ...r, meta: revealedMeta(r.meta as Record<string, unknown>) })) as TLRecord[],
    )

    await eventually(() => {
      expect(ben.store.has(priv1.id)).toBe(true)
      expect(ben.store.has(priv2.id)).toBe(true)
    })
    expect((ben.store.get(priv2.id) as { props: { authorName: string } }).props.authorName).toBe('')
    expect(ben.store.get(priv1.id)?.meta.activityId).toBe('a1')
    // the other activity's private card is still only Ana's
    expect(ben.store.has('shape:other-activity' as never)).toBe(false)
  })
})

describe('ballots through the real relay', () => {
  it('no ballot exists anywhere while the round is open; an offline voter publishes on reconnect', async () => {
    const id = relay.newSession()
    const fac = await client(id)
    const ana = await client(id)
    const ben = await client(id)
    writeRound(fac.doc, {
      id: 'r1',
      title: 'Which matter most?',
      status: 'open',
      dotsPerPerson: 2,
      kinds: [],
      region: null,
      openedAt: 1,
      closedAt: null,
    })
    await eventually(() => expect(ana.doc.getMap('voting').has('r1')).toBe(true))
    // dots live on each device only (what the renderer keeps in localStorage)
    const local = { ana: ['shape:x', 'shape:x'], ben: ['shape:y'] }
    expect(
      publishPendingBallots(ana.doc, { id: 'ana', coproRole: 'service-user' }, () => local.ana, 5),
    ).toEqual([])
    expect(readBallotEntries(fac.doc)).toEqual([])
    expect(readBallotEntries(ben.doc)).toEqual([])

    // Ben goes offline; the facilitator closes the round
    ben.provider.disconnect()
    closeRound(fac.doc, 'r1', 10)
    await eventually(() =>
      expect((ana.doc.getMap('voting').get('r1') as { status: string }).status).toBe('closed'),
    )
    expect(
      publishPendingBallots(ana.doc, { id: 'ana', coproRole: 'service-user' }, () => local.ana, 11),
    ).toEqual(['r1'])
    await eventually(() => expect(readBallotEntries(fac.doc).map(([k]) => k)).toEqual(['r1/ana']))

    // Ben reconnects, learns of the close and publishes
    await ben.provider.connect()
    await eventually(() =>
      expect((ben.doc.getMap('voting').get('r1') as { status: string }).status).toBe('closed'),
    )
    expect(
      publishPendingBallots(ben.doc, { id: 'ben', coproRole: 'frontline-staff' }, () => local.ben, 20),
    ).toEqual(['r1'])
    await eventually(() =>
      expect(
        readBallotEntries(fac.doc)
          .map(([k]) => k)
          .sort(),
      ).toEqual(['r1/ana', 'r1/ben']),
    )
    // publishing again changes nothing
    expect(
      publishPendingBallots(ben.doc, { id: 'ben', coproRole: 'frontline-staff' }, () => local.ben, 21),
    ).toEqual([])
  })
})
