import type { Command } from '../../workbench/commands'
import type { Contribution } from '../../workbench/contributions'
import type { WorkbenchServices } from '../../workbench/context'
import type { SessionBoard } from '../../session/BoardSession'
import { uiT } from '../../device/i18n/uiT'

const withBoard = (services: WorkbenchServices, fn: (b: SessionBoard) => void) => () => {
  const b = services.sessions.getActive()?.board
  if (b) fn(b)
  else services.store.announce(uiT('canvas.noSession'))
}

/**
 * Palette entries for the canvas's own keys (C, Tab, Escape …), so every shortcut can be found in
 * the palette; they act on the active session's board.
 */
function canvasCommands(services: WorkbenchServices): Command[] {
  const { store } = services
  return [
    {
      id: 'board.newCard',
      get title() {
        return uiT('canvas.cmd.newCard')
      },
      get category() {
        return uiT('board.category')
      },
      run: withBoard(services, (b) => {
        const tab = store.get().tabs.find((t) => t.id === store.get().activeTabId)
        if (tab?.kind === 'outline') document.querySelector<HTMLElement>('.outline-add textarea')?.focus()
        else b.openComposer()
      }),
    },
    {
      id: 'board.nextCard',
      get title() {
        return uiT('canvas.cmd.nextCard')
      },
      get category() {
        return uiT('board.category')
      },
      run: withBoard(services, (b) => void b.focusNextCard(1)),
    },
    {
      id: 'board.previousCard',
      get title() {
        return uiT('canvas.cmd.previousCard')
      },
      get category() {
        return uiT('board.category')
      },
      run: withBoard(services, (b) => void b.focusNextCard(-1)),
    },
    {
      id: 'board.undo',
      get title() {
        return uiT('canvas.cmd.undo')
      },
      get category() {
        return uiT('board.category')
      },
      run: withBoard(services, (b) => b.undo()),
    },
    {
      id: 'board.redo',
      get title() {
        return uiT('canvas.cmd.redo')
      },
      get category() {
        return uiT('board.category')
      },
      run: withBoard(services, (b) => b.redo()),
    },
    {
      id: 'board.zoomToFit',
      get title() {
        return uiT('canvas.cmd.zoomToFit')
      },
      get category() {
        return uiT('board.category')
      },
      run: withBoard(services, (b) => b.fitStructureOrContent()),
    },
    {
      id: 'board.zoomToSelection',
      get title() {
        return uiT('canvas.cmd.zoomToSelection')
      },
      get category() {
        return uiT('board.category')
      },
      run: withBoard(services, (b) => {
        if (!b.zoomToSelection()) store.announce(uiT('canvas.nothingSelected'))
      }),
    },
    {
      id: 'board.leaveCanvas',
      get title() {
        return uiT('canvas.cmd.leave')
      },
      get category() {
        return uiT('board.category')
      },
      run: () =>
        document.querySelector<HTMLElement>('.editor-area [role="tab"][aria-selected="true"]')?.focus(),
    },
  ]
}

export const contribution: Contribution = { id: 'canvas', order: 30, commands: canvasCommands }
