import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { CLOSE_CODES } from '../../../src/core/node/relay'
import {
  ballotKey,
  sessionMap,
  STRUCTURE_LOCK_KEY,
  WORKSHOP_KEYS,
} from '../../../src/core/common/session/docSchema'
import { registerParticipant, writeWithdrawn } from '../../../src/core/common/session/write'
import type { StandaloneRelay } from '../../helpers/standaloneRelay'
import { waitFor } from '../../helpers/wait'
import { rawSocket, SESSION, waitSynced } from './helpers'
import { updateFrame } from './frames'
import { RightsRelay } from './rightsRelay'
import { card, GRANTS, records, snapshot } from './rightsBoard'

const rig = new RightsRelay()
let relay: StandaloneRelay
const connect = rig.connect

beforeEach(async () => {
  await rig.start()
  relay = rig.relay
  const relayDoc = () => relay.relay.getLoadedDoc(SESSION)
  await waitFor(() => relayDoc() !== undefined && records(relayDoc()!).size === 5, 'the seeded board')
})

afterEach(async () => {
  await rig.stop()
  vi.restoreAllMocks()
})

const relayDoc = () => relay.relay.getLoadedDoc(SESSION)!

/** Alice (a participant) tries `change` through a stock client: refused, told, closed; nobody else sees it. */
async function expectRefused(change: (doc: Y.Doc) => void, token: keyof typeof GRANTS = 'alice') {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const honest = connect('bob')
  const offender = connect(token)
  await Promise.all([waitSynced(honest), waitSynced(offender)])
  const connections = relay.relay.sessionInfo(SESSION).connections
  const before = snapshot(relayDoc())
  expect(snapshot(honest.doc)).toEqual(before)
  const closes: number[] = []
  offender.provider.on('connection-close', (e) => {
    if (e) closes.push(e.code)
  })
  change(offender.doc)
  await waitFor(() => closes.length > 0, 'the offender to be closed')
  expect(closes).toEqual([CLOSE_CODES.PERMISSION_DENIED])
  // told why, through the auth sub-protocol (y-websocket logs it)
  expect(warn.mock.calls.some((a) => String(a.join(' ')).includes('permission denied'))).toBe(true)
  // a round trip through the relay after the refusal: the honest client is up to date
  const fac = connect('fac')
  await waitSynced(fac)
  sessionMap(fac.doc, 'facilitation').set('ping', Math.random())
  const ping = sessionMap(fac.doc, 'facilitation').get('ping')
  await waitFor(() => sessionMap(honest.doc, 'facilitation').get('ping') === ping, 'the ping')
  sessionMap(fac.doc, 'facilitation').delete('ping')
  await waitFor(() => !sessionMap(honest.doc, 'facilitation').has('ping'), 'the ping removed')
  expect(snapshot(relayDoc())).toEqual(before)
  expect(snapshot(honest.doc)).toEqual(before)
  // a stock client does not come back to re-send the refused change
  expect(offender.provider.shouldConnect).toBe(false)
  // the offender left, the facilitator who sent the ping joined
  expect(relay.relay.sessionInfo(SESSION).connections).toBe(connections)
  warn.mockRestore()
}

/** Alice's change goes through and reaches Bob. */
async function expectAllowed(
  change: (doc: Y.Doc) => void,
  seen: (bobDoc: Y.Doc) => boolean,
  token: keyof typeof GRANTS = 'alice',
) {
  const honest = connect('bob')
  const writer = connect(token)
  await Promise.all([waitSynced(honest), waitSynced(writer)])
  const closes: number[] = []
  writer.provider.on('connection-close', (e) => {
    if (e) closes.push(e.code)
  })
  change(writer.doc)
  await waitFor(() => seen(honest.doc), 'Bob to see the change')
  expect(closes).toEqual([])
  expect(writer.provider.wsconnected).toBe(true)
}

const setRecord = (id: string, value: unknown) => (doc: Y.Doc) => {
  const r = records(doc)
  r.set(id, value as Record<string, unknown>)
  r.destroy()
}
const deleteRecord = (id: string) => (doc: Y.Doc) => {
  const r = records(doc)
  r.delete(id)
  r.destroy()
}
const recordOf = (doc: Y.Doc, id: string) => {
  const r = records(doc)
  const v = r.get(id)
  r.destroy()
  return v as ReturnType<typeof card> | undefined
}

