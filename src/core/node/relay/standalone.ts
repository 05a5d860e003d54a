import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { SYNC_PATH_PREFIX, type RelayAuthResult } from './auth'
import type { RelayLimits } from './limits'
import type { RoomPersistence } from './persistence'
import { Relay } from './relay'

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

/** A relay with its own http(s) server, for `copro relay`. Plain requests get a one-line health answer. */
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
    const ok = req.url === '/' || req.url === '/health'
    res.writeHead(ok ? 200 : 404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end(ok ? 'copro relay: connect a y-websocket client to /sync/<sessionId>?token=…\n' : 'not found\n')
  }
  const server = opts.tls
    ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, onRequest)
    : http.createServer(onRequest)
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith(SYNC_PATH_PREFIX)) {
      relay.handleUpgrade(req, socket, head)
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    }
  })
  server.on('clientError', (_err, socket) => socket.destroy())
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(opts.port, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (err) {
    await relay.close()
    throw err
  }
  const port = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host
  let closing: Promise<void> | null = null
  return {
    url: `${opts.tls ? 'wss' : 'ws'}://${urlHost}:${port}/sync`,
    port,
    relay,
    close() {
      closing ??= (async () => {
        await relay.close()
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
      })()
      return closing
    },
  }
}
