import type { Command } from '../../workbench/commands'
import type { Contribution } from '../../workbench/contributions'
import type { WorkbenchServices } from '../../workbench/context'
import { WallLayer } from './WallLayer'
import { wallKey, type WallAction } from './wallState'
import { openWallLink, openWallWindow } from './wallWindow'
import { uiT } from '../../device/i18n/uiT'

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
    else store.announce(uiT('wall.needsBoard'))
  }
  return [
    {
      id: 'wall.toggle',
      get title() {
        return uiT('wall.cmd.toggle')
      },
      get category() {
        return uiT('wall.category')
      },
      keybinding: 'F5',
      menu: 'view',
      run: withSession((id) => {
        const wall = sessions.get(id)!.scoped(wallKey)
        if (wall.get().on) return wall.apply({ type: 'leave' })
        // the wall shows this session's canvas: bring its tab forward (from the outline, say)
        const tab = store.get().tabs.find((t) => t.kind === 'session' && t.sessionId === id)
        if (tab) store.set({ activeTabId: tab.id })
        wall.apply({ type: 'enter' })
        store.announce(uiT('wall.entered'))
      }),
    },
    {
      id: 'wall.openWindow',
      get title() {
        return uiT('wall.cmd.openWindow')
      },
      get category() {
        return uiT('wall.category')
      },
      keybinding: 'Shift+F5',
      menu: 'view',
      run: withSession((id) => {
        if (!openWallWindow(id)) store.notify('warning', uiT('wall.popupBlocked'))
      }),
    },
    {
      id: 'wall.results',
      get title() {
        return uiT('wall.cmd.results')
      },
      get category() {
        return uiT('wall.category')
      },
      run: withSession((id) => broadcast(id, { type: 'results' })),
    },
    {
      id: 'wall.board',
      get title() {
        return uiT('wall.cmd.board')
      },
      get category() {
        return uiT('wall.category')
      },
      run: withSession((id) => broadcast(id, { type: 'board' })),
    },
    {
      id: 'wall.fitStructure',
      get title() {
        return uiT('wall.cmd.fitStructure')
      },
      get category() {
        return uiT('wall.category')
      },
      run: withSession((id) => broadcast(id, { type: 'fit', fit: 'structure' })),
    },
    {
      id: 'wall.fitActivity',
      get title() {
        return uiT('wall.cmd.fitActivity')
      },
      get category() {
        return uiT('wall.category')
      },
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
