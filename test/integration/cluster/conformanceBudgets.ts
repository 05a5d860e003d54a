import { expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { CLOSE_CODES } from '../../../src/core/node/relay'
import { waitFor } from '../sharing/helpers'
import type { ConformanceContext } from './conformanceRules'

/** What a raw connection came to: admitted (the relay sent it something) or closed with a code. */
function outcome(ws: WebSocket): Promise<'admitted' | number> {
  return new Promise((resolve) => {
    // Nothing is sent to a connection before it is admitted; once admitted, its sync step 1 (empty state
    // vector) is answered with a step 2.
    ws.once('open', () => ws.send(new Uint8Array([0, 0, 1, 0])))
    ws.once('message', () => resolve('admitted'))
    ws.once('close', (code) => resolve(code))
  })
}

/** A sync message (0) carrying an update (2). */
function syncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** One update setting `count` new keys of the `cards` map (`count` structs). */
function bulkUpdate(prefix: string, count: number): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (let i = 0; i < count; i++) doc.getMap('cards').set(`${prefix}${i}`, i)
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

/**
 * The budgets every node keeps as the laptop relay does (issue 18): the document quota (ADR 0022,
 * DOCUMENT_FULL) whichever node the writes came through, and a session's connection budget (ADR 0039)
 * shared by all nodes rather than counted on each.
 */
export function budgetConformance({ t, last, client, publish, mint }: ConformanceContext): void {
  const sockets: WebSocket[] = []
  const raw = (node: number, room: string, token: string): WebSocket => {
    const ws = new WebSocket(`${t().syncUrls[node]}/${room}?token=${token}`)
    sockets.push(ws)
    return ws
  }
  const cleanUp = () => {
    for (const s of sockets.splice(0)) s.terminate()
  }

  it('refuses, on every node, an update that would pass the document quota (4414), before it is applied', async () => {
    try {
      const { id, facilitator } = await publish(0)
      const quota = t().limits.maxDocumentStructs
      // Fill the document to near its quota through node 0, in updates under the per-update bound.
      const fill = quota - 1200
      for (let n = 0; n < fill;) {
        const batch = Math.min(1000, fill - n)
        facilitator.doc.transact(() => {
          for (let i = 0; i < batch; i++, n++) facilitator.doc.getMap('cards').set(`fill${n}`, n)
        })
      }
      const far = client(last(), id, t().adminToken)
      await waitFor(() => far.doc.getMap('cards').size === fill, 'the last node has the filled document')
      for (let node = 0; node <= last(); node++) {
        const ws = raw(node, id, t().adminToken)
        expect(await outcome(ws)).toBe('admitted')
        const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
        ws.send(syncUpdate(bulkUpdate(`over${node}-`, 1500)))
        expect(await closed).toBe(CLOSE_CODES.DOCUMENT_FULL)
      }
      // Nobody has the refused writes, on any node; the session still syncs.
      facilitator.doc.getMap('cards').set('after', 1)
      for (let node = 0; node <= last(); node++) {
        const check = client(node, id, t().adminToken)
        await waitFor(() => check.doc.getMap('cards').get('after') === 1, 'a fresh client synced')
        expect([...check.doc.getMap('cards').keys()].some((k) => k.startsWith('over'))).toBe(false)
      }
      expect(facilitator.provider.wsconnected).toBe(true)
    } finally {
      cleanUp()
    }
  })

  it('shares a session’s connection budget across nodes: one past it is refused (4053) on any node', async () => {
    try {
      const { id } = await publish(0) // the facilitator holds one place
      const { token } = await mint(0, id, 'participant')
      const max = t().limits.maxConnectionsPerSession
      const nodes = last() + 1
      const held: WebSocket[] = []
      for (let i = 1; i < max; i++) {
        const ws = raw(i % nodes, id, token)
        expect(await outcome(ws)).toBe('admitted')
        held.push(ws)
      }
      for (let node = 0; node <= last(); node++)
        expect(await outcome(raw(node, id, token))).toBe(CLOSE_CODES.SESSION_FULL)
      // One leaves (on the last node): a newcomer gets in on the first, once its leaving is counted.
      const leaving = held.find((_, i) => (i + 1) % nodes === last())!
      leaving.close()
      await new Promise((resolve) => leaving.once('close', resolve))
      const start = Date.now()
      let result = await outcome(raw(0, id, token))
      while (result === CLOSE_CODES.SESSION_FULL && Date.now() - start < 30_000) {
        await new Promise((r) => setTimeout(r, 100))
        result = await outcome(raw(0, id, token))
      }
      expect(result).toBe('admitted')
      // and the session is full again
      expect(await outcome(raw(last(), id, token))).toBe(CLOSE_CODES.SESSION_FULL)
    } finally {
      cleanUp()
    }
  })
}
