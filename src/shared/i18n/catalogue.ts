import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl'
import en from './locales/en.json'
import cy from './locales/cy.json'
import ar from './locales/ar.json'
import {
  directionOf,
  htmlLangOf,
  PSEUDO_LOCALE,
  type Language,
  type TextDirection,
  type UiLocale,
} from './languages'
import { pseudoCatalogue } from './pseudo'

/**
 * The message catalogues (one JSON file per language in ./locales, ICU MessageFormat; ADR 0045) and a
 * translator for code outside React (CLI, exports, the main process). React code uses
 * src/renderer/device/i18n (react-intl over the same catalogues).
 *
 * English is the source: every key is in en.json, and MessageKey is its keys, so a key that does not
 * exist is a type error. A key missing from another catalogue falls back to English.
 */
export type MessageKey = keyof typeof en
export type Catalogue = Readonly<Record<string, string>>
/** Values for a message's ICU arguments. */
export type MessageValues = Readonly<Record<string, string | number | Date | null | undefined>>

export const SOURCE_CATALOGUE: Catalogue = en
const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, cy, ar }

/** The raw catalogue of one language, as written by its translators (no fallback). */
export function ownCatalogue(lang: Language): Catalogue {
  return CATALOGUES[lang]
}

const merged = new Map<UiLocale, Catalogue>()

/** The catalogue a screen uses for `locale`: its own messages over English ones. */
export function catalogue(locale: UiLocale): Catalogue {
  let c = merged.get(locale)
  if (!c) {
    c = locale === PSEUDO_LOCALE ? pseudoCatalogue(en) : { ...en, ...CATALOGUES[locale] }
    merged.set(locale, c)
  }
  return c
}

export interface Translator {
  readonly locale: UiLocale
  /** For `<html lang>`. */
  readonly lang: string
  readonly dir: TextDirection
  t(key: MessageKey, values?: MessageValues): string
  /** The underlying FormatJS object, for numbers, dates and lists in this locale. */
  readonly intl: IntlShape<string>
}

const cache = createIntlCache()
const translators = new Map<UiLocale, Translator>()

/** A translator for `locale` (cached: one per locale per process). */
export function translator(locale: UiLocale): Translator {
  let tr = translators.get(locale)
  if (!tr) {
    const lang = htmlLangOf(locale)
    const intl = createIntl({ locale: lang, defaultLocale: 'en', messages: catalogue(locale) }, cache)
    tr = {
      locale,
      lang,
      dir: directionOf(locale),
      intl,
      t: (key, values) => intl.formatMessage({ id: key }, values as Record<string, string | number | Date>),
    }
    translators.set(locale, tr)
  }
  return tr
}
