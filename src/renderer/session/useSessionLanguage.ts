import { useCallback } from 'react'
import type { Language } from '../../shared/i18n'
import { readSessionLanguage, writeSessionLanguage } from '../../core/common/session/language'
import { useBoardSession } from './useBoardSession'
import { useDocValue } from './useDoc'

export interface SessionLanguageState {
  /** The session's language ('en' when the facilitator has not chosen). */
  readonly language: Language
  /** Sets it (facilitators; the relay refuses it from anyone else), or null outside an open session. */
  readonly set: ((language: Language) => void) | null
}

/**
 * The language of the surrounding session (BoardSessionContext), for the wall, templates' prompts and
 * the report (issue 19): read from the document, following every change.
 */
export function useSessionLanguage(): SessionLanguageState {
  const doc = useBoardSession()?.board?.doc ?? null
  const language = useDocValue(doc, readSessionLanguage) ?? 'en'
  const set = useCallback((l: Language) => doc && writeSessionLanguage(doc, l), [doc])
  return { language, set: doc ? set : null }
}
