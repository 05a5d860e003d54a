import { useCallback, type RefObject } from 'react'
import type { Editor } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../core/common/cards/card'
import type { BoardApi } from './boardApi'

const isTypingTarget = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement &&
  (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)

/** Shift+<digit> by the key's place (Shift+1 types "!" on a US keyboard, "1" on a French one). */
const shiftDigit = (e: React.KeyboardEvent, d: string): boolean =>
  e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey && (e.code === `Digit${d}` || e.key === d)

/**
 * The board's own keys, handled in the capture phase around the canvas: `c` opens the card composer for
 * the cell under the pointer (or the selection's, or the view's); Tab / Shift+Tab move between cards in
 * reading order and bring each into view readably (not while typing or editing a card) and, past the
 * last (first) card, leave the canvas as usual — Tab is never trapped. Only Tab on the canvas itself or
 * tldraw's "Move focus to canvas" button goes card to card; from tldraw's toolbar and panels it moves on
 * as in any page. Shift+1 fits the structure (the content when there is none), Shift+2 the selection;
 * tldraw's own Shift+1 (fit the shapes) and Shift+2 never see these keys.
 */
export function useCanvasKeys(
  editorRef: RefObject<Editor | null>,
  apiRef: RefObject<BoardApi | null>,
): (e: React.KeyboardEvent<HTMLDivElement>) => void {
  return useCallback(
    (e: React.KeyboardEvent<HTMLDivElement>) => {
      const editor = editorRef.current
      const api = apiRef.current
      if (!editor || !api || isTypingTarget(e.target) || editor.getEditingShapeId() !== null) return
      if (e.key === 'Tab' && !e.ctrlKey && !e.metaKey && !e.altKey) {
        const hasSelection = editor.getSelectedShapeIds().length > 0
        // with nothing selected, Shift+Tab leaves the canvas as usual (no keyboard trap)
        if (!hasSelection && e.shiftKey) return
        // nor with no card to go to
        if (!editor.getCurrentPageShapes().some((s) => s.type === CARD_SHAPE_TYPE)) return
        const target = e.target as HTMLElement
        const onCanvas =
          target === editor.getContainer() || target.classList.contains('tl-skip-to-main-content')
        if (!onCanvas) return
        if (e.type !== 'keydown') {
          e.stopPropagation()
          return
        }
        // past the last card (or before the first): leave the canvas (the browser moves focus on)
        if (!api.focusNextCard(e.shiftKey ? -1 : 1, false)) return
        e.preventDefault()
        e.stopPropagation()
        if (target !== editor.getContainer()) editor.getContainer().focus()
        return
      }
      if (shiftDigit(e, '1') || shiftDigit(e, '2')) {
        e.preventDefault()
        e.stopPropagation()
        if (e.type !== 'keydown') return
        if (shiftDigit(e, '1')) api.fitStructureOrContent()
        else api.zoomToSelection()
        return
      }
      if (
        e.type === 'keydown' &&
        (e.key === 'c' || e.key === 'C') &&
        !e.ctrlKey &&
        !e.metaKey &&
        !e.altKey &&
        !e.shiftKey
      ) {
        if (editor.getIsReadonly()) return
        e.preventDefault()
        e.stopPropagation()
        api.openComposer()
      }
    },
    [editorRef, apiRef],
  )
}
