import type * as Y from 'yjs'
import { BoardStructure } from '../../../shared/model/structure'
import { Participant } from '../../../shared/model/participant'
import { DOC_SCHEMA_VERSION, META_KEYS, sessionMap, WORKSHOP_KEYS } from './docSchema'
import { plain, type SessionMeta } from './read'

/**
 * Writing the session-level values of a session Y.Doc (meta, structure, participants, withdrawals).
 * Every write validates first and throws on bad input (a programming error). Facilitation and voting
 * values are written by their own modules through the same accessors.
 */
export function writeStructure(doc: Y.Doc, structure: BoardStructure | null, origin: unknown = null): void {
  const value = structure === null ? null : BoardStructure.parse(structure)
  doc.transact(() => {
    const m = sessionMap(doc, 'workshop')
    if (value === null) m.delete(WORKSHOP_KEYS.structure)
    else m.set(WORKSHOP_KEYS.structure, value)
  }, origin)
}

export function writeMeta(doc: Y.Doc, meta: Partial<SessionMeta>, origin: unknown = null): void {
  doc.transact(() => {
    const m = sessionMap(doc, 'meta')
    if (m.get(META_KEYS.docVersion) === undefined) m.set(META_KEYS.docVersion, DOC_SCHEMA_VERSION)
    if (meta.sessionId !== undefined) m.set(META_KEYS.sessionId, meta.sessionId)
    if (meta.title !== undefined) m.set(META_KEYS.title, meta.title)
    if (meta.templateId !== undefined) m.set(META_KEYS.templateId, meta.templateId)
    if (meta.createdAt !== undefined) m.set(META_KEYS.createdAt, meta.createdAt)
  }, origin)
}

/**
 * Registers (or updates) a person in the participant map. joinedAt is kept from the first join;
 * nothing is written when nothing changed. Returns whether it wrote.
 */
export function registerParticipant(
  doc: Y.Doc,
  p: Omit<Participant, 'joinedAt'>,
  now: number,
  origin: unknown = null,
): boolean {
  const m = sessionMap(doc, 'participants')
  const prev = Participant.safeParse(plain(m.get(p.id)))
  const next = Participant.parse({
    ...p,
    name: p.anonymous ? '' : p.name,
    joinedAt: prev.success ? prev.data.joinedAt : Math.max(0, Math.floor(now)),
  })
  if (prev.success && JSON.stringify(prev.data) === JSON.stringify(next)) return false
  doc.transact(() => m.set(p.id, next), origin)
  return true
}

/** Records that a participant withdrew at `isoTime`: their cards and votes leave future exports. */
export function writeWithdrawn(
  doc: Y.Doc,
  participantId: string,
  isoTime: string,
  origin: unknown = null,
): void {
  doc.transact(() => sessionMap(doc, 'withdrawn').set(participantId, isoTime), origin)
}
