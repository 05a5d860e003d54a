import { z } from 'zod'
import { CoproRole, SessionRole } from '../../shared/model/roles'
import { NAME_MAX } from '../../shared/model/participant'
import { uiT } from '../device/i18n/uiT'

/** Who is using this window; remembered on this device only. */
export const LocalIdentity = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: z.string().max(NAME_MAX),
  anonymous: z.boolean(),
  coproRole: CoproRole,
  sessionRole: SessionRole,
})
export type LocalIdentity = z.infer<typeof LocalIdentity>

const KEY = 'copro.identity'

export function loadIdentity(): LocalIdentity {
  try {
    const parsed = LocalIdentity.safeParse(JSON.parse(localStorage.getItem(KEY) ?? 'null'))
    if (parsed.success) return parsed.data
  } catch {
    // fall through to a fresh identity
  }
  const fresh: LocalIdentity = {
    id: randomId(),
    // a first name to start with, in this person's language (they change it in Settings)
    name: uiT('roles.facilitator.label'),
    anonymous: false,
    coproRole: 'facilitator',
    sessionRole: 'facilitator',
  }
  saveIdentity(fresh)
  return fresh
}

export function saveIdentity(identity: LocalIdentity): void {
  localStorage.setItem(KEY, JSON.stringify(LocalIdentity.parse(identity)))
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}
