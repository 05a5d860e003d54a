import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MemoryPersistence, type RoomPersistence } from '../../../src/core/node/relay'
import { waitFor } from '../../helpers/wait'
import { clientsPerTest, SESSION, startTestRelay, type TestRelay, waitSynced } from './helpers'

/** MemoryPersistence that records what the relay asks of it. */
class RecordingPersistence extends MemoryPersistence implements RoomPersistence {
  readonly calls: string[] = []
  appended = 0
  override async load(sessionId: string): Promise<Uint8Array[]> {
    this.calls.push(`load:${sessionId}`)
    return super.load(sessionId)
  }
  override append(sessionId: string, update: Uint8Array): void {
    this.appended++
    super.append(sessionId, update)
  }
  override async close(sessionId?: string): Promise<void> {
    this.calls.push(`close:${sessionId}`)
    // A slow close: a reload must wait for it.
    await new Promise((r) => setTimeout(r, 30))
    this.calls.push(`closed:${sessionId}`)
  }
}

let relay: TestRelay | null = null
const client = clientsPerTest(async () => {
  await relay?.close()
  relay = null
})

describe('relay: room lifecycle and persistence', () => {
  it('appends every update, unloads when the last client leaves, and reloads the same document', async () => {
    const persistence = new RecordingPersistence()
    relay = await startTestRelay({ persistence })
    const a = client(relay.url)
    const b = client(relay.url)
    await Promise.all([waitSynced(a), waitSynced(b)])
    expect(persistence.calls.filter((c) => c.startsWith('load'))).toEqual([`load:${SESSION}`])
    a.doc.getMap('cards').set('c1', { text: 'one' })
    b.doc.getArray('list').push(['x', 'y'])
    await waitFor(() => persistence.appended >= 2, 'two appends')
    const live = relay.relay.getLoadedDoc(SESSION) as Y.Doc
    await waitFor(() => live.getArray('list').length === 2 && live.getMap('cards').has('c1'), 'relay state')
    const expected = { cards: live.getMap('cards').toJSON(), list: live.getArray('list').toJSON() }

    a.destroy()
    expect(relay.relay.sessionInfo(SESSION).loaded).toBe(true)
    b.destroy()
    await waitFor(() => !relay?.relay.sessionInfo(SESSION).loaded, 'room unloaded')
    expect(relay.relay.getLoadedDoc(SESSION)).toBeUndefined()
    expect(persistence.calls).toContain(`close:${SESSION}`)

    // What was stored rebuilds the same document.
    const rebuilt = new Y.Doc()
    for (const u of await MemoryPersistence.prototype.load.call(persistence, SESSION))
      Y.applyUpdate(rebuilt, u)
    expect({ cards: rebuilt.getMap('cards').toJSON(), list: rebuilt.getArray('list').toJSON() }).toEqual(
      expected,
    )

    // A new client gets the same document from the reloaded room, after the close finished.
    const c = client(relay.url)
    await waitSynced(c)
    await waitFor(() => c.doc.getArray('list').length === 2, 'reloaded content')
    expect({ cards: c.doc.getMap('cards').toJSON(), list: c.doc.getArray('list').toJSON() }).toEqual(expected)
    const loads = persistence.calls.map((x, i) => [x, i] as const).filter(([x]) => x.startsWith('load'))
    expect(loads).toHaveLength(2)
    const closedAt = persistence.calls.indexOf(`closed:${SESSION}`)
    expect(closedAt).toBeGreaterThanOrEqual(0)
    expect(loads[1]?.[1]).toBeGreaterThan(closedAt)
  })

  it('relay.close() unloads every room through persistence.close', async () => {
    const persistence = new RecordingPersistence()
    persistence.create('session-two')
    relay = await startTestRelay({ persistence })
    const a = client(relay.url)
    const b = client(relay.url, { room: 'session-two' })
    await Promise.all([waitSynced(a), waitSynced(b)])
    await relay.close()
    expect(persistence.calls).toEqual(expect.arrayContaining([`closed:${SESSION}`, 'closed:session-two']))
    expect(relay.relay.stats().loadedRooms).toBe(0)
    relay = null
  })

  it('a client that leaves while its room is loading does not leave the room loaded', async () => {
    const persistence = new RecordingPersistence()
    let release: () => void = () => {}
    const gate = new Promise<void>((r) => (release = r))
    persistence.load = async (id: string) => {
      persistence.calls.push(`load:${id}`)
      await gate
      return []
    }
    relay = await startTestRelay({ persistence })
    const a = client(relay.url)
    await waitFor(() => persistence.calls.includes(`load:${SESSION}`), 'load started')
    a.destroy()
    await new Promise((r) => setTimeout(r, 20))
    release()
    await waitFor(() => persistence.calls.includes(`closed:${SESSION}`), 'room closed again')
    expect(relay.relay.sessionInfo(SESSION).loaded).toBe(false)
  })
})

describe('relay: the live doc', () => {
  it('a change the host makes to getLoadedDoc() is persisted and reaches every client', async () => {
    const persistence = new RecordingPersistence()
    relay = await startTestRelay({ persistence })
    const a = client(relay.url)
    await waitSynced(a)
    const before = persistence.appended
    relay.relay.getLoadedDoc(SESSION)?.getMap('timer').set('running', true)
    await waitFor(() => a.doc.getMap('timer').get('running') === true, 'client sees the host’s change')
    expect(persistence.appended).toBe(before + 1)
  })
})
