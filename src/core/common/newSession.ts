import * as Y from 'yjs'
import type { BoardStructure } from '../../shared/model/structure'
import type { Agenda } from './facilitation/schema'
import { writeAgenda } from './facilitation/state'
import type { SessionMeta } from './session/read'
import { writeMeta, writeStructure } from './session/write'
import { writeSessionLanguage } from './session/language'
import type { Language } from '../../shared/i18n/languages'

/**
 * The first update of a new session's document: meta, and the template's structure and agenda when
 * created from one, and the session's language when chosen (issue 19; instantiate a template read in
 * that language: localizeTemplate). The tldraw records are seeded by the first canvas that joins.
 */
export function initialSessionUpdate(
  meta: SessionMeta,
  instance?: { structure: BoardStructure; agenda: Agenda },
  language?: Language,
): Uint8Array {
  const doc = new Y.Doc()
  writeMeta(doc, meta)
  if (language) writeSessionLanguage(doc, language)
  if (instance) {
    writeStructure(doc, instance.structure)
    writeAgenda(doc, instance.agenda)
  }
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
