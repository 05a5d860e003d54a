import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { AppHost } from '../../src/renderer/host/types'
import { CommandPalette } from '../../src/renderer/workbench/CommandPalette'
import { CommandRegistry } from '../../src/renderer/workbench/commands'
import { WorkbenchContext } from '../../src/renderer/workbench/context'
import { Contributions } from '../../src/renderer/workbench/contributions'
import { BoardSessions } from '../../src/renderer/session/BoardSessions'
import { WorkbenchStore } from '../../src/renderer/workbench/store'

function setup() {
  const store = new WorkbenchStore()
  const commands = new CommandRegistry(false)
  const ran: string[] = []
  const cmd = (id: string, category: string, title: string, keybinding?: string) => ({
    id,
    category,
    title,
    ...(keybinding ? { keybinding } : {}),
    run: () => void ran.push(id),
  })
  commands.register(
    cmd('session.new', 'Session', 'New session', 'Mod+N'),
    cmd('view.settings', 'View', 'Show settings'),
    cmd('board.zoomToFit', 'Board', 'Zoom to fit', 'Shift+1'),
  )
  const host = {} as AppHost // the palette never calls the app API
  render(
    <WorkbenchContext.Provider
      value={{ host, store, commands, sessions: new BoardSessions(), contributions: new Contributions([]) }}
    >
      <button type="button">before</button>
      <CommandPalette />
    </WorkbenchContext.Provider>,
  )
  return { store, commands, ran, user: userEvent.setup() }
}

const open = (store: WorkbenchStore) => act(() => store.set({ paletteOpen: true }))
const optionTitles = () => screen.getAllByRole('option').map((o) => o.textContent)

describe('CommandPalette', () => {
  it('is absent until opened, then lists every command sorted by category with its shortcut', () => {
    const { store } = setup()
    expect(screen.queryByRole('dialog')).toBeNull()
    open(store)
    expect(screen.getByRole('dialog', { name: 'Command palette' })).toBeTruthy()
    expect(optionTitles()).toEqual([
      'Board: Zoom to fitShift+1',
      'Session: New sessionCtrl+N',
      'View: Show settings',
    ])
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Type a command' }))
  })

  it('filters as you type and says so when nothing matches', async () => {
    const { store, user } = setup()
    open(store)
    await user.keyboard('settings')
    expect(optionTitles()).toEqual(['View: Show settings'])
    await user.keyboard('zzz')
    expect(optionTitles()).toEqual(['No matching commands'])
    expect(screen.getByRole('option').getAttribute('aria-disabled')).toBe('true')
  })

  it('moves the active option with the arrow keys, wrapping, and tells assistive tech which one it is', async () => {
    const { store, user } = setup()
    open(store)
    const input = screen.getByRole('combobox')
    const selected = () =>
      screen.getAllByRole('option').findIndex((o) => o.getAttribute('aria-selected') === 'true')
    expect(selected()).toBe(0)
    expect(input.getAttribute('aria-activedescendant')).toBe('cmd-board.zoomToFit')
    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(selected()).toBe(2)
    expect(input.getAttribute('aria-activedescendant')).toBe('cmd-view.settings')
    await user.keyboard('{ArrowDown}')
    expect(selected()).toBe(0)
    await user.keyboard('{ArrowUp}')
    expect(selected()).toBe(2)
  })

  it('Enter closes the palette, then runs the chosen command', async () => {
    const { store, ran, user } = setup()
    open(store)
    await user.keyboard('new{Enter}')
    expect(store.get().paletteOpen).toBe(false)
    await waitFor(() => expect(ran).toEqual(['session.new']))
  })

  it('Escape closes without running anything and gives focus back to where it was', async () => {
    const { store, ran, user } = setup()
    const before = screen.getByRole('button', { name: 'before' })
    before.focus()
    open(store)
    expect(document.activeElement).not.toBe(before)
    await user.keyboard('{Escape}')
    expect(store.get().paletteOpen).toBe(false)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(before)
    expect(ran).toEqual([])
  })

  it('keeps Tab inside the palette', async () => {
    const { store, user } = setup()
    open(store)
    const input = screen.getByRole('combobox')
    await user.tab()
    expect(document.activeElement).toBe(input)
  })

  it('shows a command registered while it is open, and hides one whose `when` is false', () => {
    const { store, commands } = setup()
    open(store)
    const when = vi.fn(() => false)
    act(() => {
      commands.register(
        { id: 'a.late', category: 'A', title: 'Late arrival', run: () => {} },
        { id: 'a.hidden', category: 'A', title: 'Hidden', when, run: () => {} },
      )
    })
    expect(optionTitles()[0]).toBe('A: Late arrival')
    expect(optionTitles()).not.toContain('A: Hidden')
  })
})
