import { createContext, useContext } from 'react'
import type { AppHost } from '../host/types'
import type { CommandRegistry } from './commands'
import type { WorkbenchStore } from './store'

export interface WorkbenchServices {
  host: AppHost
  store: WorkbenchStore
  commands: CommandRegistry
}

export const WorkbenchContext = createContext<WorkbenchServices | null>(null)

export function useServices(): WorkbenchServices {
  const s = useContext(WorkbenchContext)
  if (!s) throw new Error('useServices outside the workbench')
  return s
}
