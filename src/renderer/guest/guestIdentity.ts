import { z } from 'zod'
import { NAME_MAX } from '../../shared/model/participant'
import { CoproRole } from '../../shared/model/roles'

/** The co-production roles a guest may choose (facilitator is not one of them). */
export const GUEST_ROLES = [
  'service-user',
  'carer-family',
  'frontline-staff',
  'manager-commissioner',
  'community-volunteer',
] as const satisfies readonly CoproRole[]
export type GuestRole = (typeof GUEST_ROLES)[number]

/** What a guest told the join screen; remembered on this device only (never sent anywhere else). */
export const GuestProfile = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: z.string().max(NAME_MAX),
  anonymous: z.boolean(),
  coproRole: z.enum(GUEST_ROLES).nullable(),
})
export type GuestProfile = z.infer<typeof GuestProfile>

const KEY = 'copro.guest.profile'

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

export function loadGuestProfile(): GuestProfile {
  try {
    const parsed = GuestProfile.safeParse(JSON.parse(localStorage.getItem(KEY) ?? 'null'))
    if (parsed.success) return parsed.data
  } catch {
    // a fresh profile below
  }
  return { id: `g${randomId()}`, name: '', anonymous: false, coproRole: null }
}

export function saveGuestProfile(p: GuestProfile): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(GuestProfile.parse(p)))
  } catch {
    // private browsing: remembered for this visit only
  }
}
