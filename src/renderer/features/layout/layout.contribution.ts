import type { Command } from '../../workbench/commands'
import type { Contribution } from '../../workbench/contributions'
import type { WorkbenchServices } from '../../workbench/context'
import { cellName } from '../../../core/common/structure/cellLabel'
import { currentStructure } from '../../board/structure/useStructure'

/**
 * Tidy (the card flow, ADR 0030): re-flows the cards of one cell, or of the whole board, into their
 * slots in reading order — one undo step. In the palette and on the canvas by keyboard.
 */
function layoutCommands(services: WorkbenchServices): Command[] {
  const { store } = services
  const moved = (n: number) => (n === 0 ? 'Already tidy.' : n === 1 ? '1 card moved.' : `${n} cards moved.`)
  return [
    {
      id: 'board.tidyCell',
      title: 'Tidy this cell (the selected card’s cell, or the one under the pointer)',
      category: 'Board',
      keybinding: 'Mod+Alt+T',
      run: () => {
        const b = services.sessions.getActive()?.board
        if (!b) return store.announce('Open a session first.')
        if (b.cards.readOnly()) return store.announce('This board is read-only.')
        const cell = b.cellHere()
        if (!cell) return store.announce('Select a card or point at a cell first, or tidy the whole board.')
        const n = b.tidy(cell)
        store.announce(`Tidied ${cellName(currentStructure(b.doc), cell)}. ${moved(n)}`)
      },
    },
    {
      id: 'board.tidyBoard',
      title: 'Tidy the whole board (every cell’s cards in reading order)',
      category: 'Board',
      keybinding: 'Mod+Alt+Shift+T',
      run: () => {
        const b = services.sessions.getActive()?.board
        if (!b) return store.announce('Open a session first.')
        if (b.cards.readOnly()) return store.announce('This board is read-only.')
        store.announce(`Tidied the board. ${moved(b.tidy(null))}`)
      },
    },
  ]
}

export const contribution: Contribution = { id: 'layout', order: 35, commands: layoutCommands }
