import { isWallAction, type WallAction } from './wallState'

/**
 * The wall in a second window (ADR 0033). The facilitator's window opens the app again with
 * `?wall=<sessionId>` (window.open: same origin, so the new window starts with a copy of this tab's
 * session storage, the access token included, and the token never appears in its address). That window
 * joins the session over the relay like any client — agenda, timer, votes and results arrive through
 * the document — and shows it as the wall. What is not in the document (show the results, back to the
 * board, what to fit) goes from window to window over a BroadcastChannel; the desktop app opens the
 * window on the second display (src/main/wallWindow.ts).
 */

export const WALL_PARAM = 'wall'
const CHANNEL = 'copro-wall'

/** The session this window was opened to show as the wall, or null. */
export function wallSessionFromUrl(href: string): string | null {
  const id = new URL(href).searchParams.get(WALL_PARAM)
  return id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null
}

/** The address of the wall window for a session (this page, with `wall=<id>`; no token). */
export function wallUrl(href: string, sessionId: string): string {
  const u = new URL(href)
  u.searchParams.delete('token')
  u.searchParams.set(WALL_PARAM, sessionId)
  u.hash = ''
  return u.href
}

/** Opens (or brings back) the wall window of a session; false when the browser blocked it. */
export function openWallWindow(sessionId: string): boolean {
  const w = window.open(wallUrl(window.location.href, sessionId), `copro-wall-${sessionId}`, 'popup')
  if (!w) return false
  w.focus()
  return true
}

export interface WallMessage {
  readonly sessionId: string
  readonly action: WallAction
}

/** The link between this window and the other windows of the app (one per window, closed on unmount). */
export interface WallLink {
  send(msg: WallMessage): void
  close(): void
}

export function openWallLink(onMessage: (msg: WallMessage) => void): WallLink {
  if (typeof BroadcastChannel === 'undefined') return { send: () => {}, close: () => {} }
  const channel = new BroadcastChannel(CHANNEL)
  channel.onmessage = (e: MessageEvent) => {
    const m = e.data as { sessionId?: unknown; action?: unknown } | null
    if (!m || typeof m.sessionId !== 'string' || !isWallAction(m.action)) return
    onMessage({ sessionId: m.sessionId, action: m.action })
  }
  return {
    send: (msg) => channel.postMessage(msg),
    close: () => channel.close(),
  }
}
