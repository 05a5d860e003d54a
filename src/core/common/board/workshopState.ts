import * as Y from 'yjs'
import { BoardStructure } from '../../../shared/model/structure'
import { Agenda } from '../facilitation/schema'
import { DOC_KEYS, DOC_SCHEMA_VERSION, META_KEYS, WORKSHOP_KEYS } from './docSchema'

/**
 * Reading and writing the non-drawing workshop state of a session doc (structure, agenda, meta).
 * Values are stored as plain JSON in Y.Maps and validated with zod on every read; an invalid value
 * reads as absent, never as a crash.
 */
export function readStructure(doc: Y.Doc): BoardStructure | null {
  const parsed = BoardStructure.safeParse(doc.getMap(DOC_KEYS.workshop).get(WORKSHOP_KEYS.structure))
  return parsed.success ? parsed.data : null
}

export function writeStructure(doc: Y.Doc, structure: BoardStructure | null, origin: unknown = null): void {
  const value = structure === null ? null : BoardStructure.parse(structure)
  doc.transact(() => {
    const m = doc.getMap(DOC_KEYS.workshop)
    if (value === null) m.delete(WORKSHOP_KEYS.structure)
    else m.set(WORKSHOP_KEYS.structure, value)
  }, origin)
}

export function readAgenda(doc: Y.Doc): Agenda {
  const parsed = Agenda.safeParse(doc.getMap(DOC_KEYS.workshop).get(WORKSHOP_KEYS.agenda))
  return parsed.success ? parsed.data : { activities: [], currentIndex: -1 }
}

export function writeAgenda(doc: Y.Doc, agenda: Agenda, origin: unknown = null): void {
  const value = Agenda.parse(agenda)
  doc.transact(() => doc.getMap(DOC_KEYS.workshop).set(WORKSHOP_KEYS.agenda, value), origin)
}

export interface SessionMeta {
  sessionId: string
  title: string
  templateId: string | null
  createdAt: string
}

export function readMeta(doc: Y.Doc): Partial<SessionMeta> & { docVersion?: number } {
  const m = doc.getMap(DOC_KEYS.meta)
  const str = (k: string) => (typeof m.get(k) === 'string' ? (m.get(k) as string) : undefined)
  const v = m.get(META_KEYS.docVersion)
  return {
    ...(typeof v === 'number' ? { docVersion: v } : {}),
    ...(str(META_KEYS.sessionId) ? { sessionId: str(META_KEYS.sessionId)! } : {}),
    ...(str(META_KEYS.title) ? { title: str(META_KEYS.title)! } : {}),
    templateId: str(META_KEYS.templateId) ?? null,
    ...(str(META_KEYS.createdAt) ? { createdAt: str(META_KEYS.createdAt)! } : {}),
  }
}

export function writeMeta(doc: Y.Doc, meta: Partial<SessionMeta>, origin: unknown = null): void {
  doc.transact(() => {
    const m = doc.getMap(DOC_KEYS.meta)
    if (m.get(META_KEYS.docVersion) === undefined) m.set(META_KEYS.docVersion, DOC_SCHEMA_VERSION)
    if (meta.sessionId !== undefined) m.set(META_KEYS.sessionId, meta.sessionId)
    if (meta.title !== undefined) m.set(META_KEYS.title, meta.title)
    if (meta.templateId !== undefined) m.set(META_KEYS.templateId, meta.templateId)
    if (meta.createdAt !== undefined) m.set(META_KEYS.createdAt, meta.createdAt)
  }, origin)
}

/**
 * The first update of a new session's document: meta, and the template's structure and agenda when
 * created from one. The tldraw records are seeded by the first canvas that joins.
 */
export function initialSessionUpdate(
  meta: SessionMeta,
  instance?: { structure: BoardStructure; agenda: Agenda },
): Uint8Array {
  const doc = new Y.Doc()
  writeMeta(doc, meta)
  if (instance) {
    writeStructure(doc, instance.structure)
    writeAgenda(doc, instance.agenda)
  }
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
