import type { Editor } from 'tldraw'
import { noMotion, preferences } from '../../contrib/a11y/preferences'
import './boardA11y.css'

/**
 * Canvas-level accessibility, attached once per editor (Board's onMount):
 *  - reduced motion / calm mode → tldraw's animation speed 0 (camera moves jump instead of glide);
 *  - calm mode hides other people's cursors and selections (boardA11y.css, keyed on <html data-a11y-calm>);
 *  - Escape with nothing selected and nothing being edited leaves the canvas: focus goes to the
 *    session's editor tab, so the canvas is never a keyboard trap.
 * Returns a function that detaches everything.
 */
export function attachBoardA11y(editor: Editor): () => void {
  const applyMotion = () => {
    const speed = noMotion() ? 0 : 1
    if (editor.user.getAnimationSpeed() !== speed)
      editor.user.updateUserPreferences({ animationSpeed: speed })
  }
  applyMotion()
  const offPrefs = preferences.subscribe(applyMotion)

  const container = editor.getContainer()
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return
    const t = e.target as HTMLElement | null
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return
    if (editor.getSelectedShapeIds().length > 0 || editor.getEditingShapeId() !== null) return
    if (!editor.isIn('select.idle')) return
    const tab = document.querySelector<HTMLElement>('.editor-area [role="tab"][aria-selected="true"]')
    if (!tab) return
    e.preventDefault()
    e.stopPropagation()
    tab.focus()
  }
  container.addEventListener('keydown', onKeyDown, true)
  return () => {
    offPrefs()
    container.removeEventListener('keydown', onKeyDown, true)
  }
}
