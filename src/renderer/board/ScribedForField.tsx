import type * as Y from 'yjs'
import { useId } from 'react'
import type { ScribedFor } from '../../core/common/cards/card'
import { readParticipants } from '../../core/common/session/read'
import { COPRO_ROLE_INFO, COPRO_ROLES } from '../../shared/model/roles'

/** One choice of "Written for": oneself (null), a registered participant, or a role. */
export interface ScribeOption {
  readonly value: string
  readonly label: string
  readonly forWhom: ScribedFor | null
}

/**
 * The choices a facilitator has when writing a card for someone else: themself, each participant in
 * the registry (their name only if they agreed to show it), or any co-production role.
 */
export function scribeOptions(doc: Y.Doc): ScribeOption[] {
  const people: ScribeOption[] = readParticipants(doc)
    .filter((p) => p.sessionRole === 'participant')
    .map((p) => {
      const who = p.anonymous || p.name === '' ? `Anonymous participant …${p.id.slice(-4)}` : p.name
      return {
        value: `p:${p.id}`,
        label: `${who} (${COPRO_ROLE_INFO[p.coproRole].short})`,
        forWhom: {
          kind: 'participant',
          id: p.id,
          name: p.name,
          anonymous: p.anonymous,
          coproRole: p.coproRole,
        },
      }
    })
  const roles: ScribeOption[] = COPRO_ROLES.filter((r) => r !== 'facilitator').map((r) => ({
    value: `r:${r}`,
    label: `Someone: ${COPRO_ROLE_INFO[r].label}`,
    forWhom: { kind: 'role', coproRole: r },
  }))
  return [{ value: '', label: 'Myself', forWhom: null }, ...people, ...roles]
}

/** "Written for" select: the card counts for whoever is chosen and is marked as scribed. */
export function ScribedForField(props: {
  options: readonly ScribeOption[]
  value: string
  onChange(value: string): void
  className?: string
  testId?: string
}) {
  const id = useId()
  return (
    <div className={props.className}>
      <label htmlFor={id}>Written for (scribed)</label>{' '}
      <select
        id={id}
        value={props.value}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** The choice behind a select value ('' or unknown: oneself). */
export function scribedForOf(options: readonly ScribeOption[], value: string): ScribedFor | null {
  return options.find((o) => o.value === value)?.forWhom ?? null
}
