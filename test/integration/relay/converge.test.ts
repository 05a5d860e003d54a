import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { prng } from '../../helpers/prng'
import { waitFor } from '../../helpers/wait'
import { type Client, SESSION, relayPerTest, type TestRelay, waitSynced } from './helpers'

let relay: TestRelay
const client = relayPerTest((r) => (relay = r))

type Card = { kind: string; text: string; x: number; y: number }

function kv(doc: Y.Doc): YKeyValue<Card> {
  return new YKeyValue<Card>(doc.getArray<{ key: string; val: Card }>('records'))
}

function snapshot(doc: Y.Doc): string {
  const entries = doc.getArray<{ key: string; val: Card }>('records').toArray()
  // YKeyValue keeps the right-most entry per key; reduce the same way so the relay's doc can be compared too.
  const map = new Map<string, Card>()
  for (const e of entries) map.set(e.key, e.val)
  const meta = doc.getMap<string>('meta').toJSON()
  return JSON.stringify({ cards: [...map.entries()].sort(([a], [b]) => a.localeCompare(b)), meta })
}

describe('relay: convergence of stock y-websocket clients', () => {
  it('two stock Node clients converge through the relay', async () => {
    const a = client()
    const b = client()
    await Promise.all([waitSynced(a), waitSynced(b)])
    a.doc.getMap('cards').set('card-1', { kind: 'pain', text: 'long waits' })
    b.doc.getMap('cards').set('card-2', { kind: 'gain', text: 'kind staff' })
    await waitFor(
      () => a.doc.getMap('cards').size === 2 && b.doc.getMap('cards').size === 2,
      'both cards on both clients',
    )
    expect(a.doc.getMap('cards').toJSON()).toEqual(b.doc.getMap('cards').toJSON())
    expect(relay.relay.getLoadedDoc(SESSION)?.getMap('cards').toJSON()).toEqual(
      a.doc.getMap('cards').toJSON(),
    )
    expect(relay.relay.sessionInfo(SESSION).connections).toBe(2)
  })

  it('a late joiner receives the whole document', async () => {
    const a = client()
    await waitSynced(a)
    for (let i = 0; i < 50; i++) a.doc.getMap('cards').set(`c${i}`, i)
    await waitFor(() => relay.relay.getLoadedDoc(SESSION)?.getMap('cards').size === 50, 'relay has 50 cards')
    const b = client()
    await waitSynced(b)
    await waitFor(() => b.doc.getMap('cards').size === 50, 'late joiner has 50 cards')
  })

  it('both sides edit while disconnected and everything merges on reconnect', async () => {
    const a = client()
    const b = client()
    await Promise.all([waitSynced(a), waitSynced(b)])
    a.doc.getMap('cards').set('shared', 'before')
    await waitFor(() => b.doc.getMap('cards').get('shared') === 'before', 'initial sync')
    a.provider.disconnect()
    b.provider.disconnect()
    a.doc.getMap('cards').set('from-a', 1)
    b.doc.getMap('cards').set('from-b', 2)
    a.doc.getArray('log').push(['a1', 'a2'])
    b.doc.getArray('log').push(['b1'])
    a.provider.connect()
    await waitSynced(a)
    b.provider.connect()
    await waitSynced(b)
    await waitFor(
      () => a.doc.getArray('log').length === 3 && b.doc.getArray('log').length === 3,
      'both logs merged',
    )
    expect(a.doc.getMap('cards').toJSON()).toEqual({ shared: 'before', 'from-a': 1, 'from-b': 2 })
    expect(b.doc.getMap('cards').toJSON()).toEqual(a.doc.getMap('cards').toJSON())
    expect(b.doc.getArray('log').toJSON()).toEqual(a.doc.getArray('log').toJSON())
  })

  for (const seed of [1, 20261122, 424242]) {
    it(`seeded random edits on a YKeyValue with disconnects converge (seed ${seed})`, async () => {
      const rand = prng(seed)
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
      const n = 6
      const cs = Array.from({ length: n }, () => client())
      const stores = cs.map((c) => kv(c.doc))
      await Promise.all(cs.map(waitSynced))
      const kinds = ['pain', 'gain', 'idea', 'question', 'action', 'quote'] as const
      const keys = Array.from({ length: 12 }, (_, i) => `shape:card${i}`)
      let disconnects = 0
      for (let step = 0; step < 400; step++) {
        const i = Math.floor(rand() * n)
        const c = cs[i] as Client
        const store = stores[i] as YKeyValue<Card>
        const r = rand()
        if (r < 0.08) {
          if (c.provider.shouldConnect) {
            c.provider.disconnect()
            disconnects++
          }
        } else if (r < 0.16) {
          if (!c.provider.shouldConnect) c.provider.connect()
        } else if (r < 0.26) {
          store.delete(pick(keys))
        } else if (r < 0.3) {
          c.doc.getMap<string>('meta').set('schema', `v${Math.floor(rand() * 3)}`)
        } else {
          store.set(pick(keys), {
            kind: pick(kinds),
            text: `edit ${step} by ${i}`,
            x: Math.floor(rand() * 1000),
            y: Math.floor(rand() * 1000),
          })
        }
        // Let the network interleave with the edits at seeded points.
        if (rand() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(rand() * 5)))
      }
      expect(disconnects).toBeGreaterThan(0)
      for (const c of cs) if (!c.provider.shouldConnect) c.provider.connect()
      const relayDoc = () => relay.relay.getLoadedDoc(SESSION)
      await waitFor(
        () => {
          const d = relayDoc()
          if (!d) return false
          const want = snapshot(d)
          return cs.every((c) => c.provider.synced && snapshot(c.doc) === want)
        },
        'all six clients and the relay to hold identical state',
        20_000,
      )
      const want = snapshot(relayDoc() as Y.Doc)
      for (const c of cs) expect(snapshot(c.doc)).toBe(want)
      // The YKeyValue views agree too, and at least one card survived the random deletes.
      const views = stores.map((s) =>
        JSON.stringify([...s.map.entries()].sort(([a], [b]) => a.localeCompare(b))),
      )
      expect(new Set(views).size).toBe(1)
      expect(stores[0]?.map.size).toBeGreaterThan(0)
    }, 60_000)
  }
})
