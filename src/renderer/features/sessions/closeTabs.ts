import type { WorkbenchStore } from '../../workbench/store'

/**
 * Closes every tab of a session (its board, its outline, any other view of it): a session moved to
 * the trash is closed for everyone, so nothing of it stays open to be edited and never saved.
 * Returns how many tabs were closed.
 */
export function closeSessionTabs(store: WorkbenchStore, sessionId: string): number {
  const ids = store
    .get()
    .tabs.filter((t) => t.sessionId === sessionId)
    .map((t) => t.id)
  for (const id of ids) store.closeTab(id)
  return ids.length
}
