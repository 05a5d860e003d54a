import { describe, expect, it } from 'vitest'
import { AssetRecordType, type TLAssetId } from 'tldraw'
import { waitFor } from '../../helpers/wait'
import { relayPerFile, type TestRelay } from './harness'
import { cardRecord } from './cards'
import { UPDATE_BUDGET } from '../../../src/core/common/session/updateBudget'

let relay: TestRelay
const connect = relayPerFile((r) => (relay = r))

/** An image inlined as base64, as tldraw does with a pasted photo when no asset store is set. */
function inlineImage(id: string, bytes: number) {
  return AssetRecordType.create({
    id: `asset:${id}` as TLAssetId,
    type: 'image',
    props: {
      src: `data:image/png;base64,${'A'.repeat(bytes)}`,
      w: 100,
      h: 100,
      name: 'photo.png',
      isAnimated: false,
      mimeType: 'image/png',
    },
  })
}

describe('the binding never sends a change the relay would refuse for its size', () => {
  it('a record too large to send is undone on this device and counted; the connection stays', async () => {
    const session = relay.newSession()
    const a = await connect(session)
    const b = await connect(session)
    const big = inlineImage('big', UPDATE_BUDGET.maxItemContentLength + 10)
    a.store.put([big])
    await waitFor(() => a.binding.getState().tooLarge === 1, 'the refusal counted')
    expect(a.store.has(big.id)).toBe(false)
    // the connection is alive and later changes still sync
    a.store.put([cardRecord('after', { text: 'still here' })])
    await waitFor(() => b.store.has(cardRecord('after').id), 'the next card')
    expect(b.store.has(big.id)).toBe(false)
    expect(a.provider.wsconnected).toBe(true)
    expect(relay.relay.relay.stats().closedByCode).toEqual({})
  })

  it('a large batch is sent in several updates, each within the budget, and all of it arrives', async () => {
    const session = relay.newSession()
    const a = await connect(session)
    const b = await connect(session)
    const cards = Array.from({ length: 300 }, (_, i) =>
      cardRecord(`c${i}`, { text: `${i} ${'x'.repeat(1500)}` }),
    )
    a.store.put(cards)
    await waitFor(() => cards.every((c) => b.store.has(c.id)), 'all 300 cards')
    expect(a.binding.getState().tooLarge).toBe(0)
    expect(a.provider.wsconnected).toBe(true)
    expect(relay.relay.relay.stats().closedByCode).toEqual({})
  })
})
