import type { SessionSummary } from '../../../shared/model/session'
import type { StorageWarning } from './errors'
import { pathExists } from './fsAtomic'
import { DataLayout } from './layout'
import { type LockInfo, readLiveLock } from './lock'
import { loadIndex } from './sessionIndex'

/** A view of a data folder that takes no lock and writes nothing (safe while a server owns the folder). */
export interface ReadOnlyView {
  readonly sessions: SessionSummary[]
  readonly warnings: StorageWarning[]
  /** The live owner of the folder, if any. */
  readonly owner: LockInfo | null
  readonly layout: DataLayout
}

export async function readDataDir(dataDir: string): Promise<ReadOnlyView> {
  const layout = new DataLayout(dataDir)
  const warnings: StorageWarning[] = []
  if (!(await pathExists(dataDir))) return { sessions: [], warnings, owner: null, layout }
  const owner = await readLiveLock(layout.lock)
  const { db } = await loadIndex(layout, warnings, true)
  return { sessions: db.data.sessions.map((s) => ({ ...s })), warnings, owner, layout }
}
