import type { SessionRole } from '../../../shared/model/roles'

/**
 * Who may change the board structure during a workshop: facilitators always; co-facilitators unless a
 * facilitator has locked the structure (the facilitation lock `locks['structure']`).
 */
export function canEditStructure(role: SessionRole | null | undefined, structureLocked = false): boolean {
  return role === 'facilitator' || (role === 'co-facilitator' && !structureLocked)
}

/** Whether a session role runs the workshop (facilitators and co-facilitators). */
export function isFacilitatorRole(role: string): boolean {
  return role === 'facilitator' || role === 'co-facilitator'
}
