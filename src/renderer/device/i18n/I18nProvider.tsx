import { useContext, useEffect, useMemo, type ReactNode } from 'react'
import { IntlContext, IntlProvider, type IntlShape } from 'react-intl'
import {
  catalogue,
  directionOf,
  htmlLangOf,
  type MessageKey,
  type MessageValues,
  type TextDirection,
  type UiLocale,
  translator,
} from '../../../shared/i18n'

/**
 * Gives a React tree its language (react-intl over the shared catalogues, ADR 0045). The outermost
 * provider (`root`) also sets `<html lang>` and `dir`; a nested one (the wall in the session's
 * language) sets `lang`/`dir` on its own element instead — wrap its content in an element with
 * `lang={htmlLangOf(locale)} dir={directionOf(locale)}`.
 */
export function I18nProvider({
  locale,
  root = false,
  children,
}: {
  locale: UiLocale
  root?: boolean
  children: ReactNode
}) {
  const messages = useMemo(() => catalogue(locale), [locale])
  useEffect(() => {
    if (!root) return
    document.documentElement.lang = htmlLangOf(locale)
    document.documentElement.dir = directionOf(locale)
  }, [locale, root])
  return (
    <IntlProvider locale={htmlLangOf(locale)} defaultLocale="en" messages={messages} onError={reportMissing}>
      {children}
    </IntlProvider>
  )
}

function reportMissing(err: { code?: string; message: string }): void {
  // a key missing from a partial catalogue falls back to English quietly, and so does a browser without
  // number/date data for a locale (Chromium's headless shell has none for cy); anything else is a bug
  if (err.code === 'MISSING_TRANSLATION' || err.code === 'MISSING_DATA') return
  console.error(err.message)
}

export type TFunction = (key: MessageKey, values?: MessageValues) => string

/**
 * The nearest provider's FormatJS object; outside any provider (a component rendered on its own, e.g. in
 * a component test or an error boundary's fallback) English, so a screen never fails for want of one.
 */
function useNearestIntl(): { locale: string; formatMessage: IntlShape['formatMessage'] } {
  const intl = useContext(IntlContext) as IntlShape | null
  return intl ?? (translator('en').intl as unknown as IntlShape)
}

/** `t(key, values)` for the nearest provider's language. */
export function useT(): TFunction {
  const intl = useNearestIntl()
  return useMemo<TFunction>(
    () => (key, values) => intl.formatMessage({ id: key }, values as Record<string, string | number | Date>),
    [intl],
  )
}

/** The nearest provider's locale and direction. */
export function useLocale(): { locale: string; dir: TextDirection } {
  const intl = useNearestIntl()
  return { locale: intl.locale, dir: directionOf(intl.locale as UiLocale) }
}
