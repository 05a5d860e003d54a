import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CoproServer, StoreBackend } from '../../../src/core/node/server'
import { sessionFiles } from '../../../src/core/node/storage/layout'
import { cardRecord } from '../board/cards'
import { callApi, serverPerFile, type ApiReply } from '../../helpers/server'
import { waitFor } from '../../helpers/wait'
import { stockProvider, whenSynced } from '../../helpers/yclient'

// sessions.list answers from the session index: card and participant counts are recorded there when a
// live board changes, when its room unloads, and when a session is duplicated or imported. Listing never
// opens a board, so a session whose files cannot be read still lists with its stored counts.

let server: CoproServer
let dataDir: string

serverPerFile(async (tempDir) => {
  dataDir = tempDir('copro-counts-')
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

async function listed(id: string): Promise<{ cardCount: number; participantCount: number }> {
  const list = await call<{ id: string; cardCount: number; participantCount: number }[]>('sessions.list', {})
  const s = list.value.find((x) => x.id === id)
  if (!s) throw new Error(`session ${id} is not listed`)
  return { cardCount: s.cardCount, participantCount: s.participantCount }
}

async function openBoard(sessionId: string) {
  const doc = new Y.Doc()
  const provider = stockProvider(server.syncUrl, sessionId, doc, { token: server.token })
  await whenSynced(provider)
  const records = doc.getArray<{ key: string; val: unknown }>('tl_records')
  return {
    addCards(...ids: string[]) {
      records.push(ids.map((id) => ({ key: `shape:${id}`, val: cardRecord(id) })))
    },
    removeCard(id: string) {
      const i = records.toArray().findIndex((r) => r.key === `shape:${id}`)
      records.delete(i, 1)
    },
    addParticipants(...ids: string[]) {
      for (const id of ids) doc.getMap('participants').set(id, { id })
    },
    /** Closes the board and waits until the server has unloaded its room. */
    async close() {
      provider.destroy()
      doc.destroy()
      await waitFor(() => server.relay.getLoadedDoc?.(sessionId) === undefined, 'the room to unload', 60_000)
    },
  }
}

/** Waits until the server's copy of the live board holds `cards` cards and `participants` participants. */
async function serverHas(sessionId: string, cards: number, participants: number): Promise<void> {
  await waitFor(
    () => {
      const doc = server.relay.getLoadedDoc?.(sessionId)
      if (!doc) return false
      const cardRecords = doc
        .getArray<{ key: string }>('tl_records')
        .toArray()
        .filter((r) => r.key.startsWith('shape:'))
      return cardRecords.length === cards && doc.getMap('participants').size === participants
    },
    `${cards} cards and ${participants} participants on the server`,
    60_000,
  )
}

/** Makes a session's board unreadable: any attempt to open it now fails. */
function breakBoard(sessionId: string): void {
  const files = sessionFiles(join(dataDir, 'sessions', sessionId))
  writeFileSync(files.snapshot, 'not a snapshot')
  writeFileSync(files.log, 'not a log')
}

describe('card and participant counts in the session index', () => {
  it('follow a live board’s edits and stay after it closes, without reading the board to list it', async () => {
    const s = (await call('sessions.create', { title: 'Counted' })).value
    expect(await listed(s.id)).toEqual({ cardCount: 0, participantCount: 0 })

    const board = await openBoard(s.id)
    board.addCards('c1', 'c2', 'c3')
    board.addParticipants('p1', 'p2')
    await serverHas(s.id, 3, 2)
    expect(await listed(s.id)).toEqual({ cardCount: 3, participantCount: 2 })

    board.removeCard('c2')
    await serverHas(s.id, 2, 2)
    expect(await listed(s.id)).toEqual({ cardCount: 2, participantCount: 2 })
    await board.close()
    expect(server.counts.isChanged(s.id)).toBe(false)

    breakBoard(s.id)
    expect(await listed(s.id)).toEqual({ cardCount: 2, participantCount: 2 })
    expect(server.relay.getLoadedDoc?.(s.id)).toBeUndefined()
    // proof that the board really is unreadable: opening it finds nothing intact (since issue 22 it is
    // recovered as an empty board with a warning, instead of failing)
    const files = sessionFiles(join(dataDir, 'sessions', s.id))
    const { readStoredState } = await import('../../../src/core/node/storage/sessionState')
    expect((await readStoredState(join(files.log, '..'))).recovery).not.toBeNull()
    expect(await listed(s.id)).toEqual({ cardCount: 2, participantCount: 2 })
  })

  it('are right for a duplicate and an imported copy, which list without being opened', async () => {
    const s = (await call('sessions.create', { title: 'Source' })).value
    const board = await openBoard(s.id)
    board.addCards('a', 'b', 'c', 'd')
    board.addParticipants('p1')
    await serverHas(s.id, 4, 1)

    // duplicated while the board is live, right after an edit
    const dup = (await call('sessions.duplicate', { id: s.id })).value
    expect(dup).toMatchObject({ cardCount: 4, participantCount: 1 })
    await board.close()

    const file = (await call('sessions.exportFile', { id: s.id })).value
    const imported = (await call('sessions.importFile', file)).value
    expect(imported).toMatchObject({ cardCount: 4, participantCount: 1 })

    breakBoard(dup.id)
    breakBoard(imported.id)
    expect(await listed(dup.id)).toEqual({ cardCount: 4, participantCount: 1 })
    expect(await listed(imported.id)).toEqual({ cardCount: 4, participantCount: 1 })

    // and the source lists as it was, without being opened either
    breakBoard(s.id)
    expect(await listed(s.id)).toEqual({ cardCount: 4, participantCount: 1 })
  })

  it('follow a board edited in a copy after duplicating', async () => {
    const s = (await call('sessions.create', { title: 'Original' })).value
    const board = await openBoard(s.id)
    board.addCards('x1', 'x2')
    await serverHas(s.id, 2, 0)
    await board.close()
    const dup = (await call('sessions.duplicate', { id: s.id })).value
    const copy = await openBoard(dup.id)
    copy.addCards('x3')
    copy.addParticipants('p9')
    await serverHas(dup.id, 3, 1)
    await copy.close()
    expect(await listed(dup.id)).toEqual({ cardCount: 3, participantCount: 1 })
    expect(await listed(s.id)).toEqual({ cardCount: 2, participantCount: 0 })
  })

  it('are right for a checkpoint opened as a new session and for a board reverted while closed', async () => {
    const s = (await call('sessions.create', { title: 'With checkpoints' })).value
    const board = await openBoard(s.id)
    board.addCards('k1', 'k2')
    board.addParticipants('p1')
    await serverHas(s.id, 2, 1)
    const cp = (await call('checkpoints.create', { id: s.id, name: 'Two cards' })).value
    board.addCards('k3')
    board.addParticipants('p2')
    await serverHas(s.id, 3, 2)
    await board.close()
    expect(await listed(s.id)).toEqual({ cardCount: 3, participantCount: 2 })

    const asNew = (await call('checkpoints.restoreAsNew', { id: s.id, checkpointId: cp.id })).value
    expect(await listed(asNew.id)).toEqual({ cardCount: 2, participantCount: 1 })

    expect((await call('checkpoints.revert', { id: s.id, checkpointId: cp.id })).ok).toBe(true)
    expect(await listed(s.id)).toEqual({ cardCount: 2, participantCount: 1 })
  })
})
