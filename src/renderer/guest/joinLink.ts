import { GuestSessionInfo } from '../../shared/api/contract'
import { SessionId } from '../../shared/model/session'
import { SYNC_PATH } from '../../shared/api/syncPath'

/** A join link read from the address bar: `/?join=<sessionId>&token=<guest token>`. */
export interface JoinLink {
  sessionId: string
  /** '' when the link had no token and none is remembered (the join screen then says so). */
  token: string
}

const tokenKey = (sessionId: string) => `copro.guest.token.${sessionId}`

/**
 * Reads a guest join link. Null when the address is not a join link (the workbench opens instead).
 * The token is kept in this tab's sessionStorage and removed from the address bar, so a projected or
 * shared screen never shows it and a reload still works. It never becomes the facilitator token.
 */
export function readJoinLink(location: Location = window.location): JoinLink | null {
  const url = new URL(location.href)
  const join = url.searchParams.get('join')
  if (join === null) return null
  const sessionId = SessionId.safeParse(join).success ? join : ''
  const fromUrl = url.searchParams.get('token')
  let token = fromUrl ?? ''
  try {
    if (sessionId && fromUrl) sessionStorage.setItem(tokenKey(sessionId), fromUrl)
    if (sessionId && !fromUrl) token = sessionStorage.getItem(tokenKey(sessionId)) ?? ''
  } catch {
    // storage blocked: the token from the link still works for this visit
  }
  if (fromUrl !== null) {
    url.searchParams.delete('token')
    history.replaceState(null, '', url.pathname + url.search + url.hash)
  }
  return { sessionId, token }
}

/** Whether this address is the join-code page (`/join`, or any page with a `code` parameter), and its code. */
export function readJoinCodePage(location: Location = window.location): { code: string } | null {
  const url = new URL(location.href)
  if (url.pathname !== '/join' && !url.searchParams.has('code')) return null
  return { code: url.searchParams.get('code') ?? '' }
}

/** Forgets the remembered token (after the link stopped working). */
export function forgetJoinToken(sessionId: string): void {
  try {
    sessionStorage.removeItem(tokenKey(sessionId))
  } catch {
    // nothing remembered
  }
}

export type GuestLookup =
  { kind: 'ok'; info: GuestSessionInfo } | { kind: 'refused' } | { kind: 'unreachable' }

/** `GET /api/guest/session?token=…` on the page's own origin: the session's title and this link's role. */
export async function lookUpGuestSession(
  link: JoinLink,
  origin = window.location.origin,
): Promise<GuestLookup> {
  if (!link.sessionId || !link.token) return { kind: 'refused' }
  let res: Response
  try {
    res = await fetch(new URL(`/api/guest/session?token=${encodeURIComponent(link.token)}`, origin), {
      cache: 'no-store',
    })
  } catch {
    return { kind: 'unreachable' }
  }
  if (res.status === 401 || res.status === 403 || res.status === 404) return { kind: 'refused' }
  if (!res.ok) return { kind: 'unreachable' }
  try {
    const parsed = GuestSessionInfo.safeParse(await res.json())
    if (!parsed.success || parsed.data.sessionId !== link.sessionId) return { kind: 'refused' }
    return { kind: 'ok', info: parsed.data }
  } catch {
    return { kind: 'unreachable' }
  }
}

/** The sync endpoint on the page's own origin (ws:// or wss://). */
export function guestSyncUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${SYNC_PATH}`
}

/** Permanent relay closes (4400–4499: refused, revoked, expired, malformed): y-websocket stops retrying. */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code <= 4499
}

/**
 * Closes that say the link itself is dead (src/core/node/relay/closeCodes.ts): token missing (4401),
 * refused (4403), unknown session (4404), revoked or expired (4410), session closed (4420) or trashed (4421).
 */
export function isDeadLinkClose(code: number): boolean {
  return code === 4401 || code === 4403 || code === 4404 || code === 4410 || code === 4420 || code === 4421
}
