import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { cardTexts, postCard } from '../../helpers/guestCards'
import { CoproServer, MemoryBackend } from '../../../src/core/node/server'
import type { ShareLinks } from '../../../src/shared/api'
import { callApi, serverPerFile } from '../../helpers/server'
import { destroyAfterEach } from '../../helpers/yclient'
import { fromJoinUrl, stockClient, waitFor, type Guest } from './helpers'

const GUESTS = 50
const EDITS = 6
let server: CoproServer
// One test: destroyed after it, before the server closes.
const clients = destroyAfterEach<Guest>()

async function call(method: string, args: unknown) {
  return (await callApi(server.baseUrl, method, args, server.token)).body.value
}

serverPerFile(async () => {
  server = await CoproServer.start({ host: '127.0.0.1', port: 0, backend: new MemoryBackend() })
  return server
})

describe('50 concurrent guests in one shared session', () => {
  it('each edit lands everywhere and every client ends with the identical document', async () => {
    const { id } = await call('sessions.create', { title: 'Full hall' })
    const links = (await call('share.start', { sessionId: id, address: '127.0.0.2' })) as ShareLinks
    const p = fromJoinUrl(links.participantUrl)
    const facilitator = stockClient(server.syncUrl, id, server.token)
    clients.push(facilitator)
    for (let i = 0; i < GUESTS; i++) clients.push(stockClient(p.serverUrl, id, p.token))
    const guests = clients.slice(1)
    // Everyone writes cards at once, while still connecting (each as itself: the relay's rights), and
    // the facilitator edits one contended key meanwhile.
    for (let round = 0; round < EDITS; round++) {
      guests.forEach((g, i) => postCard(g.doc, `guest${i}`, `g${i}-r${round}`, `note ${i}.${round}`))
      facilitator.doc.getMap('votes').set('contended', round)
      await new Promise((r) => setTimeout(r, 5))
    }
    const expectedCards = GUESTS * EDITS
    await waitFor(
      () => clients.every((c) => c.provider.synced && cardTexts(c.doc).size === expectedCards),
      'all cards everywhere',
      60_000,
    )
    const reference = Y.encodeStateVector(facilitator.doc)
    await waitFor(
      () => clients.every((c) => Buffer.from(Y.encodeStateVector(c.doc)).equals(Buffer.from(reference))),
      'identical state vectors',
      60_000,
    )
    // doc.toJSON() lists only the root types a client has touched, and a map's key order is the order a
    // client received its entries in; so read each root explicitly and sort map keys.
    const sorted = (m: Y.Map<unknown>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b))
    const content = (d: Y.Doc) =>
      JSON.stringify([[...cardTexts(d)].sort(([a], [b]) => a.localeCompare(b)), sorted(d.getMap('votes'))])
    const json = content(facilitator.doc)
    const differing = clients.filter((c) => content(c.doc) !== json).length
    expect(differing).toBe(0)
    expect(facilitator.doc.getMap('votes').get('contended')).toBe(EDITS - 1)
    expect(server.sharing.status(id).guests).toBe(GUESTS)
    expect(clients.every((c) => c.closes.length === 0)).toBe(true)
  })
})
