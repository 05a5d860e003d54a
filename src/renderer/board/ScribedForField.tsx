import type * as Y from 'yjs'
import { useId } from 'react'
import type { ScribedFor } from '../../core/common/cards/card'
import { readParticipants } from '../../core/common/session/read'
import { COPRO_ROLES } from '../../shared/model/roles'
import { roleLabel, roleShort, useT } from '../device/i18n'
import { uiT } from '../device/i18n/uiT'

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
      const who =
        p.anonymous || p.name === '' ? uiT('board.scribedFor.anonymous', { id: p.id.slice(-4) }) : p.name
      return {
        value: `p:${p.id}`,
        label: uiT('board.scribedFor.person', { who, role: roleShort(uiT, p.coproRole) }),
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
    label: uiT('board.scribedFor.role', { role: roleLabel(uiT, r) }),
    forWhom: { kind: 'role', coproRole: r },
  }))
  return [{ value: '', label: uiT('board.scribedFor.myself'), forWhom: null }, ...people, ...roles]
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
  const t = useT()
  return (
    <div className={props.className}>
      <label htmlFor={id}>{t('board.scribedFor.label')}</label>{' '}
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
