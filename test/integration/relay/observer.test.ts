import { describe, expect, it, vi } from 'vitest'
import * as decoding from 'lib0/decoding'
import { READ_ONLY_REASON } from '../../../src/core/node/relay'
import { cardUpdate, updateFrame } from './frames'
import { waitFor } from '../../helpers/wait'
import { OBSERVER_TOKEN, SESSION, rawSocket, relayPerTest, type TestRelay, waitSynced } from './helpers'

let relay: TestRelay
const client = relayPerTest((r) => (relay = r), { afterClose: () => vi.restoreAllMocks() })

describe('relay: observers are read-only', () => {
  it('drops an observer’s document updates (nobody sees them) but relays its awareness', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const fac = client()
    const obs = client(OBSERVER_TOKEN)
    await Promise.all([waitSynced(fac), waitSynced(obs)])

    // Observers read.
    fac.doc.getMap('cards').set('f1', 'from the facilitator')
    await waitFor(() => obs.doc.getMap('cards').get('f1') === 'from the facilitator', 'observer sees f1')

    // Observers cannot write.
    obs.doc.getMap('cards').set('o1', 'from the observer')
    obs.doc.getMap('cards').set('o2', 'again')
    await waitFor(() => relay.relay.sessionInfo(SESSION).droppedObserverUpdates >= 2, 'relay drops both')
    // A round trip after the drop: once the observer has f2, the relay has long handled o1 and o2.
    fac.doc.getMap('cards').set('f2', 'second')
    await waitFor(() => obs.doc.getMap('cards').get('f2') === 'second', 'observer sees f2')
    expect(fac.doc.getMap('cards').has('o1')).toBe(false)
    expect(fac.doc.getMap('cards').has('o2')).toBe(false)
    expect(relay.relay.getLoadedDoc(SESSION)?.getMap('cards').has('o1')).toBe(false)

    // The stock client stays connected and was told once, through the auth sub-protocol.
    expect(obs.provider.wsconnected).toBe(true)
    const told = warn.mock.calls.filter((args) => String(args[0]).includes(READ_ONLY_REASON))
    expect(told).toHaveLength(1)

    // Reconnecting replays o1/o2 in the observer's sync step 2: dropped again.
    const before = relay.relay.sessionInfo(SESSION).droppedObserverUpdates
    obs.provider.disconnect()
    obs.provider.connect()
    await waitFor(() => relay.relay.sessionInfo(SESSION).droppedObserverUpdates > before, 'replay dropped')
    fac.doc.getMap('cards').set('f3', 'third')
    await waitFor(() => obs.doc.getMap('cards').get('f3') === 'third', 'observer sees f3')
    expect(fac.doc.getMap('cards').has('o1')).toBe(false)

    // Awareness from the observer still reaches everyone.
    obs.provider.awareness.setLocalStateField('user', { name: 'Watcher', role: 'observer' })
    await waitFor(
      () => fac.provider.awareness.getStates().get(obs.doc.clientID)?.['user']?.name === 'Watcher',
      'facilitator sees the observer’s presence',
    )
    expect(relay.relay.sessionInfo(SESSION)).toMatchObject({ connections: 2, observers: 1 })
  })

  it('a raw observer update is answered with an auth permission-denied message and not applied', async () => {
    const watcher = client()
    await waitSynced(watcher)
    const s = rawSocket(relay.url, SESSION, OBSERVER_TOKEN)
    await s.opened
    s.ws.send(updateFrame(cardUpdate('sneaky', 1)))
    await waitFor(() => s.received.some((m) => m[0] === 2), 'an auth message')
    const auth = s.received.find((m) => m[0] === 2) as Uint8Array
    const d = decoding.createDecoder(auth)
    expect(decoding.readVarUint(d)).toBe(2)
    expect(decoding.readVarUint(d)).toBe(0)
    expect(decoding.readVarString(d)).toBe(READ_ONLY_REASON)
    expect(s.ws.readyState).toBe(s.ws.OPEN)
    expect(watcher.doc.getMap('cards').has('sneaky')).toBe(false)
    expect(relay.relay.getLoadedDoc(SESSION)?.getMap('cards').has('sneaky')).toBe(false)
    s.ws.close()
  })

  it('an observer with nothing to say is not counted or told (empty sync step 2)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const obs = client(OBSERVER_TOKEN)
    await waitSynced(obs)
    const fac = client()
    await waitSynced(fac)
    fac.doc.getMap('cards').set('x', 1)
    await waitFor(() => obs.doc.getMap('cards').get('x') === 1, 'observer sees x')
    expect(relay.relay.sessionInfo(SESSION).droppedObserverUpdates).toBe(0)
    expect(warn.mock.calls.filter((a) => String(a[0]).includes(READ_ONLY_REASON))).toHaveLength(0)
  })
})
