import { z } from 'zod'
import {
  GUEST_JOIN_PATH,
  GuestJoinResponse,
  JOIN_CODE_PATH,
  JoinCode,
  JoinCodeResponse,
} from '../../shared/api/guestJoin'
import { ParticipantId } from '../../shared/model/participant'
import { lookUpGuestSession, type JoinLink } from './joinLink'

/**
 * The one client of the guest join exchange and of join codes (src/shared/api/guestJoin.ts), for every
 * guest screen (the canvas guest, the phone screen):
 * - `exchangeJoin(link)`: the shared link's token → this device's own participant id and personal token.
 *   The personal token is remembered on this device (localStorage, per session) and sent again on the
 *   next join, so a reload, a closed tab or a rejoin keeps the same participant id, and with it the
 *   guest's cards and votes. Use `deviceLink(...)` (its token) for the board's sync and later lookups.
 * - `lookUpJoinCode(code)`: a typed join code → the join link it stands for.
 * No React here; no module-level state besides the browser's storage.
 */

/** What this device remembers of its identity in one session. */
const RememberedDevice = z.object({
  participantId: ParticipantId,
  deviceToken: z.string().min(1).max(512),
})
export type RememberedDevice = z.infer<typeof RememberedDevice>

const deviceKey = (sessionId: string) => `copro.guest.device.${sessionId}`

/** This device's identity in a session, from an earlier join; null when it has none. */
export function rememberedDevice(sessionId: string): RememberedDevice | null {
  try {
    const parsed = RememberedDevice.safeParse(
      JSON.parse(localStorage.getItem(deviceKey(sessionId)) ?? 'null'),
    )
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function rememberDevice(sessionId: string, device: RememberedDevice): void {
  try {
    localStorage.setItem(deviceKey(sessionId), JSON.stringify(device))
  } catch {
    // private browsing: the identity lasts for this visit only
  }
}

/** Forgets this device's identity in a session (its token no longer works). */
export function forgetDevice(sessionId: string): void {
  try {
    localStorage.removeItem(deviceKey(sessionId))
  } catch {
    // nothing remembered
  }
}

export type JoinExchange =
  { kind: 'ok'; join: GuestJoinResponse } | { kind: 'refused' } | { kind: 'busy' } | { kind: 'unreachable' }

/**
 * `POST /api/guest/join` on the page's own origin. 'refused': the link does not work (revoked, expired,
 * unknown); 'busy': too many joins from this address just now (try again in a minute); 'unreachable':
 * no answer (wifi). On success the device's identity is remembered for the next join.
 */
export async function exchangeJoin(link: JoinLink, origin = window.location.origin): Promise<JoinExchange> {
  if (!link.sessionId || !link.token) return { kind: 'refused' }
  const known = rememberedDevice(link.sessionId)
  let res: Response
  try {
    res = await fetch(new URL(GUEST_JOIN_PATH, origin), {
      method: 'POST',
      cache: 'no-store',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sessionId: link.sessionId,
        token: link.token,
        ...(known ? { deviceToken: known.deviceToken } : {}),
      }),
    })
  } catch {
    return { kind: 'unreachable' }
  }
  if (res.status === 401 || res.status === 403 || res.status === 404) return { kind: 'refused' }
  if (res.status === 429) return { kind: 'busy' }
  if (!res.ok) return { kind: 'unreachable' }
  try {
    const parsed = GuestJoinResponse.safeParse(await res.json())
    if (!parsed.success || parsed.data.sessionId !== link.sessionId) return { kind: 'refused' }
    rememberDevice(link.sessionId, {
      participantId: parsed.data.participantId,
      deviceToken: parsed.data.deviceToken,
    })
    return { kind: 'ok', join: parsed.data }
  } catch {
    return { kind: 'unreachable' }
  }
}

/** The link a joined device uses from now on: its session with its personal token. */
export function deviceLink(join: GuestJoinResponse): JoinLink {
  return { sessionId: join.sessionId, token: join.deviceToken }
}

export type CodeLookup =
  | { kind: 'ok'; link: JoinLink }
  | { kind: 'invalid'; message: string }
  | { kind: 'unknown' }
  | { kind: 'busy' }
  | { kind: 'unreachable' }

/** `GET /api/guest/code/<code>`: the join link a typed code stands for (spaces, dashes and case ignored). */
export async function lookUpJoinCode(typed: string, origin = window.location.origin): Promise<CodeLookup> {
  const code = JoinCode.safeParse(typed)
  if (!code.success) return { kind: 'invalid', message: code.error.issues[0]?.message ?? 'Not a join code.' }
  let res: Response
  try {
    res = await fetch(new URL(`${JOIN_CODE_PATH}/${code.data}`, origin), { cache: 'no-store' })
  } catch {
    return { kind: 'unreachable' }
  }
  if (res.status === 404) return { kind: 'unknown' }
  if (res.status === 429) return { kind: 'busy' }
  if (!res.ok) return { kind: 'unreachable' }
  try {
    const parsed = JoinCodeResponse.safeParse(await res.json())
    return parsed.success ? { kind: 'ok', link: parsed.data } : { kind: 'unreachable' }
  } catch {
    return { kind: 'unreachable' }
  }
}

/** The address of a join link on this origin (`/?join=…&token=…`), which opens the guest app. */
export function joinLinkPath(link: JoinLink): string {
  return `/?join=${encodeURIComponent(link.sessionId)}&token=${encodeURIComponent(link.token)}`
}

/** Who this device is in a session, as the phone screen uses it. */
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

/**
 * `exchangeJoin`, for a host that may not have the exchange (a cluster node answers 404): when the
 * exchange is refused but the link itself still opens its session (`/api/guest/session`), the device
 * joins with the link token and `fallback` (its locally generated id and the link's role), as before
 * per-device identity.
 */
export async function joinAsGuest(
  link: JoinLink,
  fallback: { participantId: string; role: 'participant' | 'observer' },
  origin = window.location.origin,
): Promise<GuestJoinResult> {
  const r = await exchangeJoin(link, origin)
  if (r.kind === 'ok') {
    const { participantId, deviceToken, role } = r.join
    return { kind: 'ok', identity: { participantId, syncToken: deviceToken, role, source: 'server' } }
  }
  if (r.kind !== 'refused') return { kind: 'unreachable' }
  forgetDevice(link.sessionId)
  const still = await lookUpGuestSession(link, origin)
  if (still.kind !== 'ok') return still
  return {
    kind: 'ok',
    identity: {
      participantId: fallback.participantId,
      syncToken: link.token,
      role: fallback.role,
      source: 'local',
    },
  }
}
