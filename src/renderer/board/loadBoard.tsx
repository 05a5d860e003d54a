import { lazy, useState, type ComponentType } from 'react'
import type { BoardProps } from './Board'

type BoardComponent = ComponentType<BoardProps>

let loaded: BoardComponent | null = null
let loading: Promise<BoardComponent> | null = null

/**
 * Loads the canvas module (tldraw is most of the app's code). Call it early — while someone reads the
 * welcome page or the join screen — so that opening a board does not wait for it.
 */
export function preloadBoard(): Promise<BoardComponent> {
  loading ??= import('./Board').then((m) => (loaded = m.Board))
  return loading
}

const LazyBoard = lazy(() => preloadBoard().then((Board) => ({ default: Board })))

/**
 * The live board, for hosts outside src/renderer/board. Once the module has loaded it renders the board
 * directly: going through `lazy` would suspend once more, and React holds back revealing suspended
 * content for 300 ms. Otherwise it renders a lazy board (put a Suspense boundary around it). The choice
 * is made once per mount, so a re-render never swaps the component (which would reconnect the board).
 */
export function LoadedBoard(props: BoardProps) {
  const [Board] = useState<BoardComponent>(() => loaded ?? LazyBoard)
  return <Board {...props} />
}
