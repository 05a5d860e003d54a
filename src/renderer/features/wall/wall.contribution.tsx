import type { Command } from '../../workbench/commands'
import type { Contribution } from '../../workbench/contributions'
import type { WorkbenchServices } from '../../workbench/context'
import { WallLayer } from './WallLayer'
import { wallKey, type WallAction } from './wallState'
import { openWallLink, openWallWindow } from './wallWindow'

/** Sends a wall action to every window of the app, this one included (its WallLayer listens too). */
function broadcast(sessionId: string, action: WallAction): void {
  const link = openWallLink(() => {})
  link.send({ sessionId, action })
  link.close()
}

function wallCommands(services: WorkbenchServices): Command[] {
  const { sessions, store } = services
  const withSession = (fn: (sessionId: string) => void) => () => {
    const s = sessions.getActive()
    if (s?.board) fn(s.sessionId)
    else store.announce('Open a session’s board first.')
  }
  return [
    {
      id: 'wall.toggle',
      title: 'Wall mode: show the board for the projector',
      category: 'Wall',
      keybinding: 'F5',
      menu: 'view',
      run: withSession((id) => {
        const wall = sessions.get(id)!.scoped(wallKey)
        if (wall.get().on) return wall.apply({ type: 'leave' })
        // the wall shows this session's canvas: bring its tab forward (from the outline, say)
        const tab = store.get().tabs.find((t) => t.kind === 'session' && t.sessionId === id)
        if (tab) store.set({ activeTabId: tab.id })
        wall.apply({ type: 'enter' })
        store.announce('Wall mode. Escape leaves it.')
      }),
    },
    {
      id: 'wall.openWindow',
      title: 'Wall mode on a second screen (a window for the projector)',
      category: 'Wall',
      keybinding: 'Shift+F5',
      menu: 'view',
      run: withSession((id) => {
        if (!openWallWindow(id))
          store.notify('warning', 'The browser blocked the wall window: allow pop-ups.')
      }),
    },
    {
      id: 'wall.results',
      title: 'Wall: show the voting results (R on the wall)',
      category: 'Wall',
      run: withSession((id) => broadcast(id, { type: 'results' })),
    },
    {
      id: 'wall.board',
      title: 'Wall: back to the board (B on the wall)',
      category: 'Wall',
      run: withSession((id) => broadcast(id, { type: 'board' })),
    },
    {
      id: 'wall.fitStructure',
      title: 'Wall: show the whole structure (S on the wall)',
      category: 'Wall',
      run: withSession((id) => broadcast(id, { type: 'fit', fit: 'structure' })),
    },
    {
      id: 'wall.fitActivity',
      title: 'Wall: show the current activity’s cells',
      category: 'Wall',
      run: withSession((id) => broadcast(id, { type: 'fit', fit: 'activity' })),
    },
  ]
}

/** Wall mode: the board for a projector, run from the keyboard or from a second window. */
export const contribution: Contribution = {
  id: 'wall',
  order: 45,
  commands: wallCommands,
  layers: [WallLayer],
}
