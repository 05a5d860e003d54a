import type { Editor, TLShapeId } from 'tldraw'
import type { CardShape } from '../shapes/cardSchema'
import { fitCardText } from '../shapes/cardText'
import type { BoardStructure } from '../../../shared/model/structure'
import { structureBounds, type Rect } from '../../../core/common/structure/attribution'

/**
 * Controls drawn over the canvas mark themselves `data-copro-covers="top"` or `"bottom"` (the activity
 * banner, the toolbar): a fit leaves their part of the view free, so the board's headers and last row
 * are never under them.
 */
export const COVERS_ATTR = 'data-copro-covers'

/** A cover never takes more than this share of the view's height (a tall banner on a small laptop). */
const MAX_COVER_SHARE = 0.35

/** Screen px of the view's top and bottom covered by the controls over the canvas (COVERS_ATTR). */
export function coveredInsets(editor: Editor): ScreenInsets {
  const container = editor.getContainer()
  const root = container.closest('.copro-board') ?? container
  const vp = container.getBoundingClientRect()
  let top = 0
  let bottom = 0
  for (const el of root.querySelectorAll<HTMLElement>(`[${COVERS_ATTR}]`)) {
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.height === 0 || r.right <= vp.left || r.left >= vp.right) continue
    if (el.getAttribute(COVERS_ATTR) === 'top') top = Math.max(top, r.bottom - vp.top)
    else bottom = Math.max(bottom, vp.bottom - r.top)
  }
  const cap = vp.height * MAX_COVER_SHARE
  const clamp = (v: number) => Math.round(Math.min(cap, Math.max(0, v)))
  return { top: clamp(top), right: 0, bottom: clamp(bottom), left: 0 }
}

/** The last fit of the structure per editor: kept while the camera stays there (see keepFitted). */
const lastFit = new WeakMap<
  Editor,
  { camera: { x: number; y: number; z: number }; insets: ScreenInsets; view: { w: number; h: number } }
>()

const sameCamera = (a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }) =>
  Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.z - b.z) < 1e-4

/**
 * Moves the camera so the whole structure (headers included) is in view, in the part of the view the
 * controls over the canvas leave free (coveredInsets).
 */
export function zoomToStructure(editor: Editor, structure: BoardStructure | null, animate = true): boolean {
  if (!structure) return false
  const b = structureBounds(structure)
  editor.updateViewportScreenBounds(editor.getContainer())
  const vp = editor.getViewportScreenBounds()
  const insets = coveredInsets(editor)
  const camera = cameraToFit(b, { w: vp.w, h: vp.h }, insets, 16)
  editor.setCamera(camera, animate ? { animation: { duration: 200 } } : undefined)
  lastFit.set(editor, { camera, insets, view: { w: vp.w, h: vp.h } })
  return true
}

/**
 * Shift+1 on a board with no structure: every shape in view, in the part of the view the controls over
 * the canvas leave free, never zoomed in past 100 % (one card does not fill the screen).
 */
export function zoomToContent(editor: Editor): void {
  const b = editor.getCurrentPageBounds()
  if (!b) return
  editor.updateViewportScreenBounds(editor.getContainer())
  const vp = editor.getViewportScreenBounds()
  const camera = cameraToFit(
    { x: b.x, y: b.y, w: b.w, h: b.h },
    { w: vp.w, h: vp.h },
    coveredInsets(editor),
    16,
  )
  if (camera.z > 1) {
    // at 100 %, the content's centre where the fit put it (screen = (page + camera) × z)
    const c = { x: b.x + b.w / 2, y: b.y + b.h / 2 }
    const sx = (c.x + camera.x) * camera.z
    const sy = (c.y + camera.y) * camera.z
    Object.assign(camera, { x: sx - c.x, y: sy - c.y, z: 1 })
  }
  lastFit.delete(editor)
  editor.setCamera(camera, { animation: { duration: 200 } })
}

/**
 * Fits the structure again when the controls over the canvas changed size (a banner appeared, grew or
 * went) or the canvas did (a side bar opened), and the camera is still where the last fit left it; a
 * view someone moved stays as it is.
 */
