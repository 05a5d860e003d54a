import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ClusterStore } from '../../../src/core/node/cluster'
import { PrivatePostgres, missingServers } from './servers'

/** The PostgreSQL update log on its own: batching, compaction, migrations. */
const missing = missingServers()
if (missing) console.warn(`cluster store: skipped — ${missing}`)

let postgres: PrivatePostgres
let dbs = 0
const stores: ClusterStore[] = []
const open = async (url: string, compactAfterRows = 500) => {
  const s = await ClusterStore.open({ connectionString: url, compactAfterRows })
  stores.push(s)
  return s
}

function edits(n: number): Uint8Array[] {
  const doc = new Y.Doc()
  const out: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => out.push(u))
  for (let i = 0; i < n; i++) doc.getMap('cards').set(`c${i}`, i)
  return out
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  args: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query<T>(sql, args)).rows
  } finally {
    await c.end()
  }
}

if (missing) {
  describe.skip('cluster store', () => it('needs PostgreSQL'))
} else {
  beforeAll(async () => {
    postgres = await PrivatePostgres.start()
  }, 60_000)
  afterAll(async () => {
    for (const s of stores) await s.close()
    await postgres?.dispose()
  }, 60_000)

  describe('cluster store (PostgreSQL)', () => {
    it('writes updates appended together in one commit, and loads them back in order', async () => {
      const url = await postgres.createDatabase(`store${dbs++}`)
      const store = await open(url)
      await store.publish('batch001')
      for (const u of edits(100)) store.append('batch001', u)
      expect(store.unsaved).toBe(100)
      await store.flush()
      expect(store.unsaved).toBe(0)
      // now() is the transaction's start: one distinct value means one transaction.
      const rows = await query<{ n: string; t: string }>(
        url,
        'SELECT count(*) AS n, count(DISTINCT written_at) AS t FROM copro_updates',
      )
      expect(rows[0]).toEqual({ n: '100', t: '1' })
      const doc = new Y.Doc()
      for (const u of await store.load('batch001')) Y.applyUpdate(doc, u)
      expect(doc.getMap('cards').size).toBe(100)
    })

    it('compacts a session into one snapshot once its log passes the threshold', async () => {
      const url = await postgres.createDatabase(`store${dbs++}`)
      const store = await open(url, 10)
      await store.publish('compact1')
      const all = edits(25)
      for (const u of all.slice(0, 5)) store.append('compact1', u)
      await store.flush()
      expect(await store.storageOf('compact1')).toEqual({ logRows: 5, snapshotBytes: 0 })
      for (const u of all.slice(5)) store.append('compact1', u)
      await store.flush()
      for (;;) {
        const s = await store.storageOf('compact1')
        if (s.snapshotBytes > 0 && s.logRows < 25) break
        await new Promise((r) => setTimeout(r, 20))
      }
      const doc = new Y.Doc()
      for (const u of await store.load('compact1')) Y.applyUpdate(doc, u)
      expect(doc.getMap('cards').size).toBe(25)
    })

    it('skips updates of a session deleted meanwhile; deleting cascades to tokens and log', async () => {
      const url = await postgres.createDatabase(`store${dbs++}`)
      const store = await open(url)
      await store.publish('gone0001')
      await store.tokens.insertToken({
        tokenId: 'tk_a',
        sessionId: 'gone0001',
        role: 'observer',
        expiresAt: null,
        digest: 'a'.repeat(64),
      })
      expect(await store.deleteSession('gone0001')).toEqual({ deleted: true, tokenIds: ['tk_a'] })
      for (const u of edits(3)) store.append('gone0001', u)
      await store.flush()
      expect(await query(url, 'SELECT * FROM copro_updates')).toEqual([])
      expect(await store.tokens.tokenByDigest('a'.repeat(64), Date.now())).toBeNull()
    })

    it('creates its tables once and refuses a database from a newer version', async () => {
      const url = await postgres.createDatabase(`store${dbs++}`)
      await open(url)
      await open(url)
      expect(await query(url, 'SELECT version FROM copro_schema ORDER BY version')).toEqual([
        { version: 1 },
        { version: 2 },
        { version: 3 },
      ])
      await query(url, 'INSERT INTO copro_schema (version) VALUES (99)')
      await expect(ClusterStore.open({ connectionString: url })).rejects.toThrow(/schema version 99/)
    })
  })
}
