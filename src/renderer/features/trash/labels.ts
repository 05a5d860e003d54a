import { describeActor, type Actor } from '../../../core/common/session/activity'
import type { Participant } from '../../../shared/model/participant'
import { COPRO_ROLE_INFO } from '../../../shared/model/roles'

/**
 * Who did something, for the facilitator's screen: a participant's name only if they agreed to show it
 * (not anonymous in the registry), else their role and a short pseudonymous tag.
 */
export function actorLabel(by: Actor, people: ReadonlyMap<string, Participant>): string {
  const p = by.participantId ? people.get(by.participantId) : undefined
  if (p && !p.anonymous && p.name) return `${p.name} (${COPRO_ROLE_INFO[p.coproRole].short})`
  if (p) return `${describeActor(by)} (${COPRO_ROLE_INFO[p.coproRole].short})`
  return describeActor(by)
}

export function timeLabel(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
}

export function preview(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim()
  return t.length > max ? `${t.slice(0, max - 1)}…` : t || '(empty card)'
}
