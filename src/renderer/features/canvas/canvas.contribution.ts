import type { Command } from '../../workbench/commands'
import type { Contribution } from '../../workbench/contributions'
import type { WorkbenchServices } from '../../workbench/context'
import type { SessionBoard } from '../../session/BoardSession'

const withBoard = (services: WorkbenchServices, fn: (b: SessionBoard) => void) => () => {
  const b = services.sessions.getActive()?.board
  if (b) fn(b)
  else services.store.announce('Open a session first.')
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
      title: 'New card (C on the canvas)',
      category: 'Board',
      run: withBoard(services, (b) => {
        const tab = store.get().tabs.find((t) => t.id === store.get().activeTabId)
        if (tab?.kind === 'outline') document.querySelector<HTMLElement>('.outline-add textarea')?.focus()
        else b.openComposer()
      }),
    },
    {
      id: 'board.nextCard',
      title: 'Next card in reading order (Tab on the canvas)',
      category: 'Board',
      run: withBoard(services, (b) => void b.focusNextCard(1)),
    },
    {
      id: 'board.previousCard',
      title: 'Previous card in reading order (Shift+Tab on the canvas)',
      category: 'Board',
      run: withBoard(services, (b) => void b.focusNextCard(-1)),
    },
    {
      id: 'board.undo',
      title: 'Undo on the board (Ctrl+Z on the canvas)',
      category: 'Board',
      run: withBoard(services, (b) => b.undo()),
    },
    {
      id: 'board.redo',
      title: 'Redo on the board (Ctrl+Shift+Z on the canvas)',
      category: 'Board',
      run: withBoard(services, (b) => b.redo()),
    },
    {
      id: 'board.zoomToFit',
      title: 'Show the whole structure (Shift+1 on the canvas)',
      category: 'Board',
      run: withBoard(services, (b) => b.fitStructureOrContent()),
    },
    {
      id: 'board.zoomToSelection',
      title: 'Zoom to the selection (Shift+2 on the canvas)',
      category: 'Board',
      run: withBoard(services, (b) => {
        if (!b.zoomToSelection()) store.announce('Nothing is selected.')
      }),
    },
    {
      id: 'board.leaveCanvas',
      title: 'Leave the canvas (Escape on the canvas, with nothing selected)',
      category: 'Board',
      run: () =>
        document.querySelector<HTMLElement>('.editor-area [role="tab"][aria-selected="true"]')?.focus(),
    },
  ]
}

export const contribution: Contribution = { id: 'canvas', order: 30, commands: canvasCommands }
