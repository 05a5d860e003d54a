import type { ComponentType } from 'react'
import type { CoproRole, SessionRole } from '../../../shared/model/roles'
import type { ActiveBoardApi } from '../../workbench/activeBoard'

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
  /** Called once the board is live, with the API other views use; the function returned by onReady's caller unregisters. */
  onReady?(api: Omit<ActiveBoardApi, 'sessionId' | 'identity'>): void
}

export interface BoardModule {
  Board: ComponentType<BoardModuleProps>
}
