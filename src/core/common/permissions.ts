import type { SessionRole } from '../../shared/model/roles'

/**
 * Who may do what in a session, by session role. The UI asks these; the relay's token checks
 * (src/core/node) decide what a connection may write at all.
 */

/** Facilitators and co-facilitators run the workshop: agenda, timer, voting, spotlight, summoning. */
export function isFacilitatorRole(role: string | null | undefined): boolean {
  return role === 'facilitator' || role === 'co-facilitator'
}

/**
 * Who may change the board structure during a workshop: facilitators always; co-facilitators unless a
 * facilitator has locked the structure (the facilitation lock `locks['structure']`).
 */
export function canEditStructure(role: SessionRole | null | undefined, structureLocked = false): boolean {
  return role === 'facilitator' || (role === 'co-facilitator' && !structureLocked)
}
