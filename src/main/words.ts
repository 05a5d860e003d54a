import { app } from 'electron'
import { negotiateLanguage, translator, type MessageKey } from '../shared/i18n'

/**
 * The main process's few words for people (window titles, refusals the page shows), in the operating
 * system's language (the page itself follows the person's own choice; ADR 0045).
 */
export function mainWords(key: MessageKey): string {
  const preferred =
    typeof app.getPreferredSystemLanguages === 'function'
      ? app.getPreferredSystemLanguages()
      : typeof app.getLocale === 'function'
        ? [app.getLocale()]
        : []
  return translator(negotiateLanguage(preferred)).t(key)
}
