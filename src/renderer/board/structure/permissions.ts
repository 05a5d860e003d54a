import type { SessionRole } from '../../../shared/model/roles'

/** Who may change the board structure during a workshop. */
export function canEditStructure(role: SessionRole | null | undefined): boolean {
  return role === 'facilitator' || role === 'co-facilitator'
}
