import { atom, computed, createTLUser, getUserPreferences, setUserPreferences, type TLUser } from 'tldraw'
import { languageChoice } from '../../device/i18n/languageChoice'
import { currentUiLocale } from '../../device/i18n/uiT'

/**
 * tldraw's own labels (menus, tooltips, its announcements) follow this person's interface language
 * live. tldraw reads its locale from its user preferences, which it keeps in localStorage and shares
 * with every tab of the browser — so a guest tab in Arabic would have turned the workbench's canvas
 * Arabic too. A board's tldraw user (`canvasUser`) keeps every preference shared except the locale,
 * which is this tab's interface language. tldraw loads its own catalogue for a language it knows
 * (Arabic); for one it does not (Welsh, the pseudo-locale) it keeps English and lays our
 * `translations` for that locale over it (curation.ts).
 */
export function canvasUser(): { user: TLUser; follow(): () => void } {
  const locale = atom('copro canvas locale', currentUiLocale())
  const user = createTLUser({
    userPreferences: computed('copro canvas user', () => ({ ...getUserPreferences(), locale: locale.get() })),
    // other preferences stay shared (and saved) as tldraw keeps them; the locale stays this tab's
    setUserPreferences: (prefs) => setUserPreferences({ ...prefs, locale: getUserPreferences().locale }),
  })
  /** Follows this tab's interface language until the returned function is called. */
  const follow = () => {
    locale.set(currentUiLocale())
    return languageChoice.subscribe(() => locale.set(currentUiLocale()))
  }
  return { user, follow }
}