describe('relay rights: what a participant may not change (stock y-websocket clients)', () => {
  it("deleting the facilitator's card", () => expectRefused(deleteRecord('shape:fac')))
  it("editing another participant's card", () =>
    expectRefused(setRecord('shape:bob', card('shape:bob', 'bob', 'frontline-staff', 'rewritten by Alice'))))
  it("moving another participant's card", () =>
    expectRefused(setRecord('shape:bob', card('shape:bob', 'bob', 'frontline-staff', 'from Bob', 900))))
  it("taking over another participant's card (authorId changed to their own)", () =>
    expectRefused(setRecord('shape:bob', card('shape:bob', 'alice', 'service-user', 'mine now'))))
  it('writing a card in someone else’s name', () =>
    expectRefused(setRecord('shape:forged', card('shape:forged', 'bob', 'frontline-staff', 'forged'))))
  it('writing a card with a co-production role that is not theirs', () =>
    expectRefused(
      setRecord('shape:role', card('shape:role', 'alice', 'manager-commissioner', 'as a manager')),
    ))
  it('changing their own card while the facilitator has locked it', () =>
    expectRefused(setRecord('shape:locked', card('shape:locked', 'alice', 'service-user', 'unlocked?'))))
  it('a drawing (non-card shape) not marked as theirs', () =>
    expectRefused(setRecord('shape:line', { id: 'shape:line', typeName: 'shape', type: 'draw', meta: {} })))
  it("changing the board's page or document record", () =>
    expectRefused(setRecord('page:page', { id: 'page:page', typeName: 'page', name: 'Mine', meta: {} })))
  it('the structure', () =>
    expectRefused((d) => sessionMap(d, 'workshop').set(WORKSHOP_KEYS.structure, { stages: ['x'] })))
  it('the agenda', () =>
    expectRefused((d) =>
      sessionMap(d, 'workshop').set(WORKSHOP_KEYS.agenda, { activities: [], currentIndex: 3 }),
    ))
  it('the timer', () =>
    expectRefused((d) => sessionMap(d, 'workshop').set(WORKSHOP_KEYS.timer, { state: 'running' })))
  it('the session language', () => expectRefused((d) => sessionMap(d, 'workshop').set('language', 'cy')))
  it('a voting round', () => expectRefused((d) => sessionMap(d, 'voting').delete('r-open')))
  it('the locks (removing a lock)', () => expectRefused((d) => sessionMap(d, 'locks').delete('shape:locked')))
  it('the session title (meta)', () => expectRefused((d) => sessionMap(d, 'meta').set('title', 'Hijacked')))
  it('the tldraw schema once set', () => expectRefused((d) => sessionMap(d, 'meta').set('tldrawSchema', {})))
  it("someone else's withdrawal (emptying withdrawn)", () =>
    expectRefused((d) => sessionMap(d, 'withdrawn').delete('bob')))
  it('withdrawing someone else', () =>
    expectRefused((d) => writeWithdrawn(d, 'bob', '2026-12-04T11:00:00.000Z')))
  it("another participant's registry entry", () =>
    expectRefused((d) =>
      registerParticipant(
        d,
        {
          id: 'bob',
          name: 'Not Bob',
          anonymous: false,
          coproRole: 'service-user',
          sessionRole: 'participant',
        },
        1,
      ),
    ))
  it('registering as a facilitator', () =>
    expectRefused((d) =>
      registerParticipant(
        d,
        {
          id: 'alice',
          name: 'alice',
          anonymous: false,
          coproRole: 'service-user',
          sessionRole: 'facilitator',
        },
        1,
      ),
    ))
  it('a ballot under another voter', () =>
    expectRefused((d) =>
      sessionMap(d, 'ballots').set(ballotKey('r-closed', 'ghost'), {
        roundId: 'r-closed',
        participantId: 'ghost',
        coproRole: 'service-user',
        cardIds: ['shape:alice'],
        castAt: 5,
      }),
    ))
  it("removing someone else's ballot", () =>
    expectRefused((d) => sessionMap(d, 'ballots').delete(ballotKey('r-closed', 'bob'))))
  it('a ballot for a round that is still open', () =>
    expectRefused((d) =>
      sessionMap(d, 'ballots').set(ballotKey('r-open', 'alice'), {
        roundId: 'r-open',
        participantId: 'alice',
        coproRole: 'service-user',
        cardIds: ['shape:bob'],
        castAt: 5,
      }),
    ))
  it('removing a pass', () => expectRefused((d) => sessionMap(d, 'facilitation').delete('pass/a1/n1')))
  it('the spotlight', () =>
    expectRefused((d) => sessionMap(d, 'facilitation').set('spotlight', { cardId: 'x' })))
  it('a map that is not part of the session document', () =>
    expectRefused((d) => d.getMap('cards').set('x', 1)))
  it('a nested shared type inside a map', () =>
    expectRefused((d) => sessionMap(d, 'participants').set('alice', new Y.Map())))
  it("a co-facilitator withdrawing someone else's contributions", () =>
    expectRefused((d) => writeWithdrawn(d, 'alice', '2026-12-04T11:00:00.000Z'), 'cofac'))
  it('a co-facilitator changing the structure while the facilitator has locked it', async () => {
    const fac = connect('fac')
    await waitSynced(fac)
    sessionMap(fac.doc, 'locks').set(STRUCTURE_LOCK_KEY, { by: 'fac1', at: 2 })
    await waitFor(() => sessionMap(relayDoc(), 'locks').has(STRUCTURE_LOCK_KEY), 'the structure lock')
    await expectRefused(
      (d) => sessionMap(d, 'workshop').set(WORKSHOP_KEYS.structure, { stages: ['y'] }),
      'cofac',
    )
  })
})

