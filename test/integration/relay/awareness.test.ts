import { describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import { waitFor } from '../../helpers/wait'
import { awarenessFrame } from './frames'
import { FACILITATOR_TOKEN, SESSION, rawSocket, relayPerTest, type TestRelay, waitSynced } from './helpers'

let relay: TestRelay
const client = relayPerTest((r) => (relay = r))

/** Client ids announced with a non-null state in the awareness frames a raw socket received. */
function announced(frames: Uint8Array[]): Set<number> {
  const ids = new Set<number>()
  for (const f of frames) {
    const d = decoding.createDecoder(f)
    if (decoding.readVarUint(d) !== 1) continue
    const inner = decoding.createDecoder(decoding.readVarUint8Array(d))
    const n = decoding.readVarUint(inner)
    for (let i = 0; i < n; i++) {
      const id = decoding.readVarUint(inner)
      decoding.readVarUint(inner)
      if (decoding.readVarString(inner) !== 'null') ids.add(id)
    }
  }
  return ids
}

describe('relay: awareness', () => {
  it('relays presence and removes it when its connection leaves', async () => {
    const a = client()
    const b = client()
    await Promise.all([waitSynced(a), waitSynced(b)])
    a.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 })
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.['cursor']?.x === 1, 'b sees a')
    a.provider.disconnect()
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'a’s presence removed')
  })

  it('a newcomer gets the present states; query-awareness is answered', async () => {
    const a = client()
    await waitSynced(a)
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    await waitFor(() => relay.relay.sessionInfo(SESSION).connections === 1, 'joined')
    const s = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
    await waitFor(() => announced(s.received).has(a.doc.clientID), 'initial awareness')
    const before = s.received.length
    s.ws.send(new Uint8Array([3]))
    await waitFor(() => announced(s.received.slice(before)).has(a.doc.clientID), 'query answered')
    s.ws.close()
  })

  it('a client id taken over by a newer connection survives the old connection leaving', async () => {
    const watcher = client()
    await waitSynced(watcher)
    const id = 4242
    const old = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
    await old.opened
    old.ws.send(awarenessFrame(id, 1, { name: 'first socket' }))
    await waitFor(() => watcher.provider.awareness.getStates().get(id)?.['name'] === 'first socket', 'first')
    const fresh = rawSocket(relay.url, SESSION, FACILITATOR_TOKEN)
    await fresh.opened
    fresh.ws.send(awarenessFrame(id, 2, { name: 'second socket' }))
    await waitFor(
      () => watcher.provider.awareness.getStates().get(id)?.['name'] === 'second socket',
      'second',
    )
    old.ws.close()
    await old.closed
    await waitFor(() => relay.relay.sessionInfo(SESSION).connections === 2, 'old socket gone')
    // A round trip through the relay after the old socket left.
    watcher.provider.awareness.setLocalStateField('ping', 1)
    await waitFor(() => announced(fresh.received).has(watcher.doc.clientID), 'round trip')
    expect(watcher.provider.awareness.getStates().get(id)?.['name']).toBe('second socket')
    fresh.ws.close()
    await waitFor(() => !watcher.provider.awareness.getStates().has(id), 'state removed with its owner')
  })
})
