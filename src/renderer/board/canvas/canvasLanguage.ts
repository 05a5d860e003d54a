import type { Editor } from 'tldraw'
import { languageChoice } from '../../device/i18n/languageChoice'
import { currentUiLocale } from '../../device/i18n/uiT'

/**
 * tldraw's own labels (menus, tooltips, its announcements) follow this person's interface language
 * live: tldraw reads its locale from the user preferences (`editor.user.getLocale()`, which its UI
 * tracks), so a change in Settings → Language (or the phone's Menu) reaches the open canvas without a
 * reload. tldraw loads its own catalogue for a language it knows (Arabic); for one it does not
 * (Welsh, the pseudo-locale) it keeps English and lays our `translations` for that locale over it
 * (curation.ts). The interface language, not the session's: tldraw's preferences are shared by every
 * window of the app, and the wall window's people read the session's language in the wall's own words.
 */
export function attachCanvasLanguage(editor: Editor): () => void {
  const apply = () => {
    const locale = currentUiLocale()
    if (editor.user.getLocale() !== locale) editor.user.updateUserPreferences({ locale })
  }
  apply()
  return languageChoice.subscribe(apply)
}
