import { describeActor, type Actor } from '../../../core/common/session/activity'
import type { Participant } from '../../../shared/model/participant'
import { COPRO_ROLE_INFO } from '../../../shared/model/roles'
import { roleShort, type TFunction } from '../../device/i18n'
import { uiDateLocale } from '../../device/i18n/uiT'

/**
 * Who did something, for the facilitator's screen: a participant's name only if they agreed to show it
 * (not anonymous in the registry), else their role and a short pseudonymous tag.
 */
export function actorLabel(by: Actor, people: ReadonlyMap<string, Participant>, t?: TFunction): string {
  const p = by.participantId ? people.get(by.participantId) : undefined
  const short = (r: Participant['coproRole']) => (t ? roleShort(t, r) : COPRO_ROLE_INFO[r].short)
  const actor = t ? actorIn(by, t) : describeActor(by)
  if (p && !p.anonymous && p.name) return `${p.name} (${short(p.coproRole)})`
  if (p) return `${actor} (${short(p.coproRole)})`
  return actor
}

/** describeActor (core/common/session/activity.ts) in the reader's language. */
function actorIn(by: Actor, t: TFunction): string {
  const role = t(`trash.actor.${by.role === 'host' ? 'app' : by.role}`)
  return by.participantId ? t('trash.actor.tagged', { role, tag: by.participantId.slice(-4) }) : role
}

export function timeLabel(ms: number): string {
  return new Date(ms).toLocaleTimeString(uiDateLocale(), { hour: '2-digit', minute: '2-digit' })
}

export function preview(text: string, max = 80, empty = '(empty card)'): string {
  const t = text.replace(/\s+/g, ' ').trim()
  return t.length > max ? `${t.slice(0, max - 1)}…` : t || empty
}
