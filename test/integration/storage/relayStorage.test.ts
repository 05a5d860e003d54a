import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startStandaloneRelay, type StandaloneRelay } from '../../helpers/standaloneRelay'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { type Client, stockClient, testAuthorize, waitFor, waitSynced } from '../relay/helpers'
import { docFrom, tempDir } from './helpers'

let relay: StandaloneRelay | null = null
let store: SessionStore | null = null
let cleanup: (() => Promise<void>) | null = null
const clients: Client[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await relay?.close()
  await store?.close()
  await cleanup?.()
  relay = store = cleanup = null
})

async function setup(): Promise<{ dir: string; id: string; relay: StandaloneRelay; store: SessionStore }> {
  const t = await tempDir()
  cleanup = t.cleanup
  store = await SessionStore.open(t.dir, { batchMs: 20 })
  const { id } = await store.create({ title: 'Relay + storage' })
  relay = await startStandaloneRelay({
    host: '127.0.0.1',
    port: 0,
    persistence: store,
    authorize: testAuthorize,
  })
  return { dir: t.dir, id, relay, store }
}

function client(url: string, room: string): Client {
  const c = stockClient(url, { room })
  clients.push(c)
  return c
}

describe('the relay on a SessionStore', () => {
  it('with setLiveDocs: compacts from the live doc, and reverts a live room without a callback', async () => {
    const { dir, id, relay: r, store: s } = await setup()
    s.setLiveDocs((sid) => r.relay.getLoadedDoc(sid) as Y.Doc | undefined)
    const a = client(r.url, id)
    await waitSynced(a)
    a.doc.getMap('meta').set('stage', 'one')
    const live = r.relay.getLoadedDoc(id) as Y.Doc
    await waitFor(() => live.getMap('meta').get('stage') === 'one', 'relay has stage')
    const cp = await s.createCheckpoint(id, 'One')
    for (let i = 0; i < 50; i++) a.doc.getArray<number>('xs').push([i])
    await waitFor(() => live.getArray('xs').length === 50, 'relay has xs')
    await s.compact(id)
    expect((await s.diskUsage(id)).logBytes).toBe(8) // an empty log: everything is in the snapshot
    const { readFile } = await import('node:fs/promises')
    const { decodeSnapshot } = await import('../../../src/core/node/storage/binaryFormats')
    const snap = decodeSnapshot(await readFile(`${dir}/sessions/${id}/snapshot.bin`))
    expect(docFrom([snap]).getArray('xs').length).toBe(50)

    a.doc.getMap('meta').set('stage', 'two')
    await waitFor(() => live.getMap('meta').get('stage') === 'two', 'relay has stage two')
    await s.revertToCheckpoint(id, cp.id)
    await waitFor(
      () => a.doc.getMap('meta').get('stage') === 'one' && a.doc.getArray('xs').length === 0,
      'a reverted',
    )
    await r.close()
    relay = null
    await s.close()
    store = await SessionStore.open(dir)
    const back = docFrom(await store.load(id))
    expect(back.getMap('meta').get('stage')).toBe('one')
    expect(back.getArray('xs').length).toBe(0)
  })

  it('refuses unknown sessions, saves what clients write, and reloads it after a restart', async () => {
    const { dir, id, relay: r, store: s } = await setup()
    const states: string[] = []
    s.onSaveState((sid, st) => sid === id && states.push(st.state))
    const a = client(r.url, id)
    const b = client(r.url, id)
    await Promise.all([waitSynced(a), waitSynced(b)])
    a.doc.getMap('meta').set('title', 'Relay + storage')
    b.doc.getArray<string>('cards').push(['pain: long waits', 'gain: kind staff'])
    await waitFor(() => states.at(-1) === 'saved' && states.length >= 2, 'saved')
    const live = r.relay.getLoadedDoc(id) as Y.Doc
    await waitFor(() => live.getArray('cards').length === 2, 'relay has both edits')
    await s.flush(id)

    // an abrupt stop: no room close, no store close (the lock is left behind like after a crash)
    for (const c of clients.splice(0)) c.destroy()
    const reopened = await SessionStore.open(dir).catch((e: unknown) => e)
    expect(String(reopened)).toMatch(/in use by Copro Studio/) // same live pid: still ours
    await r.close()
    await s.close()
    relay = null
    store = await SessionStore.open(dir)
    const back = docFrom(await store.load(id))
    expect(back.getArray('cards').toArray()).toEqual(['pain: long waits', 'gain: kind staff'])
    expect(back.getMap('meta').get('title')).toBe('Relay + storage')
  })

  it('reverts a live room: every connected client follows', async () => {
    const { id, relay: r, store: s } = await setup()
    const a = client(r.url, id)
    const b = client(r.url, id)
    await Promise.all([waitSynced(a), waitSynced(b)])
    a.doc.getMap('meta').set('stage', 'ideas')
    const live = r.relay.getLoadedDoc(id) as Y.Doc
    await waitFor(() => live.getMap('meta').get('stage') === 'ideas', 'relay has stage')
    const cp = await s.createCheckpoint(id, 'Ideas')
    b.doc.getMap('meta').set('stage', 'voting')
    b.doc.getMap('voting').set('round1', { open: true })
    await waitFor(() => a.doc.getMap('voting').has('round1'), 'a sees voting')
    await waitFor(() => live.getMap('voting').has('round1'), 'relay sees voting')
    await s.revertToCheckpoint(id, cp.id, { applyToLiveDoc: (u) => Y.applyUpdate(live, u, 'revert') })
    for (const c of [a, b])
      await waitFor(
        () => c.doc.getMap('meta').get('stage') === 'ideas' && !c.doc.getMap('voting').has('round1'),
        'client reverted',
      )
    await s.flush(id)
    expect(
      docFrom(await s.load(id))
        .getMap('meta')
        .get('stage'),
    ).toBe('ideas')
  })
})
