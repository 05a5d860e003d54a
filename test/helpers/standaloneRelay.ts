import http from 'node:http'
import https from 'node:https'
import {
  Relay,
  SYNC_PATH_PREFIX,
  syncServerUrl,
  type RelayAuthResult,
  type RelayLimits,
  type RoomPersistence,
} from '../../src/core/node/relay'
import { closeServer, hostForUrl, listen, refuseUpgrade, text } from '../../src/core/node/server/http'

/**
 * A bare Relay behind its own http(s) server, for tests and benchmarks that exercise the relay alone.
 * The app does not use it: `copro relay` runs startHostedRelay (src/core/node/server/hostedRelay.ts),
 * and the app's server is CoproServer.
 */
export interface StandaloneRelayOptions {
  /** Interface to bind; defaults to 127.0.0.1 (loopback). */
  host?: string
  /** Port; 0 picks a free one. */
  port: number
  persistence: RoomPersistence
  authorize(sessionId: string, token: string | null): RelayAuthResult | null | Promise<RelayAuthResult | null>
  /** PEM certificate and key: serve wss:// instead of ws://. */
  tls?: { cert: string | Buffer; key: string | Buffer }
  limits?: Partial<RelayLimits>
  onWarning?: (message: string, error?: unknown) => void
  /** Relay clock (ms) for the rate limiter; defaults to Date.now. */
  now?: () => number
  /** See RelayOptions.admissionTimeoutMs. */
  admissionTimeoutMs?: number
}

export interface StandaloneRelay {
  /** The serverUrl for a y-websocket WebsocketProvider, e.g. ws://127.0.0.1:1234/sync */
  url: string
  port: number
  relay: Relay
  close(): Promise<void>
}

/** Starts the relay; plain requests get a one-line health answer. */
export async function startStandaloneRelay(opts: StandaloneRelayOptions): Promise<StandaloneRelay> {
  const host = opts.host ?? '127.0.0.1'
  const relay = new Relay({
    persistence: opts.persistence,
    authorize: opts.authorize,
    limits: opts.limits,
    onWarning: opts.onWarning,
    now: opts.now,
    admissionTimeoutMs: opts.admissionTimeoutMs,
  })
  const onRequest: http.RequestListener = (req, res) => {
    if (req.url === '/' || req.url === '/health')
      text(res, 200, 'copro relay: connect a y-websocket client to /sync/<sessionId>?token=…\n')
    else text(res, 404, 'not found\n')
  }
  const server = opts.tls
    ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, onRequest)
    : http.createServer(onRequest)
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith(SYNC_PATH_PREFIX)) relay.handleUpgrade(req, socket, head)
    else refuseUpgrade(socket, 404)
  })
  server.on('clientError', (_err, socket) => socket.destroy())
  let port: number
  try {
    port = await listen(server, opts.port, host)
  } catch (err) {
    await relay.close()
    throw err
  }
  let closing: Promise<void> | null = null
  return {
    url: syncServerUrl(hostForUrl(host), port, !!opts.tls),
    port,
    relay,
    close() {
      closing ??= (async () => {
        await relay.close()
        await closeServer(server)
      })()
      return closing
    },
  }
}
