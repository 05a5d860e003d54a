import type { Command } from '../../workbench/commands'
import type { Contribution } from '../../workbench/contributions'
import type { WorkbenchServices } from '../../workbench/context'
import { cellName } from '../../../core/common/structure/cellLabel'
import { currentStructure } from '../../board/structure/useStructure'
import { uiT } from '../../device/i18n/uiT'

/**
 * Tidy (the card flow, ADR 0030): re-flows the cards of one cell, or of the whole board, into their
 * slots in reading order — one undo step. In the palette and on the canvas by keyboard.
 */
function layoutCommands(services: WorkbenchServices): Command[] {
  const { store } = services
  const moved = (n: number) => uiT('layout.moved', { count: n })
  return [
    {
      id: 'board.tidyCell',
      get title() {
        return uiT('layout.cmd.tidyCell')
      },
      get category() {
        return uiT('board.category')
      },
      keybinding: 'Mod+Alt+T',
      run: () => {
        const b = services.sessions.getActive()?.board
        if (!b) return store.announce(uiT('canvas.noSession'))
        if (b.cards.readOnly()) return store.announce(uiT('layout.readOnly'))
        const cell = b.cellHere()
        if (!cell) return store.announce(uiT('layout.noCell'))
        const n = b.tidy(cell)
        store.announce(
          uiT('layout.tidiedCell', {
            cell: cellName(currentStructure(b.doc), cell, uiT('outline.unplaced')),
            moved: moved(n),
          }),
        )
      },
    },
    {
      id: 'board.tidyBoard',
      get title() {
        return uiT('layout.cmd.tidyBoard')
      },
      get category() {
        return uiT('board.category')
      },
      keybinding: 'Mod+Alt+Shift+T',
      run: () => {
        const b = services.sessions.getActive()?.board
        if (!b) return store.announce(uiT('canvas.noSession'))
        if (b.cards.readOnly()) return store.announce(uiT('layout.readOnly'))
        store.announce(uiT('layout.tidiedBoard', { moved: moved(b.tidy(null)) }))
      },
    },
  ]
}

export const contribution: Contribution = { id: 'layout', order: 35, commands: layoutCommands }
