import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { startHostedRelay, type HostedRelay } from '../../../src/core/node/server/hostedRelay'
import { CONFORMANCE_LIMITS, relayConformance } from './conformance'

const dir = mkdtempSync(join(tmpdir(), 'copro-conformance-'))
let relay: HostedRelay

beforeAll(async () => {
  relay = await startHostedRelay({ dataDir: dir, port: 0, limits: CONFORMANCE_LIMITS })
})

afterAll(async () => {
  await relay?.close()
  rmSync(dir, { recursive: true, force: true })
})

relayConformance('laptop relay (copro relay --data-dir)', () => ({
  syncUrls: [relay.url],
  origins: [relay.origin],
  adminToken: relay.adminToken,
  limits: CONFORMANCE_LIMITS,
}))
