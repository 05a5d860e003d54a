import { negotiateLanguage, translator, type MessageKey } from '../shared/i18n'

/**
 * The main process's few words for people (window titles, refusals the page shows), in the operating
 * system's language — Electron's main process runs with the system's locale as the default of `Intl`
 * (the page itself follows the person's own choice; ADR 0045). No Electron import: unit tests load this.
 */
export function mainWords(key: MessageKey): string {
  return translator(negotiateLanguage([Intl.DateTimeFormat().resolvedOptions().locale])).t(key)
}
