import type { ThemeSetting } from '../../shared/api'

/** A theme as applied: the setting (src/shared/api/contract.ts) with "system" resolved. */
export type ResolvedTheme = Exclude<ThemeSetting, 'system'>

/** Resolves "system" from the OS: forced colours or "more contrast" → high contrast, then dark/light. */
export function resolveTheme(setting: ThemeSetting): ResolvedTheme {
  if (setting !== 'system') return setting
  if (matchMedia('(forced-colors: active)').matches || matchMedia('(prefers-contrast: more)').matches) {
    return 'high-contrast'
  }
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

export function applyTheme(theme: ResolvedTheme): void {
  document.documentElement.dataset.theme = theme
  document.documentElement.style.colorScheme = theme === 'light' ? 'light' : 'dark'
}

/** Calls back whenever the OS preference changes. */
export function watchSystemTheme(callback: () => void): () => void {
  const queries = ['(prefers-color-scheme: dark)', '(prefers-contrast: more)', '(forced-colors: active)'].map(
    (q) => matchMedia(q),
  )
  for (const q of queries) q.addEventListener('change', callback)
  return () => queries.forEach((q) => q.removeEventListener('change', callback))
}
