import { z } from 'zod'

/** What a person may do in a session (capability). */
export const SESSION_ROLES = ['facilitator', 'co-facilitator', 'participant', 'observer'] as const
export const SessionRole = z.enum(SESSION_ROLES)
export type SessionRole = z.infer<typeof SessionRole>

/** Who a person is in the co-production sense (domain-digest §3). */
export const COPRO_ROLES = [
  'service-user',
  'carer-family',
  'frontline-staff',
  'manager-commissioner',
  'community-volunteer',
  'facilitator',
] as const
export const CoproRole = z.enum(COPRO_ROLES)
export type CoproRole = z.infer<typeof CoproRole>

export interface CoproRoleInfo {
  readonly label: string
  readonly short: string
  /** Colour for cursors and badges; always paired with the text label. */
  readonly colour: string
  /** Whether this role is on the "people who use the service" side of the table. */
  readonly side: 'users' | 'staff' | 'community' | 'facilitation'
}

export const COPRO_ROLE_INFO: Readonly<Record<CoproRole, CoproRoleInfo>> = {
  'service-user': {
    label: 'Person who uses the service',
    short: 'Service user',
    colour: '#7b2cbf',
    side: 'users',
  },
  'carer-family': {
    label: 'Carer or family member',
    short: 'Carer/family',
    colour: '#c2185b',
    side: 'users',
  },
  'frontline-staff': { label: 'Front-line staff', short: 'Staff', colour: '#1565c0', side: 'staff' },
  'manager-commissioner': {
    label: 'Manager or commissioner',
    short: 'Manager',
    colour: '#00695c',
    side: 'staff',
  },
  'community-volunteer': {
    label: 'Community member or volunteer',
    short: 'Community',
    colour: '#b34d00',
    side: 'community',
  },
  facilitator: { label: 'Facilitator', short: 'Facilitator', colour: '#455a64', side: 'facilitation' },
}
