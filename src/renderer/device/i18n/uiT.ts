import { htmlLangOf, translator, UiLocale, type MessageKey, type MessageValues } from '../../../shared/i18n'
import { languageChoice, resolveLocale } from './languageChoice'

/**
 * This person's interface locale outside React (command titles, announcements made by commands,
 * notices): the address's `?lang=`, else their choice on this device, else the system's — the same
 * rule as useUiLocale().
 */
export function currentUiLocale(): UiLocale {
  if (typeof location !== 'undefined') {
    const p = UiLocale.safeParse(new URLSearchParams(location.search).get('lang'))
    if (p.success) return p.data
  }
  return resolveLocale(languageChoice.get())
}

/** `t(key, values)` in this person's interface language, for code outside React. */
export function uiT(key: MessageKey, values?: MessageValues): string {
  return translator(currentUiLocale()).t(key, values)
}

/** The BCP 47 tag for dates and numbers in this person's interface language (`toLocaleDateString(uiDateLocale())`). */
export function uiDateLocale(): string {
  return htmlLangOf(currentUiLocale())
}
