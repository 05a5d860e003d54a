import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { readPeers, PRESENCE_FIELD, Summon, SUMMON_FIELD } from '../../../src/renderer/board/sync/presence'
import type { PresenceState } from '../../../src/shared/model/participant'
import { eventually } from '../../helpers/wait'
import { stockProvider, whenSynced } from '../../helpers/yclient'
import { TOKEN, relayPerFile, type TestRelay } from './harness'

let relay: TestRelay
relayPerFile((r) => (relay = r))

function client(session: string): WebsocketProvider {
  return stockProvider(relay.relay.url, session, new Y.Doc(), { token: TOKEN })
}

const valid: PresenceState = {
  user: {
    id: 'p-amal',
    name: 'Amal',
    coproRole: 'service-user',
    // the relay takes a presence only for the connection's own role (these clients hold the facilitator's token)
    sessionRole: 'facilitator',
    colour: '#7b2cbf',
  },
  cursor: { x: 10, y: 20 },
  viewport: { x: 0, y: 0, w: 800, h: 600 },
  following: null,
}

describe('presence over awareness', () => {
  it('peers see valid presence states and ignore invalid ones', async () => {
    const session = relay.newSession()
    const me = client(session)
    const good = client(session)
    const bad1 = client(session)
    const bad2 = client(session)
    try {
      await Promise.all([me, good, bad1, bad2].map(whenSynced))
      good.awareness.setLocalStateField(PRESENCE_FIELD, valid)
      // wrong role, script in the id, infinite cursor: each must be ignored, never crash the reader
      bad1.awareness.setLocalStateField(PRESENCE_FIELD, {
        ...valid,
        user: { ...valid.user, id: '<script>', coproRole: 'king' },
      })
      bad2.awareness.setLocalStateField(PRESENCE_FIELD, { ...valid, cursor: { x: 'left', y: 0 } })
      await eventually(() => expect(me.awareness.getStates().size).toBe(4))
      const peers = readPeers(me.awareness)
      expect(peers.map((p) => p.state)).toEqual([valid])
      expect(peers[0]!.clientId).toBe(good.awareness.clientID)

      // a peer that leaves disappears
      good.destroy()
      await eventually(() => expect(readPeers(me.awareness)).toEqual([]))
    } finally {
      for (const p of [me, good, bad1, bad2]) p.destroy()
    }
  })

  it('summon messages are validated', () => {
    expect(Summon.safeParse({ at: 5, viewport: { x: 0, y: 0, w: 10, h: 10 } }).success).toBe(true)
    expect(Summon.safeParse({ at: 5, viewport: { x: 0, y: 0, w: 0, h: 10 } }).success).toBe(false)
    expect(Summon.safeParse({ at: -1, viewport: { x: 0, y: 0, w: 10, h: 10 } }).success).toBe(false)
    expect(SUMMON_FIELD).toBe('summon')
  })
})
