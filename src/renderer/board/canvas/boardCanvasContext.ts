import { createContext, useContext } from 'react'
import type { CardKind } from '../../../core/common/cards/card'
import type { BoardApi } from '../boardApi'

/** What the board's own canvas UI (toolbar, link panel) needs from the Board that renders it. */
export interface BoardCanvasContext {
  /** Opens the card composer (kind chosen, or the one the target cell suggests). */
  openComposer(kind?: CardKind): void
  api(): BoardApi | null
}

export const BoardCanvasCtx = createContext<BoardCanvasContext | null>(null)

/** The Board around this tldraw component (the toolbar and panels render inside <Tldraw>). */
export function useBoardCanvas(): BoardCanvasContext | null {
  return useContext(BoardCanvasCtx)
}
