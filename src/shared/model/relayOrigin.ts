import { z } from 'zod'

/**
 * The web address of a hosted relay the facilitator publishes to: an https origin, or an http one on
 * this computer (127.0.0.1, localhost). Remembered in the app's settings, so the facilitator's page may
 * connect to it (the CSP's `connect-src` names exactly these, docs/security.md).
 */
export const RelayOrigin = z
  .string()
  .max(300)
  .refine((s) => isRelayOrigin(s), 'A relay address is https://HOST[:PORT] (http:// only on this computer).')

export function isRelayOrigin(s: string): boolean {
  let u: URL
  try {
    u = new URL(s)
  } catch {
    return false
  }
  if (u.origin !== s) return false
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost'
  return u.protocol === 'https:' || (u.protocol === 'http:' && loopback)
}

/** At most this many relays are remembered (the most recent first). */
export const MAX_RELAYS = 20
