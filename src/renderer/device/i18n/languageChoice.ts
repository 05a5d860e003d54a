import { useSyncExternalStore } from 'react'
import { z } from 'zod'
import { negotiateLanguage, UiLocale, type Language } from '../../../shared/i18n'

/**
 * Which language this person reads the app in, remembered on this device (localStorage): 'system'
 * follows the browser's or operating system's languages (navigator.languages; Electron passes the
 * system's), otherwise one of ours. `?lang=xx` in the address wins for that visit (links, tests).
 */
const KEY = 'copro.language'
export const LanguageChoice = z.union([z.literal('system'), UiLocale])
export type LanguageChoice = z.infer<typeof LanguageChoice>

type Listener = () => void

function systemLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language])
}

function fromAddress(): UiLocale | null {
  if (typeof location === 'undefined') return null
  const p = UiLocale.safeParse(new URLSearchParams(location.search).get('lang'))
  return p.success ? p.data : null
}

class LanguageChoiceStore {
  private value: LanguageChoice | null = null
  private readonly listeners = new Set<Listener>()

  get = (): LanguageChoice => {
    if (this.value === null) {
      let stored: unknown
      try {
        stored = localStorage.getItem(KEY)
      } catch {
        stored = null
      }
      const p = LanguageChoice.safeParse(stored)
      this.value = p.success ? p.data : 'system'
    }
    return this.value
  }

  set(choice: LanguageChoice): void {
    this.value = LanguageChoice.parse(choice)
    try {
      localStorage.setItem(KEY, this.value)
    } catch {
      // private mode: the choice still holds for this visit
    }
    for (const l of [...this.listeners]) l()
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }
}

export const languageChoice = new LanguageChoiceStore()

/** The locale a choice means on this device. */
export function resolveLocale(choice: LanguageChoice): UiLocale {
  return choice === 'system' ? negotiateLanguage(systemLanguages()) : choice
}

/** This person's interface locale: the address's `?lang=`, else their choice, else the system's. */
export function useUiLocale(): UiLocale {
  const choice = useSyncExternalStore(languageChoice.subscribe, languageChoice.get)
  return fromAddress() ?? resolveLocale(choice)
}

/** The browser's own preference among the languages we speak (what a join screen offers first). */
export function systemLanguage(): Language {
  return negotiateLanguage(systemLanguages())
}
