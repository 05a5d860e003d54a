import { afterAll, beforeAll, describe, it } from 'vitest'
import { startClusterRelay, type ClusterRelay } from '../../../src/core/node/cluster'
import { CONFORMANCE_LIMITS, relayConformance } from './conformance'
import { PrivatePostgres, PrivateRedis, missingServers } from './servers'

const missing = missingServers()
if (missing) console.warn(`cluster conformance: skipped — ${missing}`)

let redis: PrivateRedis
let postgres: PrivatePostgres
const nodes: ClusterRelay[] = []
const adminToken = 'conformance-admin-token-0123456789'

if (missing) {
  describe.skip('relay conformance: two-node cluster', () => it('needs redis-server and PostgreSQL'))
} else {
  beforeAll(async () => {
    ;[redis, postgres] = await Promise.all([PrivateRedis.start(), PrivatePostgres.start()])
    const databaseUrl = await postgres.createDatabase('conformance')
    for (const nodeId of ['node-a', 'node-b'])
      nodes.push(
        await startClusterRelay({
          port: 0,
          redisUrl: redis.url,
          databaseUrl,
          adminToken,
          nodeId,
          limits: CONFORMANCE_LIMITS,
        }),
      )
  }, 60_000)

  afterAll(async () => {
    for (const n of nodes) await n.close()
    await redis?.dispose()
    await postgres?.dispose()
  }, 60_000)

  relayConformance('two-node cluster (Hocuspocus + Redis + PostgreSQL)', () => ({
    syncUrls: nodes.map((n) => n.url),
    origins: nodes.map((n) => n.origin),
    adminToken,
    limits: CONFORMANCE_LIMITS,
  }))
}
