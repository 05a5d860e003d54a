import type * as Y from 'yjs'
import { CardRecord } from '../../../core/common/cards/cardRecord'
import { recordsArray } from '../../../core/common/session/docSchema'
import { KeyedRecords, type KeyedEntry } from '../../../core/common/session/keyedRecords'
import { readRecords } from '../../../core/common/session/read'
import { registerParticipant, writeWithdrawn } from '../../../core/common/session/write'
import type { CoproRole } from '../../../shared/model/roles'

/**
 * A guest changing their mind (issue 15 item 4): whether their name is shown on their cards in the
 * report, and withdrawing everything they wrote and voted from the report (the `withdrawn` map, the
 * same record the facilitator's Participants view writes).
 */
export interface ConsentChange {
  id: string
  name: string
  /** True: no name on their cards or in the report. */
  anonymous: boolean
  coproRole: CoproRole
}

/** Registers the new choice and puts the name on (or takes it off) every card this person wrote. */
export function applyConsent(doc: Y.Doc, who: ConsentChange, now: number): number {
  registerParticipant(
    doc,
    {
      id: who.id,
      name: who.name,
      anonymous: who.anonymous,
      coproRole: who.coproRole,
      sessionRole: 'participant',
    },
    now,
  )
  const authorName = who.anonymous ? '' : who.name
  const changed: Array<[string, unknown]> = []
  for (const r of readRecords(doc)) {
    const card = CardRecord.safeParse(r)
    if (!card.success || card.data.props.authorId !== who.id || card.data.props.authorName === authorName)
      continue
    changed.push([card.data.id, { ...(r as object), props: { ...card.data.props, authorName } }])
  }
  if (changed.length === 0) return 0
  const keyed = new KeyedRecords(recordsArray<KeyedEntry<unknown>>(doc))
  try {
    keyed.setMany(changed)
  } finally {
    keyed.destroy()
  }
  return changed.length
}

/** Withdraws this person's cards and votes from every export from now on. */
export function withdrawMe(doc: Y.Doc, participantId: string, at: Date): void {
  writeWithdrawn(doc, participantId, at.toISOString())
}
