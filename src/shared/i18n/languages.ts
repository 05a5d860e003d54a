import { z } from 'zod'

/**
 * The languages Copro Studio speaks (ADR 0045, docs/i18n.md). One message catalogue per language in
 * ./locales/<code>.json. `complete` languages translate every key (a test checks); the others cover
 * the guest's screens (join and phone) and fall back to English elsewhere.
 */
export const LANGUAGES = [
  { code: 'en', name: 'English', englishName: 'English', dir: 'ltr', complete: true },
  { code: 'cy', name: 'Cymraeg', englishName: 'Welsh', dir: 'ltr', complete: true },
  { code: 'ar', name: 'العربية', englishName: 'Arabic', dir: 'rtl', complete: false },
] as const

export const Language = z.enum(['en', 'cy', 'ar'])
export type Language = z.infer<typeof Language>

/** The pseudo-locale: English with accents and 40 % longer strings, for finding untranslated or clipped text. */
export const PSEUDO_LOCALE = 'en-XA'
/** Every locale the catalogues can be asked for: the real languages and the pseudo-locale. */
export const UiLocale = z.union([Language, z.literal(PSEUDO_LOCALE)])
export type UiLocale = z.infer<typeof UiLocale>

export const DEFAULT_LANGUAGE: Language = 'en'

export type TextDirection = 'ltr' | 'rtl'

export function directionOf(locale: UiLocale): TextDirection {
  return LANGUAGES.find((l) => l.code === locale)?.dir ?? 'ltr'
}

/** The BCP 47 tag to put in `<html lang>` (the pseudo-locale is English text). */
export function htmlLangOf(locale: UiLocale): string {
  return locale === PSEUDO_LOCALE ? 'en' : locale
}

/**
 * The first of `preferred` (e.g. navigator.languages, app.getPreferredSystemLanguages()) that we speak,
 * matched by primary subtag ('cy-GB' → 'cy'); English when none is.
 */
export function negotiateLanguage(
  preferred: readonly string[],
  offered: readonly Language[] = LANGUAGES.map((l) => l.code),
): Language {
  for (const tag of preferred) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0]
    const hit = offered.find((code) => code === primary)
    if (hit) return hit
  }
  return DEFAULT_LANGUAGE
}
