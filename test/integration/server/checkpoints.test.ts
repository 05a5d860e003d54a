import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CoproServer, StoreBackend } from '../../../src/core/node/server'
import { callApi, serverPerFile, type ApiReply } from '../../helpers/server'
import { stockProvider, whenSynced } from '../../helpers/yclient'

let server: CoproServer

async function call<T = any>(method: string, args: unknown): Promise<ApiReply<T>['body']> {
  return (await callApi<T>(server.baseUrl, method, args, server.token)).body
}

function join_(sessionId: string) {
  const doc = new Y.Doc()
  const provider = stockProvider(server.syncUrl, sessionId, doc, { token: server.token })
  const synced = whenSynced(provider)
  return { doc, provider, synced }
}

const until = async (cond: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25))
  if (!cond()) throw new Error(`timed out waiting for ${what}`)
}

serverPerFile(async (tempDir) => {
  const dataDir = tempDir('copro-cp-')
  server = await CoproServer.start({ port: 0, backend: await StoreBackend.open(dataDir, { batchMs: 20 }) })
  return server
})

describe('checkpoints and portable files through the app API (real relay, real files)', () => {
  it('takes a checkpoint, reverts a live board (every client follows), and the revert can be undone', async () => {
    const s = (await call('sessions.create', { title: 'Checkpoint workshop' })).value
    const a = join_(s.id)
    await a.synced
    a.doc.getMap('workshop').set('note', 'first')
    await new Promise((r) => setTimeout(r, 150))
    const cp = await call('checkpoints.create', { id: s.id, name: 'After first note' })
    expect(cp.ok).toBe(true)
    a.doc.getMap('workshop').set('note', 'second')
    await new Promise((r) => setTimeout(r, 150))

    const b = join_(s.id)
    await b.synced
    expect(b.doc.getMap('workshop').get('note')).toBe('second')

    const reverted = await call('checkpoints.revert', { id: s.id, checkpointId: cp.value.id })
    expect(reverted.ok).toBe(true)
    await until(() => a.doc.getMap('workshop').get('note') === 'first', 'A to follow the revert')
    await until(() => b.doc.getMap('workshop').get('note') === 'first', 'B to follow the revert')

    const list = (await call('checkpoints.list', { id: s.id })).value as { name: string; reason: string }[]
    expect(list.map((c) => c.reason).sort()).toEqual(['before-revert', 'manual'])

    const restored = await call('checkpoints.restoreAsNew', {
      id: s.id,
      checkpointId: reverted.value.beforeRevert.id,
    })
    expect(restored.ok).toBe(true)
    const c = join_(restored.value.id)
    await c.synced
    expect(c.doc.getMap('workshop').get('note')).toBe('second')
    for (const x of [a, b, c]) x.provider.destroy()
  })

  it('exports a session as one .copro file and imports it as a new session; refuses garbage', async () => {
    const s = (await call('sessions.create', { title: 'Portable' })).value
    const a = join_(s.id)
    await a.synced
    a.doc.getMap('workshop').set('note', 'travels')
    await new Promise((r) => setTimeout(r, 150))
    a.provider.destroy()

    const file = await call<{ fileName: string; base64: string }>('sessions.exportFile', { id: s.id })
    expect(file.value.fileName).toBe('Portable.copro')
    const imported = await call('sessions.importFile', file.value)
    expect(imported.ok).toBe(true)
    expect(imported.value.id).not.toBe(s.id)
    const b = join_(imported.value.id)
    await b.synced
    expect(b.doc.getMap('workshop').get('note')).toBe('travels')
    b.provider.destroy()

    const before = (await call<unknown[]>('sessions.list', {})).value.length
    const bad = await call('sessions.importFile', {
      fileName: 'x.copro',
      base64: Buffer.from('not a copro file').toString('base64'),
    })
    expect(bad.ok).toBe(false)
    expect(bad.error.code).toBe('invalid_arguments')
    expect((await call<unknown[]>('sessions.list', {})).value.length).toBe(before)
  })
})
