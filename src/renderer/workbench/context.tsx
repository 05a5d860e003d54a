import { createContext, useContext } from 'react'
import type { AppHost } from '../host/types'
import type { BoardSessions } from '../session/BoardSessions'
import type { CommandRegistry } from './commands'
import type { Contributions } from './contributions'
import type { WorkbenchStore } from './store'

export interface WorkbenchServices {
  host: AppHost
  store: WorkbenchStore
  commands: CommandRegistry
  /** The open sessions (one BoardSession per session with a tab) and the active one. */
  sessions: BoardSessions
  /** What the features contributed (views, editors, commands, status items, layers). */
  contributions: Contributions
}

export const WorkbenchContext = createContext<WorkbenchServices | null>(null)

export function useServices(): WorkbenchServices {
  const s = useContext(WorkbenchContext)
  if (!s) throw new Error('useServices outside the workbench')
  return s
}
