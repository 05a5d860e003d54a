import { expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { MESSAGE_DURABILITY } from '../../../src/shared/api/durability'
import { RelayDurability } from '../../../src/renderer/features/share/relayDurability'
import { waitFor } from '../sharing/helpers'
import type { ConformanceContext } from './conformanceRules'

/**
 * Durability acknowledgements (docs/protocol/relay.md): the desktop app's publication asks with
 * `?acks=1` and says "Saved on <relay>" only once the relay confirms; a stock client never gets the
 * message (y-websocket logs "Unable to compute message" for a type it does not know).
 */
export function durabilityConformance({ t, last, client, publish, mint }: ConformanceContext): void {
  it('confirms durability to a client that asks (?acks=1), on every node, and never to a stock client', async () => {
    const { id } = await publish(0)
    // a stock client on the raw socket: records every frame's type
    const { token } = await mint(0, id, 'participant')
    const types: number[] = []
    const raw = new WebSocket(`${t().syncUrls[last()]}/${id}?token=${token}`)
    raw.on('message', (d: Buffer) => types.push(d[0]!))
    const stock = client(last(), id, token)
    const errors: unknown[] = []
    const spy = (...a: unknown[]) => errors.push(a)
    const original = console.error
    console.error = spy
    try {
      for (let node = 0; node <= last(); node++) {
        const doc = new Y.Doc()
        const provider = new WebsocketProvider(t().syncUrls[node]!, id, doc, {
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
          params: { token: t().adminToken, acks: '1' },
        })
        const durability = new RelayDurability(provider, doc)
        try {
          await waitFor(() => durability.state() === 'saved', 'the publication confirmed as saved')
          doc.getMap('cards').set(`n${node}`, node)
          expect(durability.state()).toBe('saving')
          await waitFor(() => durability.state() === 'saved', 'the edit confirmed as saved')
          await waitFor(() => stock.doc.getMap('cards').get(`n${node}`) === node, 'the stock client synced')
        } finally {
          durability.destroy()
          provider.destroy()
          doc.destroy()
        }
      }
      expect(types.length).toBeGreaterThan(0)
      expect(types).not.toContain(MESSAGE_DURABILITY)
      expect(errors).toEqual([])
    } finally {
      console.error = original
      raw.terminate()
    }
  })
}
