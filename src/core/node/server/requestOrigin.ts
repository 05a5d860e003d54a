import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'

/**
 * Who a request says it is for (Host) and where it comes from (Origin): the one home of the checks that
 * keep other websites away from the app's own server (CoproServer: the desktop app's loopback listener,
 * `copro serve`, sharing listeners). Every token here is a bearer secret — never a cookie — so these
 * checks are the second wall, not the first; see docs/security.md, "Audit 2026-12".
 *
 * - DNS rebinding: a website whose name is made to resolve to 127.0.0.1 becomes same-origin with the
 *   server and could read what it answers without a secret (`/`, `/api/health`, `/api/time`), or guess
 *   join codes from this computer. Its requests carry its own name in Host; an IP literal or `localhost`
 *   cannot be rebound, so only those (and the name the server was started on) are answered.
 * - Cross-site requests and websockets: a page of another website (its Origin an http(s) origin that is
 *   not the server's own) may not call the app API or open the events or sync sockets. The desktop
 *   app's page (file://, Origin `file://` or `null`), pages on this computer (a dev server on
 *   localhost) and clients that send no Origin (the CLI, stock y-websocket clients in Node) are let through
 *   to the token check.
 * The hosted relay (`copro relay`, a cluster node) is a public server reached by any name and called
 * from the facilitator's app cross-origin on purpose; it does not use these checks.
 */

/** Whether a Host header names this server in a way DNS rebinding cannot fake (see above). */
export function isAllowedHost(host: string | undefined, serverHost: string): boolean {
  if (host === undefined) return false
  const name = hostName(host)
  if (name === null) return false
  if (isIP(name) !== 0) return true
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  const bound = serverHost.replace(/^\[|\]$/g, '').toLowerCase()
  return isIP(bound) === 0 && name === bound
}

/** The host name of a Host header (without the port, IPv6 brackets removed, lower case), or null. */
function hostName(host: string): string | null {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.exec(host.trim())
  if (!m) return null
  return m[1]!.replace(/^\[|\]$/g, '').toLowerCase()
}

/** Whether a request comes from the server's own pages: no Origin header (same-origin GET), or its own. */
export function isOwnOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  try {
    const u = new URL(origin)
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host === req.headers.host
  } catch {
    return false
  }
}

/**
 * Whether a request may reach the app API or the server's sockets as far as its Origin goes: none (not a
 * browser), the server's own, the desktop app's page (`file://`, or `null` as Chromium may send for it),
 * or a page on this computer (http://localhost, 127.0.0.1, [::1]: the development renderer). Another
 * website's page is refused.
 */
export function isAppOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (origin === undefined || origin === 'null' || origin === 'file://') return true
  if (isOwnOrigin(req)) return true
  try {
    const u = new URL(origin)
    const name = u.hostname.replace(/^\[|\]$/g, '').toLowerCase()
    return (
      (u.protocol === 'http:' || u.protocol === 'https:') &&
      (name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name))
    )
  } catch {
    return false
  }
}

/**
 * What a state-changing call (the app API) must show besides its token, or the refusal: not another
 * website's page (403), and a JSON body (415) — a form or any "simple" cross-site request cannot send
 * `application/json` without the browser asking the server first, which it never allows.
 */
export function crossSiteRefusal(
  req: IncomingMessage,
): { status: 403 | 415; error: { code: 'forbidden' | 'invalid_arguments'; message: string } } | null {
  if (!isAppOrigin(req))
    return { status: 403, error: { code: 'forbidden', message: 'Not for other websites.' } }
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? ''))
    return {
      status: 415,
      error: { code: 'invalid_arguments', message: 'Send the arguments as application/json.' },
    }
  return null
}
