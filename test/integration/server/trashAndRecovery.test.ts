import { truncate } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { Relay } from '../../../src/core/node/relay'
import { CoproServer, StoreBackend } from '../../../src/core/node/server'
import { callApi, serverPerFile, type ApiReply } from '../../helpers/server'
import { eventually, waitFor } from '../../helpers/wait'
import { destroyAfterEach, listed, stockProvider, whenSynced } from '../../helpers/yclient'
import type { WebsocketProvider } from 'y-websocket'

// Issue 22 items 2 and 4, end to end: a real server over a real data folder, stock y-websocket clients.

let server: CoproServer
let dataDir: string
const clients = destroyAfterEach<WebsocketProvider>()

serverPerFile(async (tempDir) => {
  dataDir = tempDir('copro-integrity-')
  server = await CoproServer.start({
    port: 0,
    backend: await StoreBackend.open(dataDir, { batchMs: 10 }),
    dataDir,
  })
  return server
})

async function call<T = any>(method: string, args: unknown): Promise<ApiReply<T>['body']> {
  return (await callApi<T>(server.baseUrl, method, args, server.token)).body
}

function connect(id: string): { doc: Y.Doc; provider: WebsocketProvider; closes: number[] } {
  const doc = new Y.Doc()
  const provider = listed(clients, stockProvider(server.syncUrl, id, doc, { token: server.token }))
  const closes: number[] = []
  provider.on('connection-close', (e) => {
    if (e) closes.push(e.code)
  })
  return { doc, provider, closes }
}

const relay = () => server.relay as Relay

describe('trashing a session that is open (issue 22 item 2)', () => {
  it('closes every connection, facilitators included, with 4421; restore reopens it cleanly', async () => {
    const id = (await call('sessions.create', { title: 'Trash while open' })).value.id as string
    const facilitator = connect(id)
    const coFacilitator = connect(id)
    await Promise.all([whenSynced(facilitator.provider), whenSynced(coFacilitator.provider)])
    facilitator.doc.getMap('m').set('before', 1)
    await eventually(() => expect(coFacilitator.doc.getMap('m').get('before')).toBe(1))

    expect((await call('sessions.delete', { id })).ok).toBe(true)
    for (const c of [facilitator, coFacilitator]) {
      await waitFor(() => c.closes.includes(4421), 'a 4421 close')
      expect(c.provider.shouldConnect).toBe(false) // a permanent close: the stock client stops retrying
    }
    expect(relay().stats().loadedRooms).toBe(0)
    // edits made now reach nobody: the other board never shows what cannot be saved
    facilitator.doc.getMap('m').set('unsaved', 1)
    await new Promise((r) => setTimeout(r, 50))
    expect(coFacilitator.doc.getMap('m').has('unsaved')).toBe(false)
    // a new connection is refused while the session is in the trash
    const late = connect(id)
    await waitFor(() => late.closes.length > 0, 'the late connection to be refused')
    expect(late.closes[0]).toBe(4404)

    expect((await call('sessions.restore', { id })).ok).toBe(true)
    const after = connect(id)
    await whenSynced(after.provider)
    expect(after.doc.getMap('m').toJSON()).toEqual({ before: 1 })
    after.doc.getMap('m').set('restored', 1)
    await eventually(() => expect(relay().getLoadedDoc(id)?.getMap('m').get('restored')).toBe(1))
    after.provider.destroy()
    await waitFor(() => relay().stats().loadedRooms === 0, 'the room to unload')
    // the stored session is whole: it exports and duplicates
    expect((await call('sessions.exportFile', { id })).ok).toBe(true)
    const copy = await call('sessions.duplicate', { id })
    expect(copy.ok).toBe(true)
    const reader = connect(copy.value.id)
    await whenSynced(reader.provider)
    expect(reader.doc.getMap('m').toJSON()).toEqual({ before: 1, restored: 1 })
  })
})

describe('a damaged session opens with a recovery notice (issue 22 item 4)', () => {
  it('rebuilds the board from what is intact and tells the app over the events socket', async () => {
    const id = (await call('sessions.create', { title: 'Bit rot' })).value.id as string
    const writer = connect(id)
    await whenSynced(writer.provider)
    for (const k of ['a', 'b', 'c']) writer.doc.getMap('m').set(k, k)
    await eventually(() => expect(relay().getLoadedDoc(id)?.getMap('m').size).toBe(3))
    writer.provider.destroy()
    await waitFor(() => relay().stats().loadedRooms === 0, 'the room to unload')
    await truncate(path.join(dataDir, 'sessions', id, 'snapshot.bin'), 10)

    const events = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${server.token}`)
    await new Promise((r) => events.on('open', r))
    const notices: { sessionId: string; message: string }[] = []
    events.on('message', (m) => {
      const e = JSON.parse(String(m)) as { event: string; payload: { sessionId: string; message: string } }
      if (e.event === 'session.recovery') notices.push(e.payload)
    })
    try {
      expect((await call('board.connect', { id })).ok).toBe(true)
      const reader = connect(id)
      await whenSynced(reader.provider)
      expect(reader.doc.getMap('m').toJSON()).toEqual({ a: 'a', b: 'b', c: 'c' })
      await waitFor(() => notices.length > 0, 'a session.recovery event')
      expect(notices[0]!.sessionId).toBe(id)
      expect(notices[0]!.message).toMatch(/Bit rot.*recovered.*snapshot\.bin\.damaged-/)
    } finally {
      events.close()
    }
  })
})
