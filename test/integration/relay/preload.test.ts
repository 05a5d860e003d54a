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

  it('ends the hold when the first client joins: the room unloads as soon as its last client leaves', async () => {
    relay.relay.preload(SESSION, 60_000)
    const a = client()
    await waitSynced(a)
    expect(relay.relay.stats().loadedRooms).toBe(1)
    a.destroy()
    await waitFor(() => relay.relay.stats().loadedRooms === 0, 'room unloaded when the client left')
  })
})
