import type { Editor } from 'tldraw'
import { applyCanvasPalette, canvasThemeOf } from '../../device/canvasPalette'

/**
 * Themes reach the canvas: the app's theme (light, dark, high contrast) and the high-contrast
 * preference, both attributes on <html> (workbench/theme.ts, device/preferences.ts), drive tldraw's
 * dark mode (the structure uses tldraw's colour variables) and our card palette (device/canvasPalette.ts).
 * Follows changes while the editor lives.
 */
export function attachCanvasTheme(editor: Editor): () => void {
  const root = document.documentElement
  const apply = () => {
    const theme = canvasThemeOf(root.dataset.theme, root.dataset.a11yContrast === 'high')
    applyCanvasPalette(root, theme)
    const colorScheme = theme === 'light' ? 'light' : 'dark'
    if (editor.user.getUserPreferences().colorScheme !== colorScheme)
      editor.user.updateUserPreferences({ colorScheme })
  }
  apply()
  const observer = new MutationObserver(apply)
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme', 'data-a11y-contrast'] })
  return () => observer.disconnect()
}
