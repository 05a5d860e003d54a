import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { CLOSE_CODES, MemoryPersistence } from '../../../src/core/node/relay'
import { DOC_SCHEMA_VERSION, META_KEYS, sessionMap } from '../../../src/core/common/session/docSchema'
import { registerParticipant, writeMeta } from '../../../src/core/common/session/write'
import { startStandaloneRelay, type StandaloneRelay } from '../../helpers/standaloneRelay'
import { waitFor } from '../../helpers/wait'
import { SESSION, stockClient, type Client, waitSynced } from './helpers'
import { card, GRANTS, records } from './rightsBoard'

/**
 * A session the server created (its meta written, docVersion included) whose board nobody has opened:
 * the first participant to open it writes tldraw's schema and the document version (binding.ts
 * writeSchema). Setting a key that holds a value deletes the old value; the relay judges that as part
 * of the set (rights.ts), so the same version may be rewritten but not another.
 */
let relay: StandaloneRelay
const clients: Client[] = []

function connect(token: keyof typeof GRANTS): Client {
  const c = stockClient(relay.url, { token })
  clients.push(c)
  return c
}

beforeEach(async () => {
  const created = new Y.Doc()
  writeMeta(created, { sessionId: SESSION, title: 'Created by the server' })
  const persistence = new MemoryPersistence()
  persistence.create(SESSION, [Y.encodeStateAsUpdate(created)])
  relay = await startStandaloneRelay({
    port: 0,
    persistence,
    authorize: (_s, token) => (token !== null ? (GRANTS[token] ?? null) : null),
  })
})

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await relay.close()
  vi.restoreAllMocks()
})

/** Alice registers and, in one change, writes the schema with `version` and her first card. */
async function firstOnTheBoard(version: number): Promise<{ alice: Client; closes: number[] }> {
  const alice = connect('alice')
  await waitSynced(alice)
  expect(sessionMap(alice.doc, 'meta').get(META_KEYS.docVersion)).toBe(DOC_SCHEMA_VERSION)
  const closes: number[] = []
  alice.provider.on('connection-close', (e) => {
    if (e) closes.push(e.code)
  })
  alice.doc.transact(() => {
    registerParticipant(
      alice.doc,
      { id: 'alice', name: 'Alice', anonymous: false, coproRole: 'service-user', sessionRole: 'participant' },
      1,
    )
    sessionMap(alice.doc, 'meta').set(META_KEYS.docVersion, version)
    sessionMap(alice.doc, 'meta').set(META_KEYS.tldrawSchema, { schemaVersion: 2, sequences: {} })
    const r = records(alice.doc)
    r.set('shape:first', card('shape:first', 'alice', 'service-user', 'first on the board'))
    r.destroy()
  })
  return { alice, closes }
}

const relayCard = () => {
  const r = records(relay.relay.getLoadedDoc(SESSION)!)
  const v = r.get('shape:first')
  r.destroy()
  return v
}

describe('relay rights: a participant first on a board the server created', () => {
  it('writes the schema, the same document version and their first card', async () => {
    const { alice, closes } = await firstOnTheBoard(DOC_SCHEMA_VERSION)
    await waitFor(() => relayCard() !== undefined, 'the first card at the relay')
    const meta = sessionMap(relay.relay.getLoadedDoc(SESSION)!, 'meta')
    expect(meta.get(META_KEYS.docVersion)).toBe(DOC_SCHEMA_VERSION)
    expect(meta.get(META_KEYS.tldrawSchema)).toEqual({ schemaVersion: 2, sequences: {} })
    expect(closes).toEqual([])
    expect(alice.provider.wsconnected).toBe(true)
  })

  it('may not change the document version', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    await waitSynced(connect('fac')) // keeps the session loaded at the relay once Alice is closed
    const { closes } = await firstOnTheBoard(DOC_SCHEMA_VERSION + 1)
    await waitFor(() => closes.length > 0, 'Alice to be closed')
    expect(closes).toEqual([CLOSE_CODES.PERMISSION_DENIED])
    expect(relayCard()).toBeUndefined()
    expect(sessionMap(relay.relay.getLoadedDoc(SESSION)!, 'meta').get(META_KEYS.docVersion)).toBe(
      DOC_SCHEMA_VERSION,
    )
  })
})
