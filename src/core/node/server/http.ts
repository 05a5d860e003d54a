import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { isOwnOrigin } from './requestOrigin'

/**
 * The small http kit shared by CoproServer (the app's server), its sharing listeners and the hosted
 * relay (`copro relay`): listening, URL hosts, JSON and text replies, bounded bodies, refused upgrades.
 * Token extraction and checks are not here: they live in tokens.ts (docs/adr/0013-http-kit-and-tokens.md).
 */

/**
 * The renderer's Content-Security-Policy (also set as a meta tag in index.html for the desktop page).
 * `connect-src` names only the page's own origin ('self', which covers its ws:/wss: too) and the origins
 * in `connectSrc` (a configured hosted relay), never a whole scheme.
 */
export function rendererCsp(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...connectSrc.filter(isConnectSource), 'data: blob:'].join(' '),
    "media-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export const RENDERER_CSP = rendererCsp()

/** An origin, or one of LOOPBACK_SOURCES, nothing else (so a value cannot add a directive). */
function isConnectSource(s: string): boolean {
  return LOOPBACK_SOURCES.includes(s) || isOrigin(s)
}

/** An http(s) or ws(s) origin. */
function isOrigin(s: string): boolean {
  return (
    /^(https?|wss?):\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(s) ||
    /^(https?|wss?):\/\/\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(s)
  )
}

/** Relays on this computer (a `copro relay` on loopback, tests): the facilitator's page may reach them. */
const LOOPBACK_SOURCES: readonly string[] = [
  'http://127.0.0.1:*',
  'ws://127.0.0.1:*',
  'http://localhost:*',
  'ws://localhost:*',
]

/**
 * What the facilitator's own page (the app's main listener, loopback only) may connect to besides itself:
 * relays on this computer and the hosted relays remembered in the settings (`AppSettings.relays`, added
 * when the facilitator publishes to one) — origins, never a whole scheme: each relay's https origin and
 * its wss twin (Chromium does not let an http(s) source cover ws(s)). Guests' pages (sharing listeners,
 * `copro relay`) never get it.
 */
export function facilitatorConnectSrc(relays: readonly string[]): string[] {
  return [...LOOPBACK_SOURCES, ...relays.flatMap((r) => [r, r.replace(/^http/, 'ws')])]
}

/**
 * Sets the headers every response carries, errors and 404s included: no sniffing, no framing, no
 * referrer, and the renderer's CSP (`connectSrc`: origins, and facilitatorConnectSrc on the app's
 * main listener). Called first by every request handler; replies may add to them.
 */
export function setSecurityHeaders(res: ServerResponse, connectSrc: readonly string[] = []): void {
  res.setHeader('content-security-policy', rendererCsp(connectSrc))
  res.setHeader('x-content-type-options', 'nosniff')
  res.setHeader('x-frame-options', 'DENY')
  res.setHeader('referrer-policy', 'no-referrer')
  res.setHeader('cross-origin-opener-policy', 'same-origin')
}

/**
 * How long a connection may take, for every HTTP server of the app (CoproServer and its sharing
 * listeners, `copro relay`, a cluster node). Node's defaults keep a connection that never sends a byte
 * open for ever (tested on Node 20): a few thousand such sockets use up the process's file handles.
 * Websockets are not affected: ws clears the idle timeout on upgrade, and the relay pings them instead.
 */
export interface HttpTimeouts {
  /** A connection that sends or receives nothing for this long is closed (before, between or inside requests). */
  idleMs: number
  /** The request's headers must have arrived within this (slowloris: headers dripped in byte by byte). */
  headersMs: number
  /** The whole request, body included (a 10 MB image from a phone on a slow wifi fits). */
  requestMs: number
  /** How long a kept-alive connection waits for its next request. */
  keepAliveMs: number
}

export const HTTP_TIMEOUTS: Readonly<HttpTimeouts> = Object.freeze({
  idleMs: 30_000,
  headersMs: 20_000,
  requestMs: 300_000,
  keepAliveMs: 5_000,
})

/**
 * An http server (https with `tls`) with HTTP_TIMEOUTS (or `timeouts`, for tests), which destroys a
 * socket whose request cannot be parsed. Every server of the app is made here.
 */
export function createHttpServer(
  handler: RequestListener,
  opts: { tls?: { cert: string | Buffer; key: string | Buffer }; timeouts?: Partial<HttpTimeouts> } = {},
): Server {
  const t = { ...HTTP_TIMEOUTS, ...opts.timeouts }
  const options = {
    headersTimeout: t.headersMs,
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    // how often Node looks for requests past headersTimeout / requestTimeout
    connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(t.headersMs / 4))),
  }
  const server: Server = opts.tls
    ? createTlsServer({ ...options, cert: opts.tls.cert, key: opts.tls.key }, handler)
    : createServer(options, handler)
  server.timeout = t.idleMs
  server.on('clientError', (_err, socket) => socket.destroy())
  return server
}

/** Listens on `host:port` (0 picks a free port) and resolves with the bound port; rejects on 'error'. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err)
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/** Stops accepting, drops every open connection and resolves once the server has closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

/** An address as it appears in a URL: IPv6 literals in brackets. */
export function hostForUrl(address: string): string {
  return address.includes(':') ? `[${address}]` : address
}

/** A JSON reply that is never cached or sniffed; `extra` adds headers (CORS). */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...extra,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(text)
}

/**
 * The public, secret-free endpoints every host answers alike, so a guest's page works against the app's
 * server and the hosted relay: `/api/health` and `/api/time` (the relay clock). Returns whether
 * `pathname` was one of them (and answered).
 *
 * `anyOrigin` (the hosted relay, a public server that the desktop app's page asks cross-origin): any
 * origin may read them. Otherwise (the app's own server, on loopback or a shared address) they answer
 * only the server's own pages: a request from another website (an Origin header naming another host) is
 * refused and no CORS header is ever sent, so a website cannot find out that the app is running, or on
 * which port. The desktop page (file://) then uses the local clock, which is the same machine's.
 */
export function answerPublicEndpoint(
  pathname: string,
  res: ServerResponse,
  req: IncomingMessage,
  opts: { anyOrigin: boolean },
): boolean {
  if (pathname !== '/api/health' && pathname !== '/api/time') return false
  if (!opts.anyOrigin && !isOwnOrigin(req)) {
    text(res, 403, 'Not for other websites.')
    return true
  }
  const cors = opts.anyOrigin ? PUBLIC_CORS : {}
  if (pathname === '/api/health') json(res, 200, { ok: true }, cors)
  else json(res, 200, { now: Date.now() }, cors)
  return true
}

const PUBLIC_CORS = { 'access-control-allow-origin': '*' }

export function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  res.end(body)
}

/** The request body as text, or null once it passes `limit` bytes (the rest is read and dropped). */
export async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const bytes = await readBodyBytes(req, limit)
  return bytes === null ? null : bytes.toString('utf8')
}

/** The request body as bytes, or null once it passes `limit` bytes (the rest is read and dropped). */
export function readBodyBytes(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooBig = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) tooBig = true
      else chunks.push(c)
    })
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

const STATUS_TEXT: Record<number, string> = {
  403: 'Forbidden',
  404: 'Not Found',
  421: 'Misdirected Request',
  503: 'Service Unavailable',
}

/** Answers an upgrade request with a bare http status and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: 403 | 404 | 421 | 503): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}
