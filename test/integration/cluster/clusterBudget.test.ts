import IORedis from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ClusterBudget } from '../../../src/core/node/cluster/clusterBudget'
import type { RelayConnection } from '../../../src/core/node/relay/connection'
import { CLOSE_CODES } from '../../../src/core/node/relay'
import { resolveLimits } from '../../../src/core/node/relay/limits'
import { PrivateRedis, missingServers } from './servers'

/**
 * Cluster-wide connection budgets (clusterBudget.ts) against a real Redis: shared by the nodes, safe
 * when they admit at once, forgetting a node that died, and never refusing everyone when Redis is down.
 * Each "node" is a ClusterBudget with its own Redis connection; a connection is what the budget reads
 * of it (its session id).
 */
const missing = missingServers()
const limits = resolveLimits({ maxConnectionsPerSession: 3, participantReserve: 0, facilitatorReserve: 0 })
const guest = { sessionRole: 'participant', tokenId: 'link-1' } as const
const LONG = 30_000

let redis: PrivateRedis
const budgets: ClusterBudget[] = []
const clients: IORedis[] = []
let counter = 0

function node(warnings: string[] = [], ttlMs = 900): { budget: ClusterBudget; client: IORedis } {
  const client = new IORedis(redis.url, { maxRetriesPerRequest: 1, enableOfflineQueue: true })
  client.on('error', () => {})
  clients.push(client)
  const budget = new ClusterBudget({
    redis: client,
    nodeId: `test-${counter++}`,
    prefix: 'budgettest',
    ttlMs,
    timeoutMs: 1000,
    warn: (m) => warnings.push(m),
    log: () => {},
  })
  budgets.push(budget)
  return { budget, client }
}

const conn = (sessionId: string) => ({ sessionId }) as RelayConnection

/** Asks until `expected` comes back (removals and expiries land asynchronously). */
async function eventually(ask: () => Promise<number | null>, expected: number | null, what: string) {
  const start = Date.now()
  while ((await ask()) !== expected) {
    if (Date.now() - start > LONG) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

if (missing) {
  describe.skip('cluster connection budgets', () => it('needs redis-server'))
} else {
  beforeAll(async () => {
    redis = await PrivateRedis.start()
  }, LONG)
  afterEach(async () => {
    for (const b of budgets.splice(0)) await b.close()
    for (const c of clients.splice(0)) c.disconnect()
  })
  afterAll(async () => {
    await redis?.dispose()
  })

  describe('cluster connection budgets', () => {
    it('counts a session’s connections on every node: one past the budget is refused on either', async () => {
      const [a, b] = [node().budget, node().budget]
      const held = [conn('s1'), conn('s1'), conn('s1')]
      expect(await a.admit(held[0]!, guest, limits)).toBeNull()
      expect(await b.admit(held[1]!, guest, limits)).toBeNull()
      expect(await a.admit(held[2]!, guest, limits)).toBeNull()
      expect(await a.admit(conn('s1'), guest, limits)).toBe(CLOSE_CODES.SESSION_FULL)
      expect(await b.admit(conn('s1'), guest, limits)).toBe(CLOSE_CODES.SESSION_FULL)
      // another session has its own budget
      expect(await b.admit(conn('s2'), guest, limits)).toBeNull()
      // one leaves on node a: node b admits the next
      a.release(held[0]!)
      const next = conn('s1')
      await eventually(() => b.admit(next, guest, limits), null, 'a place freed on the other node')
    })

    it('admits no more than the budget when nodes admit at the same moment', async () => {
      const nodes = [node().budget, node().budget, node().budget]
      const verdicts = await Promise.all(
        Array.from({ length: 12 }, (_, i) => nodes[i % 3]!.admit(conn('race'), guest, limits)),
      )
      expect(verdicts.filter((v) => v === null)).toHaveLength(limits.maxConnectionsPerSession)
      expect(verdicts.filter((v) => v === CLOSE_CODES.SESSION_FULL)).toHaveLength(
        12 - limits.maxConnectionsPerSession,
      )
    })

    it('keeps the rule’s per-link count across nodes (4054)', async () => {
      const perLink = resolveLimits({ maxConnectionsPerToken: 1 })
      const [a, b] = [node().budget, node().budget]
      expect(await a.admit(conn('s3'), guest, perLink)).toBeNull()
      expect(await b.admit(conn('s3'), guest, perLink)).toBe(CLOSE_CODES.TOKEN_FULL)
      expect(await b.admit(conn('s3'), { ...guest, tokenId: 'link-2' }, perLink)).toBeNull()
    })

    it('forgets the connections of a node that stopped answering (no heartbeat) within its ttl', async () => {
      const dying = node()
      const b = node().budget
      for (let i = 0; i < 3; i++) expect(await dying.budget.admit(conn('s4'), guest, limits)).toBeNull()
      expect(await b.admit(conn('s4'), guest, limits)).toBe(CLOSE_CODES.SESSION_FULL)
      // The node is cut off: it can neither beat nor remove its records (as if SIGKILLed).
      dying.client.disconnect()
      await eventually(() => b.admit(conn('s4'), guest, limits), null, 'the dead node’s places freed')
    })

    it('counts this node’s own connections while Redis is down, and the cluster’s again once it is back', async () => {
      const warnings: string[] = []
      const a = node(warnings).budget
      const b = node().budget
      const held = [conn('s5'), conn('s5'), conn('s5')]
      for (const c of held) expect(await a.admit(c, guest, limits)).toBeNull()
      await redis.stop()
      // not refused by a budget it cannot read: the adapter then applies the rule to its own connections
      expect(await b.admit(conn('s5'), guest, limits)).toBeNull()
      expect(await a.admit(conn('s5'), guest, limits)).toBeNull()
      expect(warnings.some((w) => w.includes('counts its own connections only'))).toBe(true)
      // Redis comes back empty: node a writes its connections there again, so they count for b.
      await redis.restart()
      await eventually(() => b.admit(conn('s5'), guest, limits), CLOSE_CODES.SESSION_FULL, 'a’s places back')
    })
  })
}
