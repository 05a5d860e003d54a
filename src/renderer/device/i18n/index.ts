export { I18nProvider, useT, useLocale, type TFunction } from './I18nProvider'
export { languageChoice, LanguageChoice, resolveLocale, systemLanguage, useUiLocale } from './languageChoice'
