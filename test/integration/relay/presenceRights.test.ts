import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CLOSE_CODES, MemoryPersistence } from '../../../src/core/node/relay'
import { startStandaloneRelay, type StandaloneRelay } from '../../helpers/standaloneRelay'
import { waitFor } from '../../helpers/wait'
import { awarenessFrame } from './frames'
import { rawSocket, SESSION, stockClient, type Client, waitSynced } from './helpers'
import { GRANTS } from './rightsBoard'

/** Presence speaks only for its own connection (issue 22: an observer removed the facilitator's presence and showed a fake one). */
let relay: StandaloneRelay
const clients: Client[] = []

beforeEach(async () => {
  const persistence = new MemoryPersistence()
  persistence.create(SESSION)
  relay = await startStandaloneRelay({
    port: 0,
    persistence,
    authorize: (_s, token) => (token !== null ? (GRANTS[token] ?? null) : null),
  })
})

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await relay.close()
})

function connect(token: keyof typeof GRANTS): Client {
  const c = stockClient(relay.url, { token })
  clients.push(c)
  return c
}

const user = (id: string, sessionRole: string) => ({
  user: { id, name: 'Sam', coproRole: 'facilitator', sessionRole, colour: '#123456' },
})

describe('relay rights: presence', () => {
  it('an observer cannot remove the facilitator’s presence or show itself as a facilitator', async () => {
    const fac = connect('fac')
    const bob = connect('bob')
    await Promise.all([waitSynced(fac), waitSynced(bob)])
    fac.provider.awareness.setLocalState(user('fac1', 'facilitator'))
    const facId = fac.doc.clientID
    await waitFor(() => bob.provider.awareness.getStates().has(facId), 'Bob sees the facilitator')

    const s = rawSocket(relay.url, SESSION, 'watcher')
    await s.opened
    // removing the facilitator's state (null at a newer clock) is left out
    s.ws.send(awarenessFrame(facId, 99, null))
    // its own state claiming to be the facilitator closes it
    s.ws.send(awarenessFrame(4242, 1, user('fac1', 'facilitator')))
    expect((await s.closed).code).toBe(CLOSE_CODES.AWARENESS_REFUSED)
    expect(bob.provider.awareness.getStates().has(4242)).toBe(false)
    expect(bob.provider.awareness.getStates().get(facId)).toEqual(user('fac1', 'facilitator'))
  })

  it('a participant cannot show up as another participant', async () => {
    const alice = connect('alice')
    await waitSynced(alice)
    const closes: number[] = []
    alice.provider.on('connection-close', (e) => {
      if (e) closes.push(e.code)
    })
    alice.provider.awareness.setLocalState(user('bob', 'participant'))
    await waitFor(() => closes.length > 0, 'the close')
    expect(closes[0]).toBe(CLOSE_CODES.AWARENESS_REFUSED)
  })

  it('a participant’s own presence is relayed', async () => {
    const alice = connect('alice')
    const bob = connect('bob')
    await Promise.all([waitSynced(alice), waitSynced(bob)])
    alice.provider.awareness.setLocalState(user('alice', 'participant'))
    await waitFor(() => bob.provider.awareness.getStates().has(alice.doc.clientID), 'Bob sees Alice')
  })
})
