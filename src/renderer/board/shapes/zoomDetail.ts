import { react, type Editor } from 'tldraw'

/** How much of each card the canvas draws: everything, or (zoomed far out) its kind in large type. */
export type CardDetail = 'near' | 'far'

/**
 * Below this zoom a card's 14 px text is under 6 px on screen — unreadable — so cards show their kind
 * (icon + label, large) instead; back to full cards at `FAR_ZOOM_LEAVE`. The gap keeps a zoom that
 * hovers at the line from switching back and forth.
 */
export const FAR_ZOOM_ENTER = 0.4
export const FAR_ZOOM_LEAVE = 0.45

export function nextCardDetail(current: CardDetail, zoom: number): CardDetail {
  if (current === 'near') return zoom < FAR_ZOOM_ENTER ? 'far' : 'near'
  return zoom >= FAR_ZOOM_LEAVE ? 'near' : 'far'
}

/**
 * Keeps `data-copro-detail` on the editor's container in step with the zoom; card.css draws far cards
 * from it. One attribute for the whole canvas: crossing the line restyles the cards once, and cards
 * never re-render for it. Drawing text is most of the cost of a frame when a whole board is in view
 * (a card dragged on a 2,000-card board zoomed to fit: 83 → 50 ms frames without a GPU). Returns a
 * function that stops it.
 */
export function attachCardDetail(editor: Editor): () => void {
  const container = editor.getContainer()
  let detail: CardDetail = 'near'
  container.dataset.coproDetail = detail
  const stop = react('card detail by zoom', () => {
    const next = nextCardDetail(detail, editor.getZoomLevel())
    if (next === detail) return
    detail = next
    container.dataset.coproDetail = next
  })
  return () => {
    stop()
    delete container.dataset.coproDetail
  }
}
