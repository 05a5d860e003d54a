import { describe, expect, it } from 'vitest'
import { relayPerTest, SESSION, waitFor, waitSynced, type TestRelay } from './helpers'

describe('relay preload (the app API loads a board before its first client connects)', () => {
  let relay: TestRelay
  const client = relayPerTest((r) => {
    relay = r
  })

  it('loads the room ahead of the first client, which then finds it in memory', async () => {
    expect(relay.relay.stats().loadedRooms).toBe(0)
    relay.relay.preload(SESSION, 5_000)
    await waitFor(() => relay.relay.stats().loadedRooms === 1, 'room loaded without a client')
    const a = client()
    await waitSynced(a)
    a.doc.getMap('m').set('k', 'v')
    const b = client()
    await waitSynced(b)
    await waitFor(() => b.doc.getMap('m').get('k') === 'v', 'b sees a')
  })

  it('unloads a preloaded room nobody joined once the hold is over', async () => {
    relay.relay.preload(SESSION, 150)
    await waitFor(() => relay.relay.stats().loadedRooms === 1, 'room loaded')
    await waitFor(() => relay.relay.stats().loadedRooms === 0, 'room unloaded after the hold')
  })

  it('keeps a room whose clients left while the hold runs, then unloads it', async () => {
    relay.relay.preload(SESSION, 400)
    const a = client()
    await waitSynced(a)
    a.destroy()
    await new Promise((r) => setTimeout(r, 100))
    expect(relay.relay.stats().loadedRooms).toBe(1)
    await waitFor(() => relay.relay.stats().loadedRooms === 0, 'room unloaded after the hold')
  })
})
