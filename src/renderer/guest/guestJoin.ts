import { GUEST_JOIN_PATH, GuestJoinResponse, type GuestJoinRequest } from '../../shared/api/guestJoin'
import { lookUpGuestSession, type JoinLink } from './joinLink'

/**
 * The guest side of the join exchange (src/shared/api/guestJoin.ts): the ONE module that calls
 * `POST /api/guest/join`. A device sends the shared link's token (and its personal token from an
 * earlier join of the same session, if any) and gets back its own participant id and personal token,
 * kept in this device's localStorage per session and used for `/sync`.
 *
 * A server without the endpoint keeps today's behaviour: the link token is used for sync and the
 * participant id is the one generated on this device (guestIdentity.ts). Such a server answers 404 on
 * its main address and 401 on its sharing address (which refuses every unknown /api/ path), so a
 * refusal counts only when the link itself no longer works (`/api/guest/session`).
 */
export interface GuestIdentity {
  participantId: string
  /** The token this device uses for `/sync/<sessionId>`. */
  syncToken: string
  role: 'participant' | 'observer'
  /** 'server' when the server issued the identity; 'local' for the fallback. */
  source: 'server' | 'local'
}

export type GuestJoinResult =
  { kind: 'ok'; identity: GuestIdentity } | { kind: 'refused' } | { kind: 'unreachable' }

const deviceKey = (sessionId: string) => `copro.guest.device.${sessionId}`

/** This device's personal token for a session, from an earlier join (null when none or unreadable). */
export function rememberedDeviceToken(sessionId: string): string | null {
  try {
    return localStorage.getItem(deviceKey(sessionId))
  } catch {
    return null
  }
}

function rememberDeviceToken(sessionId: string, token: string): void {
  try {
    localStorage.setItem(deviceKey(sessionId), token)
  } catch {
    // private browsing: this visit only
  }
}

/** Forgets the personal token (after the server refused it). */
export function forgetDeviceToken(sessionId: string): void {
  try {
    localStorage.removeItem(deviceKey(sessionId))
  } catch {
    // nothing remembered
  }
}

/**
 * Exchanges the join link for this device's identity. `fallback` says who the device is when the
 * server has no join endpoint (the local profile id and the link's role).
 */
export async function joinAsGuest(
  link: JoinLink,
  fallback: { participantId: string; role: 'participant' | 'observer' },
  origin = window.location.origin,
): Promise<GuestJoinResult> {
  const remembered = rememberedDeviceToken(link.sessionId)
  const body: GuestJoinRequest = {
    sessionId: link.sessionId,
    token: link.token,
    ...(remembered ? { deviceToken: remembered } : {}),
  }
  let res: Response
  try {
    res = await fetch(new URL(GUEST_JOIN_PATH, origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
    })
  } catch {
    return { kind: 'unreachable' }
  }
  if (res.status === 401 || res.status === 403 || res.status === 404 || res.status === 405) {
    if (remembered) forgetDeviceToken(link.sessionId)
    const still = await lookUpGuestSession(link, origin)
    if (still.kind !== 'ok') return still
    const identity: GuestIdentity = {
      participantId: fallback.participantId,
      syncToken: link.token,
      role: fallback.role,
      source: 'local',
    }
    return { kind: 'ok', identity }
  }
  if (!res.ok) return { kind: 'unreachable' }
  let parsed: ReturnType<typeof GuestJoinResponse.safeParse>
  try {
    parsed = GuestJoinResponse.safeParse(await res.json())
  } catch {
    return { kind: 'unreachable' }
  }
  if (!parsed.success || parsed.data.sessionId !== link.sessionId) return { kind: 'refused' }
  rememberDeviceToken(link.sessionId, parsed.data.deviceToken)
  return {
    kind: 'ok',
    identity: {
      participantId: parsed.data.participantId,
      syncToken: parsed.data.deviceToken,
      role: parsed.data.role,
      source: 'server',
    },
  }
}
