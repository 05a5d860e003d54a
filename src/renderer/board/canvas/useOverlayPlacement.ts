import { useLayoutEffect, type RefObject } from 'react'
import { useValue, type Editor } from 'tldraw'
import { CARD_SHAPE_TYPE } from '../../../core/common/cards/card'
import { CARD_CHROME } from '../shapes/cardText'
import { placeOverlays, type Box, type OverlayCard, type OverlayItem } from './overlayPlacement'

/** What nothing drawn over a card may cover: tldraw's mark, the canvas toolbar, the activity banner. */
const RESERVED = '.tl-watermark_SEE-LICENSE, .copro-toolbar, .facil-banner'
const NONE: ReadonlyMap<string, OverlayCard> = new Map()

/**
 * Places the overlays in `layer` (each an element with data-overlay-card="<card id>", and
 * data-overlay-count="<n>" when its compact form holds n markers) next to their cards so that none
 * covers a card's words (overlayPlacement.ts). An overlay set compact gets data-compact and the CSS
 * variable --overlay-size (its height, px); its accessible name does not change. Runs after each render
 * of the layer and whenever a card on the screen moves or the camera does.
 */
export function useOverlayPlacement(
  editor: Editor,
  layer: RefObject<HTMLElement | null>,
  /** False while the layer shows nothing: then no card is looked at when the camera moves. */
  active = true,
): void {
  const cards = useValue(
    'overlay obstacles',
    () => {
      if (!active) return NONE
      const vp = editor.getViewportPageBounds()
      const z = editor.getZoomLevel()
      const out = new Map<string, OverlayCard>()
      for (const s of editor.getCurrentPageShapes()) {
        if (s.type !== CARD_SHAPE_TYPE) continue
        const b = editor.getShapePageBounds(s)
        if (!b || !vp.collides(b)) continue
        const p = editor.pageToViewport({ x: b.x, y: b.y })
        out.set(s.id, {
          box: { left: p.x, top: p.y, right: p.x + b.w * z, bottom: p.y + b.h * z },
          headH: CARD_CHROME.head * z,
        })
      }
      return out
    },
    [editor, active],
  )
  useLayoutEffect(() => {
    const el = layer.current
    if (!el || !active) return
    const overlays = [...el.querySelectorAll<HTMLElement>('[data-overlay-card]')]
    // measured at full size, all at once (one layout)
    for (const o of overlays) o.removeAttribute('data-compact')
    const sized = overlays.map((o) => ({ o, w: o.offsetWidth, h: o.offsetHeight }))
    const origin = el.getBoundingClientRect()
    const rel = (r: DOMRect): Box => ({
      left: r.left - origin.left,
      top: r.top - origin.top,
      right: r.right - origin.left,
      bottom: r.bottom - origin.top,
    })
    const board = el.closest('.copro-board') ?? el.parentElement
    const reserved = board
      ? [
          ...[...board.querySelectorAll(RESERVED)].map((r) => r.getBoundingClientRect()),
          // other layers' overlays (comments beside votes), where they are now
          ...[...board.querySelectorAll('[data-overlay-card]')]
            .filter((o) => !el.contains(o))
            .map((o) => o.getBoundingClientRect()),
        ]
          .filter((r) => r.width > 0 && r.height > 0)
          .map(rel)
      : []
    // the structure's headers (stage, lane, zone: their prompts are words too), kept clear while there is room
    const avoid = board
      ? [...board.querySelectorAll('.copro-structure__header')]
          .map((h) => h.getBoundingClientRect())
          .filter((r) => r.width > 0 && r.height > 0)
          .map(rel)
      : []
    const items: OverlayItem[] = []
    const placedEls: HTMLElement[] = []
    for (const { o, w, h } of sized) {
      const card = cards.get(o.dataset.overlayCard ?? '')
      if (!card) continue
      items.push({ card, w, h, compactCount: Number(o.dataset.overlayCount ?? 1) || 1 })
      placedEls.push(o)
    }
    const at = placeOverlays(
      items,
      [...cards.values()],
      { width: el.clientWidth, height: el.clientHeight },
      reserved,
      avoid,
    )
    at.forEach((p, i) => {
      const o = placedEls[i]!
      o.style.left = `${p.left}px`
      o.style.top = `${p.top}px`
      o.toggleAttribute('data-compact', p.compact)
      o.style.setProperty('--overlay-size', `${p.size}px`)
    })
  })
}
