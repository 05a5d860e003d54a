import type * as Y from 'yjs'
import type { Editor } from 'tldraw'
import type { BoardApi, BoardIdentity } from './boardApi'

/**
 * What a layer drawn over the canvas gets from the Board (facilitation banner, vote overlay …). The
 * Board renders the layers its host passes (the workbench: those features registered; the guest: the
 * ones it mounts) and knows none of them: src/renderer/board imports no feature.
 */
export interface CanvasLayerProps {
  editor: Editor
  doc: Y.Doc
  api: BoardApi
  sessionId: string
  syncUrl: string
  identity: BoardIdentity
}

export type CanvasLayer = (props: CanvasLayerProps) => React.ReactNode
