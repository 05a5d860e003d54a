import { createContext, useContext } from 'react'
import type { WorkbenchServices } from './contributions'

export type { WorkbenchServices } from './contributions'

export const WorkbenchContext = createContext<WorkbenchServices | null>(null)

export function useServices(): WorkbenchServices {
  const s = useContext(WorkbenchContext)
  if (!s) throw new Error('useServices outside the workbench')
  return s
}
