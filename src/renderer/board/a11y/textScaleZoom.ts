import type { Editor } from 'tldraw'
import { preferences } from '../../device/preferences'

/**
 * The canvas zoom follows this person's text-size preference (100–200 %), so cards grow with the rest
 * of the app instead of staying at their drawn size: the board opens at that zoom, and changing the
 * setting while a board is open zooms by the same ratio about the centre of the view. Zooming by hand
 * afterwards is kept; only the change of preference is applied, and not while following someone.
 * Returns a function that stops it.
 */
export function followTextScaleWithZoom(editor: Editor): () => void {
  /** The text scale the camera already reflects. */
  let applied = 1
  let stopped = false
  const apply = () => {
    const scale = preferences.get().textScale / 100
    if (scale === applied) return
    const ratio = scale / applied
    applied = scale
    // while following someone the camera is theirs; the next change of preference applies to the new zoom
    if (editor.getInstanceState().followingUserId !== null) return
    const cam = editor.getCamera()
    const before = editor.getViewportScreenBounds()
    // tldraw: page = screen / z − camera. The page point now in the middle of the view stays there.
    const centre = { x: before.w / 2 / cam.z - cam.x, y: before.h / 2 / cam.z - cam.y }
    const z = cam.z * ratio
    const place = () => {
      if (stopped) return
      editor.updateViewportScreenBounds(editor.getContainer())
      const { w, h } = editor.getViewportScreenBounds()
      editor.setCamera({ x: w / 2 / z - centre.x, y: h / 2 / z - centre.y, z }, { immediate: true })
    }
    place()
    // the workbench around the canvas grows with the text too: place again once the layout has followed —
    // unless the camera was moved by hand in between (that zoom is kept)
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (Math.abs(editor.getCamera().z - z) < 1e-9) place()
      }),
    )
  }
  apply()
  const unsubscribe = preferences.subscribe(apply)
  return () => {
    stopped = true
    unsubscribe()
  }
}
