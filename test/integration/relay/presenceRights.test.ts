import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CLOSE_CODES, MemoryPersistence } from '../../../src/core/node/relay'
import { startStandaloneRelay, type StandaloneRelay } from '../../helpers/standaloneRelay'
import { waitFor } from '../../helpers/wait'
import { awarenessFlood } from '../hostile/attacks'
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

  it('a guest joining a room with more presences than one connection owns keeps its link (the rehearsal’s 4412)', async () => {
    // A stock y-websocket client echoes every awareness state it receives, all in one update: the
    // relay's join reply (every state) comes straight back. The relay must take that honest echo.
    const here = (['fac', 'cofac', 'alice', 'bob', 'mallory'] as const).map((token) => connect(token))
    await Promise.all(here.map(waitSynced))
    for (const [i, c] of here.entries()) {
      const { participantId, sessionRole } =
        GRANTS[(['fac', 'cofac', 'alice', 'bob', 'mallory'] as const)[i]!]!
      c.provider.awareness.setLocalStateField('presence', user(participantId!, sessionRole).user)
    }
    const ids = here.map((c) => c.doc.clientID)
    await waitFor(() => ids.every((id) => here[0]!.provider.awareness.getStates().has(id)), 'five presences')

    const guest = connect('legacy')
    const closes: number[] = []
    guest.provider.on('connection-close', (e) => {
      if (e) closes.push(e.code)
    })
    const seen = () => ids.every((id) => guest.provider.awareness.getStates().has(id))
    await waitFor(() => closes.length > 0 || (guest.provider.synced && seen()), 'the guest sees everyone')
    // its own presence, sent after its echo on the same socket, reaches the facilitator: the echo was taken
    guest.provider.awareness.setLocalStateField('presence', {
      user: { name: '', sessionRole: 'participant' },
    })
    const facSees = () => here[0]!.provider.awareness.getStates().has(guest.doc.clientID)
    await waitFor(() => closes.length > 0 || facSees(), 'the facilitator sees the guest')
    expect(closes).toEqual([])
  })

  it('new states for more client ids than one connection owns are still refused', async () => {
    const s = rawSocket(relay.url, SESSION, 'watcher')
    await s.opened
    s.ws.send(awarenessFlood(5000, 5, { presence: { user: { name: 'x' } } }))
    expect((await s.closed).code).toBe(CLOSE_CODES.AWARENESS_REFUSED)
  })

  it('the app’s own presence field (`presence.user`) is checked as well', async () => {
    const s = rawSocket(relay.url, SESSION, 'watcher')
    await s.opened
    s.ws.send(awarenessFrame(4243, 1, { presence: user('fac1', 'facilitator') }))
    expect((await s.closed).code).toBe(CLOSE_CODES.AWARENESS_REFUSED)
    const alice = rawSocket(relay.url, SESSION, 'alice')
    await alice.opened
    alice.ws.send(awarenessFrame(4244, 1, { presence: user('bob', 'participant') }))
    expect((await alice.closed).code).toBe(CLOSE_CODES.AWARENESS_REFUSED)
  })
})
