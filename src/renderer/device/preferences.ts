import { useSyncExternalStore } from 'react'
import { DEFAULT_PREFERENCES, parsePreferences, wantsNoMotion, type A11yPreferences } from './prefsSchema'
import './a11y.css'

const KEY = 'copro.a11y.preferences'

type Listener = (p: A11yPreferences) => void

/**
 * This person's accessibility preferences: one observable value, remembered in localStorage and
 * applied to the document root (data attributes + a CSS variable), so every view and the canvas
 * layer (src/renderer/board/a11y) can follow it. Read with usePreferences() or preferences.get().
 */
class PreferencesStore {
  private value: A11yPreferences = DEFAULT_PREFERENCES
  private loaded = false
  private readonly listeners = new Set<Listener>()

  get = (): A11yPreferences => {
    if (!this.loaded) {
      this.loaded = true
      try {
        this.value = parsePreferences(JSON.parse(localStorage.getItem(KEY) ?? 'null'))
      } catch {
        this.value = DEFAULT_PREFERENCES
      }
    }
    return this.value
  }

  set(patch: Partial<A11yPreferences>): A11yPreferences {
    const next = parsePreferences({ ...this.get(), ...patch })
    this.value = next
    try {
      localStorage.setItem(KEY, JSON.stringify(next))
    } catch {
      // private mode or full storage: the preference still applies for this visit
    }
    applyPreferences(next)
    for (const l of [...this.listeners]) l(next)
    return next
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }
}

export const preferences = new PreferencesStore()

export function usePreferences(): A11yPreferences {
  return useSyncExternalStore(preferences.subscribe, preferences.get)
}

/** Whether the operating system asks for reduced motion. */
export function systemWantsReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches
}

/** Effective "no animations" for this person: their preference, calm mode, or the OS setting. */
export function noMotion(p: A11yPreferences = preferences.get()): boolean {
  return wantsNoMotion(p) || systemWantsReducedMotion()
}

/** Puts the preferences on <html>: data-a11y-* attributes and --a11y-scale. */
export function applyPreferences(p: A11yPreferences = preferences.get()): void {
  const root = document.documentElement
  root.style.setProperty('--a11y-scale', String(p.textScale / 100))
  root.dataset.a11yScale = String(p.textScale)
  toggle(root, 'a11yMotion', noMotion(p) ? 'reduced' : null)
  toggle(root, 'a11ySpacing', p.dyslexiaSpacing ? 'wide' : null)
  toggle(root, 'a11yCalm', p.calm ? 'on' : null)
  toggle(root, 'a11yEasyRead', p.easyRead ? 'on' : null)
  toggle(root, 'a11yContrast', p.highContrast ? 'high' : null)
}

function toggle(el: HTMLElement, key: string, value: string | null): void {
  if (value === null) delete el.dataset[key]
  else el.dataset[key] = value
}