export function keepFitted(editor: Editor, structure: BoardStructure | null): void {
  const fit = lastFit.get(editor)
  if (!fit || !structure || !sameCamera(fit.camera, editor.getCamera())) return
  const box = editor.getContainer().getBoundingClientRect()
  // a board in a hidden tab has no size: it is fitted again when it is shown
  if (box.width === 0 || box.height === 0) return
  const now = coveredInsets(editor)
  if (
    now.top === fit.insets.top &&
    now.bottom === fit.insets.bottom &&
    Math.abs(box.width - fit.view.w) < 1 &&
    Math.abs(box.height - fit.view.h) < 1
  )
    return
  zoomToStructure(editor, structure, false)
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

/** Card text at least this big on screen (CSS px) counts as readable when a card is brought into view. */
export const READABLE_TEXT_PX = 16

/**
 * The camera that shows one card readably: its text at least READABLE_TEXT_PX on screen (zooming in
 * only, never past what fits the card in the view with a margin), centred when it was out of view or
 * had to be zoomed; the current camera when the card is in view and readable already. Pure: page and
 * screen in, camera out (tldraw's camera: screen = (page + camera) × z).
 */
export function readableCamera(
  card: { x: number; y: number; w: number; h: number; fontSize: number },
  camera: { x: number; y: number; z: number },
  viewport: { w: number; h: number },
): { x: number; y: number; z: number } {
  const margin = 48
  const fitZ = Math.min((viewport.w - 2 * margin) / card.w, (viewport.h - 2 * margin) / card.h)
  const z = Math.max(camera.z, Math.min(READABLE_TEXT_PX / card.fontSize, fitZ))
  const left = (card.x + camera.x) * camera.z
  const top = (card.y + camera.y) * camera.z
  const inView =
    left >= 0 && top >= 0 && left + card.w * camera.z <= viewport.w && top + card.h * camera.z <= viewport.h
  if (inView && z === camera.z) return camera
  return {
    x: viewport.w / 2 / z - (card.x + card.w / 2),
    y: viewport.h / 2 / z - (card.y + card.h / 2),
    z,
  }
}

/** Tab / Shift+Tab: brings a card into view at a readable zoom (see readableCamera). */
export function bringCardIntoView(editor: Editor, id: TLShapeId): void {
  const shape = editor.getShape<CardShape>(id)
  const b = editor.getShapePageBounds(id)
  if (!shape || !b) return
  const fit = fitCardText(shape.props.w, shape.props.h, shape.props.text, shape.props.kind === 'action')
  const vp = editor.getViewportScreenBounds()
  const next = readableCamera(
    { x: b.x, y: b.y, w: b.w, h: b.h, fontSize: fit.fontSize },
    editor.getCamera(),
    { w: vp.w, h: vp.h },
  )
  const cur = editor.getCamera()
  if (next.x === cur.x && next.y === cur.y && next.z === cur.z) return
  editor.setCamera(next, { animation: { duration: 200 } })
}

/** Screen px of the view covered by something drawn over it (the wall's panel), per side. */
export interface ScreenInsets {
  readonly top: number
  readonly right: number
  readonly bottom: number
  readonly left: number
}

/**
 * The camera that fits page `bounds` into the part of a `viewport` (screen px) left free by `insets`,
 * with `margin` px around, centred there. Pure (tldraw's camera: screen = (page + camera) × z).
 */
export function cameraToFit(
  bounds: Rect,
  viewport: { w: number; h: number },
  insets: ScreenInsets,
  margin = 24,
): { x: number; y: number; z: number } {
  const rw = Math.max(1, viewport.w - insets.left - insets.right - 2 * margin)
  const rh = Math.max(1, viewport.h - insets.top - insets.bottom - 2 * margin)
  const z = Math.min(rw / Math.max(1, bounds.w), rh / Math.max(1, bounds.h))
  const cx = insets.left + margin + rw / 2
  const cy = insets.top + margin + rh / 2
  return { x: cx / z - (bounds.x + bounds.w / 2), y: cy / z - (bounds.y + bounds.h / 2), z }
}

/** Fits page `bounds` into the free part of the view at once (no animation: the wall shows it now). */
export function fitInto(editor: Editor, bounds: Rect, insets: ScreenInsets): void {
  lastFit.delete(editor)
  editor.updateViewportScreenBounds(editor.getContainer())
  const vp = editor.getViewportScreenBounds()
  editor.setCamera(cameraToFit(bounds, { w: vp.w, h: vp.h }, insets), { force: true })
}

/**
 * Watches the canvas's size and the controls over it (COVERS_ATTR: the layers come and go as direct
 * children of the board) and keeps a fitted structure fitted when they change size
 * (keepFitted). Returns a function that stops it.
 */
export function attachFitKeeper(editor: Editor, structure: () => BoardStructure | null): () => void {
  const container = editor.getContainer()
  const root = container.closest('.copro-board') ?? container
  let frame: number | null = null
  const check = () => {
    frame = null
    keepFitted(editor, structure())
  }
  const soon = () => {
    if (frame === null) frame = editor.timers.requestAnimationFrame(check)
  }
  const sizes = new ResizeObserver(soon)
  const watched = new Set<Element>()
  const rescan = () => {
    const now = new Set(root.querySelectorAll(`[${COVERS_ATTR}]`))
    for (const el of watched) if (!now.has(el) && el !== container) sizes.unobserve(el)
    for (const el of now) if (!watched.has(el)) sizes.observe(el)
    watched.clear()
    for (const el of now) watched.add(el)
    soon()
  }
  // only the board's own children (where the layers go), never the shapes: cheap
  const children = new MutationObserver(rescan)
  children.observe(root, { childList: true })
  sizes.observe(container)
  rescan()
  return () => {
    children.disconnect()
    sizes.disconnect()
    if (frame !== null) cancelAnimationFrame(frame)
  }
}