describe('relay rights: what a participant may change', () => {
  it('create, edit, move and delete their own card', async () => {
    await expectAllowed(
      setRecord('shape:new', card('shape:new', 'alice', 'service-user', 'a new idea')),
      (d) => recordOf(d, 'shape:new')?.props.text === 'a new idea',
    )
    await expectAllowed(
      setRecord('shape:alice', card('shape:alice', 'alice', 'service-user', 'edited', 300)),
      (d) => recordOf(d, 'shape:alice')?.props.text === 'edited' && recordOf(d, 'shape:alice')?.x === 300,
    )
    await expectAllowed(deleteRecord('shape:alice'), (d) => recordOf(d, 'shape:alice') === undefined)
  })

  it('a drawing marked as theirs, and its arrow binding', async () => {
    await expectAllowed(
      (d) => {
        const r = records(d)
        r.setMany([
          [
            'shape:arrow',
            { id: 'shape:arrow', typeName: 'shape', type: 'arrow', meta: { authorId: 'alice' } },
          ],
          [
            'binding:b1',
            {
              id: 'binding:b1',
              typeName: 'binding',
              type: 'arrow',
              fromId: 'shape:arrow',
              toId: 'shape:fac',
              meta: {},
            },
          ],
        ])
        r.destroy()
      },
      (d) => recordOf(d, 'binding:b1') !== undefined,
    )
  })

  it('their own registry entry, withdrawal, ballot of a closed round and a pass', async () => {
    await expectAllowed(
      (d) => {
        registerParticipant(
          d,
          {
            id: 'alice',
            name: 'Alice B',
            anonymous: false,
            coproRole: 'service-user',
            sessionRole: 'participant',
          },
          5,
        )
        sessionMap(d, 'ballots').set(ballotKey('r-closed', 'alice'), {
          roundId: 'r-closed',
          participantId: 'alice',
          coproRole: 'service-user',
          cardIds: ['shape:bob'],
          castAt: 5,
        })
        sessionMap(d, 'facilitation').set('pass/a1/n2', 1)
        writeWithdrawn(d, 'alice', '2026-12-04T12:00:00.000Z')
      },
      (d) =>
        (sessionMap(d, 'participants').get('alice') as { name: string }).name === 'Alice B' &&
        sessionMap(d, 'ballots').has(ballotKey('r-closed', 'alice')) &&
        sessionMap(d, 'facilitation').has('pass/a1/n2') &&
        sessionMap(d, 'withdrawn').has('alice'),
    )
  })

  it('a co-facilitator runs the workshop (agenda, rounds, other people’s cards)', async () => {
    await expectAllowed(
      (d) => {
        sessionMap(d, 'workshop').set(WORKSHOP_KEYS.agenda, { activities: [], currentIndex: 0 })
        sessionMap(d, 'voting').delete('r-open')
        setRecord('shape:bob', card('shape:bob', 'bob', 'frontline-staff', 'tidied by the co-facilitator'))(d)
      },
      (d) =>
        !sessionMap(d, 'voting').has('r-open') &&
        recordOf(d, 'shape:bob')?.props.text.startsWith('tidied') === true,
      'cofac',
    )
  })
})

