import type { Editor } from 'tldraw'
import { noMotion, preferences } from '../../device/preferences'
import { followTextScaleWithZoom } from './textScaleZoom'
import { uiT } from '../../device/i18n/uiT'
import './boardA11y.css'

/**
 * Canvas-level accessibility, attached once per editor (Board's onMount):
 *  - reduced motion / calm mode → tldraw's animation speed 0 (camera moves jump instead of glide);
 *  - the canvas zoom follows the text-size preference (textScaleZoom.ts);
 *  - calm mode hides other people's cursors and selections (boardA11y.css, keyed on <html data-a11y-calm>);
 *  - Escape with nothing selected and nothing being edited leaves the canvas: focus goes to the
 *    session's editor tab, so the canvas is never a keyboard trap;
 *  - tldraw's style-panel sliders get an accessible name (from their title) when they lack one.
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
  const stopZoom = followTextScaleWithZoom(editor)

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

  let frame: number | null = null
  const nameSliders = () => {
    frame = null
    for (const el of container.querySelectorAll<HTMLElement>(
      '.tlui-layout [role="slider"]:not([aria-label]):not([aria-labelledby])',
    )) {
      const title = el.closest('[title]')?.getAttribute('title')
      el.setAttribute('aria-label', title && title.trim() !== '' ? title : uiT('board.slider'))
    }
  }
  const observer = new MutationObserver(() => {
    if (frame === null) frame = requestAnimationFrame(nameSliders)
  })
  observer.observe(container, { childList: true, subtree: true })
  nameSliders()
  return () => {
    observer.disconnect()
    if (frame !== null) cancelAnimationFrame(frame)
    offPrefs()
    stopZoom()
    container.removeEventListener('keydown', onKeyDown, true)
  }
}
