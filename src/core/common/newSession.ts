import * as Y from 'yjs'
import type { BoardStructure } from '../../shared/model/structure'
import type { Agenda } from './facilitation/schema'
import { writeAgenda } from './facilitation/state'
import type { SessionMeta } from './session/read'
import { writeMeta, writeStructure } from './session/write'
import { writeSessionLanguage } from './session/language'
import type { Language } from '../../shared/i18n/languages'
import { instantiateTemplate } from './templates/instantiate'
import { localizeTemplate } from './templates/localize'
import type { Template } from './templates/schema'

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

/**
 * The first update of a session made by the app or the command line (one path for both): its meta,
 * and when given, the template instantiated in the session's language (localizeTemplate: its texts in
 * that language where it has them) and the language itself (WORKSHOP_KEYS.language).
 */
export function newSessionUpdate(
  meta: SessionMeta,
  template: Template | null,
  language?: Language,
): Uint8Array {
  return initialSessionUpdate(
    meta,
    template ? instantiateTemplate(language ? localizeTemplate(template, language) : template) : undefined,
    language,
  )
}
