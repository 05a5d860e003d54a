import { memo } from 'react'
import { useEditor, useEditorComponents, useValue, type TLShapeId } from 'tldraw'

const SELECT_STATES = [
  'select.idle',
  'select.brushing',
  'select.scribble_brushing',
  'select.editing_shape',
  'select.pointing_shape',
  'select.pointing_selection',
  'select.pointing_handle',
] as const

/**
 * The selection and hover outlines, drawn only for the shapes that show one.
 *
 * tldraw 3's default (TldrawShapeIndicators → DefaultShapeIndicators) mounts a hidden SVG outline for
 * every shape on the page and toggles `display`; on a 2,000-card board that doubles the elements React
 * creates when the board opens. This draws the same outlines, in the same states (selected shapes,
 * plus the hovered one with a fine pointer while idle or editing), and nothing for the rest.
 */
export const ActiveShapeIndicators = memo(function ActiveShapeIndicators() {
  const editor = useEditor()
  const { ShapeIndicator } = useEditorComponents()
  // a sorted, space-joined string, so React re-renders only when the set of outlined shapes changes
  const key = useValue(
    'copro: outlined shapes',
    () => {
      const instance = editor.getInstanceState()
      if (instance.isChangingStyle || !editor.isInAny(...SELECT_STATES)) return ''
      const ids = new Set<string>(editor.getSelectedShapeIds())
      if (
        editor.isInAny('select.idle', 'select.editing_shape') &&
        instance.isHoveringCanvas &&
        !instance.isCoarsePointer
      ) {
        const hovered = editor.getHoveredShapeId()
        if (hovered) ids.add(hovered)
      }
      return [...ids].sort().join(' ')
    },
    [editor],
  )
  if (!ShapeIndicator || key === '') return null
  return key
    .split(' ')
    .map((id) => <ShapeIndicator key={`${id}_indicator`} shapeId={id as TLShapeId} hidden={false} />)
})
