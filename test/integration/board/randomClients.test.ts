import { describe, expect, it } from 'vitest'
import type { TLRecord } from 'tldraw'
import type { CardShape } from '../../../src/renderer/board/shapes/cardSchema'
import { CARD_KINDS } from '../../../src/shared/model/cardKinds'
import { prng } from '../../helpers/prng'
import { eventually } from '../../helpers/wait'
import { cardRecord } from './cards'
import { connectClient, docRecords, relayPerFile, type TestClient, type TestRelay } from './harness'

let relay: TestRelay
relayPerFile((r) => (relay = r))

describe('five bound stores with random edits, disconnects and reconnects', () => {
  for (const seed of [1, 2, 3]) {
    it(`end with identical records everywhere (seed ${seed})`, async () => {
      const rand = prng(seed)
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
      const session = relay.newSession()
      const clients: TestClient[] = []
      for (let i = 0; i < 5; i++) clients.push(await connectClient(relay.relay.url, session))
      const ids = Array.from({ length: 12 }, (_, i) => `r${i}`)
      const created = new Set<string>()
      try {
        for (let step = 0; step < 300; step++) {
          const c = pick(clients)
          const roll = rand()
          const id = pick(ids)
          const existing = c.store.get(cardRecord(id).id) as CardShape | undefined
          if (roll < 0.08) {
            if (c.provider.wsconnected) c.provider.disconnect()
            else c.provider.connect()
          } else if (roll < 0.2 && existing) {
            c.store.remove([existing.id])
          } else if (existing) {
            c.store.put([
              {
                ...existing,
                x: Math.round(rand() * 2000),
                props: { ...existing.props, text: `${existing.props.text.slice(0, 40)} s${step}` },
              } as TLRecord,
            ])
          } else {
            created.add(id)
            c.store.put([cardRecord(id, { kind: pick(CARD_KINDS), text: `s${step}` }, { x: step, y: 0 })])
          }
          if (step % 10 === 0) await new Promise((r) => setTimeout(r, 5))
        }
        for (const c of clients) if (!c.provider.wsconnected && !c.provider.wsconnecting) c.provider.connect()
        await eventually(() => {
          const first = docRecords(clients[0]!.store)
          for (const c of clients.slice(1)) expect(docRecords(c.store)).toEqual(first)
        }, 20_000)
        // the stores match the document, which holds one entry per record
        for (const c of clients) {
          expect(c.binding.records.size).toBe(docRecords(c.store).length)
        }
        expect(created.size).toBeGreaterThan(0)
      } finally {
        for (const c of clients) c.destroy()
      }
    }, 90_000)
  }
})
