import type { ReactNode } from 'react'
import { I18nProvider } from './I18nProvider'
import { useUiLocale } from './languageChoice'

/**
 * The outermost provider of a page (workbench, guest canvas, join-code page, phone): this person's
 * language on this device (`?lang=`, else their choice, else the system's), and `<html lang dir>`.
 */
export function DeviceLanguage({ children }: { children: ReactNode }) {
  const locale = useUiLocale()
  return (
    <I18nProvider locale={locale} root>
      {children}
    </I18nProvider>
  )
}
