export { I18nProvider, useT, useLocale, type TFunction } from './I18nProvider'
export { DeviceLanguage } from './DeviceLanguage'
export { languageChoice, LanguageChoice, resolveLocale, systemLanguage, useUiLocale } from './languageChoice'
export { kindLabel, kindPhrase, roleHint, roleLabel, roleShort } from './vocabulary'
