import { useMemo } from 'react'
import type { BoardApi, BoardIdentity } from '../board/Board'
import { Outline } from '../features/outline/OutlineView'
import type { AppHost } from '../host/types'
import { CommandRegistry } from '../workbench/commands'
import { WorkbenchContext, type WorkbenchServices } from '../workbench/context'
import { useWorkbench, WorkbenchStore } from '../workbench/store'

/** Guests have no app API: the outline never needs one, so every call says so plainly. */
const NO_API: AppHost = {
  kind: 'browser',
  call: async () => ({ ok: false, error: { code: 'unauthorized', message: 'Guests have no app API.' } }),
  on: () => () => {},
  onResync: () => () => {},
  saveFile: async () => {},
}

/**
 * The outline view (headings + table of cells with their cards) for guests, so a person using a screen
 * reader or only a keyboard can read, add, edit, move and vote on cards from their own device. It
 * runs inside a small workbench shim: an announcer, no tabs, no app API.
 */
export function GuestOutline({
  api,
  sessionId,
  identity,
  title,
}: {
  api: BoardApi
  sessionId: string
  identity: BoardIdentity
  title: string
}) {
  const services = useMemo<WorkbenchServices>(
    () => ({ host: NO_API, store: new WorkbenchStore(), commands: new CommandRegistry() }),
    [],
  )
  const board = useMemo(() => ({ ...api, sessionId, identity }), [api, sessionId, identity])
  return (
    <WorkbenchContext.Provider value={services}>
      <div className="guest-outline" data-testid="guest-outline">
        <Outline board={board} title={title} alwaysShown />
        <Announcer store={services.store} />
      </div>
    </WorkbenchContext.Provider>
  )
}

function Announcer({ store }: { store: WorkbenchStore }) {
  const polite = useWorkbench(store, (s) => s.announcement)
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {polite}
    </div>
  )
}
