/**
 * A hosted relay (laptop mode) in its own process for bench/cluster.ts, with room for 300+ participants
 * in one session (the default limit is 200). Env: PORT, DATA_DIR, COPRO_RELAY_TOKEN, MAX_CONNECTIONS,
 * BROADCAST_WINDOW_MS (the relay's broadcast window; its default when unset).
 */
import { startHostedRelay } from '../../src/core/node/server/hostedRelay'

const relay = await startHostedRelay({
  port: Number(process.env.PORT),
  dataDir: process.env.DATA_DIR!,
  adminToken: process.env.COPRO_RELAY_TOKEN,
  limits: {
    maxConnectionsPerSession: Number(process.env.MAX_CONNECTIONS ?? 400),
    ...(process.env.BROADCAST_WINDOW_MS
      ? { broadcastWindowMs: Number(process.env.BROADCAST_WINDOW_MS) }
      : {}),
  },
})
console.log(`Health: ${relay.origin}/health`)
const stop = () => void relay.close().then(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
