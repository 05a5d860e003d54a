import { react, type Editor } from 'tldraw'
import { hiddenFontSteps, liftStep } from './cardText'

/**
 * Card detail by size on screen (ADR 0032, after ADR 0008): a card's text is drawn while it is at
 * least 9 px on screen — its font size (cardText.ts, `data-fs` on the card) times the zoom — and
 * below that the card draws it at the smallest step still readable when it has the room for two lines
 * (`data-copro-lift`, liftSteps), and shows its kind in large type when it has not. Keeps `data-copro-hide` on the editor's container
 * in step with the zoom: the list of font steps too small to read now; card.css hides those cards'
 * text. One attribute for the whole canvas: crossing a line restyles the cards at that size once, and
 * cards never re-render for it. Drawing text is most of the cost of a frame when a whole board is in
 * view (ADR 0008). A step comes back only from 10 px, so a zoom resting at a line does not flip.
 * Returns a function that stops it.
 */
export function attachCardDetail(editor: Editor): () => void {
  const container = editor.getContainer()
  let hidden: readonly number[] = []
  container.dataset.coproHide = ''
  container.dataset.coproLift = ''
  const stop = react('card detail by zoom', () => {
    const next = hiddenFontSteps(editor.getZoomLevel(), hidden)
    if (next.length === hidden.length && next.every((f, i) => f === hidden[i])) return
    hidden = next
    container.dataset.coproHide = next.join(' ')
    // a hidden card that has the room draws its text at the smallest step still readable (card.css)
    const lift = next.length > 0 ? liftStep(next) : null
    container.dataset.coproLift = lift === null ? '' : String(lift)
    container.style.setProperty('--copro-lift-fs', lift === null ? '' : `${lift}px`)
  })
  return () => {
    stop()
    delete container.dataset.coproHide
    delete container.dataset.coproLift
    container.style.removeProperty('--copro-lift-fs')
  }
}
