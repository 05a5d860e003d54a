import type * as Y from 'yjs'
import { DEFAULT_LANGUAGE, Language } from '../../../shared/i18n/languages'
import { sessionMap, WORKSHOP_KEYS } from './docSchema'

/**
 * The session's language (issue 19): the facilitator's choice, stored in the document's `workshop` map
 * (so every device, the wall, the templates' prompts and the report agree), English when absent or
 * not a language we speak. Only facilitators and co-facilitators may set it: the relay refuses a
 * participant's write to `workshop` like any other workshop key (relay/rights.ts).
 */
export const SessionLanguage = Language.catch(DEFAULT_LANGUAGE)

export function readSessionLanguage(doc: Y.Doc): Language {
  return SessionLanguage.parse(sessionMap(doc, 'workshop').get(WORKSHOP_KEYS.language))
}

export function writeSessionLanguage(doc: Y.Doc, language: Language, origin: unknown = null): void {
  const value = Language.parse(language)
  doc.transact(() => sessionMap(doc, 'workshop').set(WORKSHOP_KEYS.language, value), origin)
}