describe('relay rights: a link that names no participant', () => {
  it('may write nothing before registering', () =>
    expectRefused(
      setRecord('shape:early', card('shape:early', 'carol', 'service-user', 'too early')),
      'legacy',
    ))

  it('is bound to the participant it registers, and then writes as them only', async () => {
    await expectAllowed(
      (d) => {
        registerParticipant(
          d,
          {
            id: 'carol',
            name: 'Carol',
            anonymous: false,
            coproRole: 'carer-family',
            sessionRole: 'participant',
          },
          5,
        )
        setRecord('shape:carol', card('shape:carol', 'carol', 'carer-family', 'from Carol'))(d)
      },
      (d) => recordOf(d, 'shape:carol') !== undefined,
      'legacy',
    )
  })
})

describe('relay rights: raw Yjs updates', () => {
  /** An update made on a copy of the relay's document: exactly the bytes a hand-made client would send. */
  function rawUpdate(change: (doc: Y.Doc) => void): Uint8Array {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(relayDoc()))
    const sv = Y.encodeStateVector(copy)
    change(copy)
    return Y.encodeStateAsUpdate(copy, sv)
  }

  for (const [name, change] of [
    ["deleting the facilitator's card", deleteRecord('shape:fac')],
    ['emptying withdrawn', (d: Y.Doc) => sessionMap(d, 'withdrawn').delete('bob')],
    [
      'removing a lock and changing the locked card',
      (d: Y.Doc) => {
        sessionMap(d, 'locks').delete('shape:locked')
        setRecord('shape:locked', card('shape:locked', 'alice', 'service-user', 'x'))(d)
      },
    ],
    ['renaming the session', (d: Y.Doc) => sessionMap(d, 'meta').set('title', 'Hijacked')],
  ] as const) {
    it(`${name}: refused with an auth message and PERMISSION_DENIED, nothing applied`, async () => {
      const honest = connect('bob')
      await waitSynced(honest)
      const before = snapshot(relayDoc())
      const update = rawUpdate(change)
      const s = rawSocket(relay.url, SESSION, 'mallory')
      await s.opened
      s.ws.send(updateFrame(update))
      const { code } = await s.closed
      expect(code).toBe(CLOSE_CODES.PERMISSION_DENIED)
      const auth = s.received.find((m) => m[0] === 2)
      expect(auth).toBeDefined()
      const d = decoding.createDecoder(auth!)
      decoding.readVarUint(d)
      expect(decoding.readVarUint(d)).toBe(0)
      expect(decoding.readVarString(d)).toMatch(/^permission denied: /)
      expect(snapshot(relayDoc())).toEqual(before)
      expect(snapshot(honest.doc)).toEqual(before)
      expect(relay.relay.sessionInfo(SESSION).connections).toBe(2)
    })
  }

  it('an honest participant’s echo of the whole board (sync step 2 of everything) is fine', async () => {
    const s = rawSocket(relay.url, SESSION, 'alice')
    await s.opened
    s.ws.send(updateFrame(Y.encodeStateAsUpdate(relayDoc()), 1))
    s.ws.send(
      updateFrame(rawUpdate(setRecord('shape:raw', card('shape:raw', 'alice', 'service-user', 'raw')))),
    )
    await waitFor(() => recordOf(relayDoc(), 'shape:raw') !== undefined, 'the raw card')
    expect(s.ws.readyState).toBe(s.ws.OPEN)
    s.ws.close()
  })
})
