import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startClusterRelay, type ClusterRelay } from '../../../src/core/node/cluster'
import { CLOSE_CODES } from '../../../src/core/node/relay'
import { closeOf, stockClient, waitFor, type Guest } from '../sharing/helpers'
import { PrivatePostgres, PrivateRedis, missingServers, storedUpdates } from './servers'

/** What only a cluster has: deleting a hosted copy everywhere, migrations, tokens in the database. */
const missing = missingServers()
if (missing) console.warn(`cluster admin: skipped — ${missing}`)

const adminToken = 'cluster-admin-token-0123456789abcdef'
let redis: PrivateRedis
let postgres: PrivatePostgres
let databaseUrl: string
const nodes: ClusterRelay[] = []
const guests: Guest[] = []

async function admin(node: number, path: string, method = 'GET', body?: unknown, token = adminToken) {
  const res = await fetch(`${nodes[node]!.origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as any }
}

if (missing) {
  describe.skip('cluster admin API', () => it('needs redis-server and PostgreSQL'))
} else {
  beforeAll(async () => {
    ;[redis, postgres] = await Promise.all([PrivateRedis.start(), PrivatePostgres.start()])
    databaseUrl = await postgres.createDatabase('admin')
    // Two nodes starting at once both run the migrations: they take turns.
    nodes.push(
      ...(await Promise.all(
        ['adm-a', 'adm-b'].map((nodeId) =>
          startClusterRelay({
            port: 0,
            redisUrl: redis.url,
            databaseUrl,
            adminToken,
            nodeId,
            recheckMs: 200,
          }),
        ),
      )),
    )
  }, 60_000)

  afterAll(async () => {
    for (const g of guests) g.destroy()
    for (const n of nodes) await n.close()
    await redis?.dispose()
    await postgres?.dispose()
  }, 60_000)

  describe('cluster admin API', () => {
    it('publishes with a title, lists on any node, answers guests on any node', async () => {
      expect((await admin(0, '/admin/sessions', 'GET', undefined, 'x'.repeat(30))).status).toBe(401)
      expect(
        (await admin(0, '/admin/sessions', 'POST', { sessionId: 'titled01', title: 'Repairs workshop' }))
          .body,
      ).toEqual({ sessionId: 'titled01', title: 'Repairs workshop' })
      expect(
        (await admin(1, '/admin/tokens', 'POST', { sessionId: 'nosuch01', role: 'observer' })).status,
      ).toBe(404)
      const minted = (await admin(1, '/admin/tokens', 'POST', { sessionId: 'titled01', role: 'observer' }))
        .body
      const listed = (await admin(0, '/admin/sessions')).body as { sessionId: string; tokens: number }[]
      expect(listed.find((s) => s.sessionId === 'titled01')).toMatchObject({ tokens: 1 })
      const res = await fetch(`${nodes[0]!.origin}/api/guest/session?token=${minted.token}`)
      expect(await res.json()).toEqual({ sessionId: 'titled01', title: 'Repairs workshop', role: 'observer' })
      expect((await fetch(`${nodes[1]!.origin}/api/guest/session?token=nope`)).status).toBe(401)
      expect((await admin(0, '/admin/sessions', 'POST', { sessionId: '../etc' })).status).toBe(400)
    })

    it('lists a session’s connections on every node, whichever node is asked', async () => {
      await admin(0, '/admin/sessions', 'POST', { sessionId: 'counted01' })
      const { token } = (
        await admin(0, '/admin/tokens', 'POST', { sessionId: 'counted01', role: 'participant' })
      ).body
      const connections = async (node: number) =>
        ((await admin(node, '/admin/sessions')).body as { sessionId: string; connections: number }[]).find(
          (s) => s.sessionId === 'counted01',
        )?.connections
      for (const n of [1, 1, 0]) guests.push(stockClient(nodes[n]!.url, 'counted01', token))
      await waitFor(() => guests.slice(-3).every((g) => g.provider.wsconnected), 'three guests connected')
      // two guests on node b, one on node a: both nodes count three
      for (const node of [0, 1]) {
        let seen: number | undefined
        for (let i = 0; i < 100 && (seen = await connections(node)) !== 3; i++)
          await new Promise((r) => setTimeout(r, 100))
        expect(seen).toBe(3)
      }
      guests.at(-1)!.destroy()
      let after: number | undefined
      for (let i = 0; i < 100 && (after = await connections(1)) !== 2; i++)
        await new Promise((r) => setTimeout(r, 100))
      expect(after).toBe(2)
    })

    it('an expired token is refused and its connections are closed', async () => {
      await admin(0, '/admin/sessions', 'POST', { sessionId: 'expiry01' })
      const { token } = (
        await admin(0, '/admin/tokens', 'POST', {
          sessionId: 'expiry01',
          role: 'participant',
          expiresInSeconds: 1,
        })
      ).body
      const g = stockClient(nodes[1]!.url, 'expiry01', token)
      guests.push(g)
      await waitFor(() => g.closed !== null, 'the connection closed when the token expired')
      expect(g.closed).toEqual({ code: CLOSE_CODES.TOKEN_REVOKED })
      expect(await closeOf(`${nodes[0]!.url}/expiry01?token=${token}`)).toEqual({
        code: CLOSE_CODES.TOKEN_REFUSED,
      })
    })

    it('DELETE /admin/sessions/<id> deletes the hosted copy and closes it on every node (4420)', async () => {
      const f = stockClient(nodes[0]!.url, 'delete01', adminToken)
      guests.push(f)
      await waitFor(() => f.provider.synced, 'published')
      f.doc.getMap('cards').set('a', 1)
      const { token } = (
        await admin(0, '/admin/tokens', 'POST', { sessionId: 'delete01', role: 'participant' })
      ).body
      const g = stockClient(nodes[1]!.url, 'delete01', token)
      guests.push(g)
      await waitFor(() => g.doc.getMap('cards').get('a') === 1, 'the guest synced')
      while ((await storedUpdates(databaseUrl, 'delete01')).length === 0)
        await new Promise((r) => setTimeout(r, 50))
      expect((await admin(1, '/admin/sessions/delete01', 'DELETE')).body).toEqual({ deleted: 1, revoked: 1 })
      await waitFor(() => g.closed !== null, 'the guest was closed')
      expect([CLOSE_CODES.TOKEN_REVOKED, CLOSE_CODES.SESSION_CLOSED]).toContain(g.closed!.code)
      await waitFor(() => f.closed !== null, 'the facilitator was closed')
      expect(f.closed).toEqual({ code: CLOSE_CODES.SESSION_CLOSED })
      expect((await admin(0, '/admin/sessions/delete01', 'DELETE')).status).toBe(404)
      expect((await storedUpdates(databaseUrl, 'delete01')).length).toBe(0)
      expect((await admin(0, '/admin/sessions')).body.map((s: any) => s.sessionId)).not.toContain('delete01')
    })
  })
}
