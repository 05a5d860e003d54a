import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readActivity } from '../../../src/core/common/session/activity'
import { recordsArray, sessionMap, WORKSHOP_KEYS } from '../../../src/core/common/session/docSchema'
import { KeyedRecords } from '../../../src/core/common/session/keyedRecords'
import { readMeta } from '../../../src/core/common/session/read'
import { readTrash } from '../../../src/core/common/session/trash'
import { readAgenda, writeAgenda } from '../../../src/core/common/facilitation/state'
import { CoproServer, StoreBackend } from '../../../src/core/node/server'
import { distinctTitle } from '../../../src/core/node/storage/titles'
import { cardRecord } from '../board/cards'
import { callApi, serverPerFile, type ApiReply } from '../../helpers/server'
import { eventually, waitFor } from '../../helpers/wait'
import { stockProvider, whenSynced } from '../../helpers/yclient'

// Issue 16 item 6: "Duplicate" starts a fresh run unless asked to keep the live state; an imported
// session whose title is taken gets "(2)"; counts stay right. A real server over a real data folder.

let server: CoproServer

serverPerFile(async (tempDir) => {
  const dataDir = tempDir('copro-freshrun-')
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

async function open(id: string) {
  const doc = new Y.Doc()
  const provider = stockProvider(server.syncUrl, id, doc, { token: server.token })
  await whenSynced(provider)
  return {
    doc,
    records: new KeyedRecords<unknown>(recordsArray(doc)),
    async close() {
      provider.destroy()
      doc.destroy()
      await waitFor(() => server.relay.getLoadedDoc?.(id) === undefined, 'the room to unload', 60_000)
    },
  }
}

describe('duplicating a session', () => {
  it('starts a fresh run: structure and cards, no live activity, passes, votes, timer, trash or log', async () => {
    const s = (await call('sessions.create', { title: 'Run one' })).value
    const b = await open(s.id)
    b.records.set('shape:k1', cardRecord('k1', { text: 'kept' }))
    b.records.set('shape:k2', cardRecord('k2', { text: 'deleted' }))
    b.records.delete('shape:k2')
    writeAgenda(b.doc, {
      activities: [
        {
          id: 'a1',
          title: 'Ideas',
          durationMs: 60_000,
          instructions: '',
          private: false,
          contentNote: '',
          targetId: null,
        },
      ],
      currentIndex: 0,
    })
    sessionMap(b.doc, 'workshop').set(WORKSHOP_KEYS.timer, { status: 'running' })
    sessionMap(b.doc, 'facilitation').set('pass/a1/n1', 1)
    sessionMap(b.doc, 'voting').set('r1', { id: 'r1' })
    sessionMap(b.doc, 'ballots').set('r1/p1', { cards: [] })
    sessionMap(b.doc, 'participants').set('p1', { id: 'p1' })
    await eventually(() => expect(readTrash(server.relay.getLoadedDoc!(s.id)!)).toHaveLength(1))
    await b.close()

    const fresh = (await call('sessions.duplicate', { id: s.id })).value
    expect(fresh).toMatchObject({ title: 'Run one (copy)', cardCount: 1, participantCount: 1 })
    const keep = (await call('sessions.duplicate', { id: s.id, keepLiveState: true })).value
    expect(keep.title).toBe('Run one (copy) (2)')

    const f = await open(fresh.id)
    expect(new KeyedRecords<unknown>(recordsArray(f.doc)).has('shape:k1')).toBe(true)
    expect(readAgenda(f.doc)).toMatchObject({ currentIndex: -1, activities: [{ id: 'a1' }] })
    expect(sessionMap(f.doc, 'workshop').has(WORKSHOP_KEYS.timer)).toBe(false)
    for (const m of ['facilitation', 'voting', 'ballots', 'trash'] as const)
      expect(sessionMap(f.doc, m).size).toBe(0)
    expect(sessionMap(f.doc, 'participants').size).toBe(1)
    expect(readActivity(f.doc)).toEqual([])
    expect(readMeta(f.doc)).toMatchObject({ sessionId: fresh.id, title: 'Run one (copy)' })
    await f.close()

    const k = await open(keep.id)
    expect(readAgenda(k.doc).currentIndex).toBe(0)
    expect(sessionMap(k.doc, 'voting').size).toBe(1)
    expect(readTrash(k.doc)).toHaveLength(1)
    await k.close()
  })
})

describe('importing a session whose title is taken', () => {
  it('adds a distinguishing suffix, and the document says it too', async () => {
    const s = (await call('sessions.create', { title: 'Kitchen table' })).value
    const file = (await call('sessions.exportFile', { id: s.id })).value
    const first = (await call('sessions.importFile', file)).value
    const second = (await call('sessions.importFile', file)).value
    expect([first.title, second.title]).toEqual(['Kitchen table (2)', 'Kitchen table (3)'])
    const d = await open(second.id)
    expect(readMeta(d.doc)).toMatchObject({ title: 'Kitchen table (3)', sessionId: second.id })
    await d.close()
  })

  it('distinctTitle ignores case and spaces and stays within the length limit', () => {
    expect(distinctTitle('A', ['b'])).toBe('A')
    expect(distinctTitle('A', [' a ', 'A (2)'])).toBe('A (3)')
    expect(distinctTitle('x'.repeat(200), ['x'.repeat(200)])).toBe(`${'x'.repeat(196)} (2)`)
  })
})
