import type { ComponentType } from 'react'
import type { CoproRole, SessionRole } from '../../../shared/model/roles'

/** The contract between the workbench and the board module (src/renderer/board/Board.tsx). */
export interface BoardModuleProps {
  sessionId: string
  syncUrl: string
  token: string
  identity: { id: string; name: string; anonymous: boolean; coproRole: CoproRole; sessionRole: SessionRole }
  licenseKey?: string
  onStatus?(s: {
    connection: 'connecting' | 'connected' | 'offline'
    synced: boolean
    peers: number
    schemaError: string | null
    invalidRecords: number
  }): void
}

export interface BoardModule {
  Board: ComponentType<BoardModuleProps>
}
