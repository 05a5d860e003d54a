import type { Editor } from 'tldraw'
import type { BoardStructure } from '../../../shared/model/structure'
import { structureBounds } from '../../../core/common/structure/attribution'

/** Moves the camera so the whole structure (headers included) is in view. */
export function zoomToStructure(editor: Editor, structure: BoardStructure | null, animate = true): boolean {
  if (!structure) return false
  const b = structureBounds(structure)
  editor.zoomToBounds(b, { inset: 32, ...(animate ? { animation: { duration: 200 } } : {}) })
  return true
}

const fitted = new WeakSet<Editor>()

/**
 * The first time a board with a structure is shown in this editor and the camera has not moved from
 * where tldraw starts it, fit the structure into view, so the board appears ready to run.
 */
export function fitStructureOnce(editor: Editor, structure: BoardStructure | null): void {
  if (!structure || fitted.has(editor)) return
  fitted.add(editor)
  const c = editor.getCamera()
  if (c.x === 0 && c.y === 0 && c.z === 1) zoomToStructure(editor, structure, false)
}
