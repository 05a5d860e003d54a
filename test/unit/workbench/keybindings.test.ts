import { describe, expect, it } from 'vitest'
import {
  eventBinding,
  formatBinding,
  normalizeBinding,
  toAccelerator,
} from '../../../src/core/common/workbench/keybindings'
import { fuzzyFilter, fuzzyMatch } from '../../../src/core/common/workbench/fuzzy'
import { buildMenuSpec } from '../../../src/core/common/workbench/menu'

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
})

describe('keybindings', () => {
  it('maps Mod to Ctrl off macOS and to Meta on macOS', () => {
    expect(normalizeBinding('Mod+Shift+P', false)).toBe('Ctrl+Shift+P')
    expect(normalizeBinding('Mod+Shift+P', true)).toBe('Meta+Shift+P')
    expect(eventBinding(key('P', { ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+P')
    expect(eventBinding(key('p', { metaKey: true, shiftKey: true }))).toBe('Meta+Shift+P')
  })
  it('rejects malformed bindings', () => {
    expect(normalizeBinding('Hyper+P', false)).toBeNull()
    expect(normalizeBinding('Ctrl++', false)).toBeNull()
  })
  it('formats for people and for Electron', () => {
    expect(formatBinding('Mod+Shift+P', true)).toBe('⌘⇧P')
    expect(formatBinding('Mod+Shift+P', false)).toBe('Ctrl+Shift+P')
    expect(toAccelerator('Mod+Alt+N')).toBe('CmdOrCtrl+Alt+N')
  })
})

describe('fuzzy matching', () => {
  it('matches characters in order and ranks word starts first', () => {
    expect(fuzzyMatch('dkt', 'Theme: Dark theme')).not.toBeNull()
    expect(fuzzyMatch('xyz', 'Theme: Dark theme')).toBeNull()
    const items = ['View: Show Sessions', 'Theme: Dark theme', 'Session: New blank session']
    expect(fuzzyFilter('dark', items, (s) => s)[0]).toBe('Theme: Dark theme')
    expect(fuzzyFilter('new ses', items, (s) => s)[0]).toBe('Session: New blank session')
    expect(fuzzyFilter('', items, (s) => s)).toEqual(items)
  })
})

describe('native menu spec', () => {
  it('groups commands by menu in a fixed order and converts shortcuts', () => {
    const spec = buildMenuSpec([
      { id: 'a', title: 'Help me', category: 'Help', keybinding: null, menu: 'help' },
      { id: 'b', title: 'New', category: 'Session', keybinding: 'Mod+Alt+N', menu: 'file' },
      { id: 'c', title: 'Hidden', category: 'X', keybinding: null, menu: null },
    ])
    expect(spec.map((m) => m.label)).toEqual(['File', 'Help'])
    expect(spec[0]!.items[0]).toEqual({ id: 'b', label: 'New', accelerator: 'CmdOrCtrl+Alt+N' })
  })

  it('names the menus in the person’s language when the workbench gives their names', () => {
    const commands = [
      { id: 'b', title: 'Sesiwn newydd', category: 'Sesiwn', keybinding: null, menu: 'file' as const },
      { id: 'v', title: 'Dangos yr amlinelliad', category: 'Golwg', keybinding: null, menu: 'view' as const },
    ]
    expect(buildMenuSpec(commands, { file: 'Ffeil', view: 'Golwg' }).map((m) => m.label)).toEqual([
      'Ffeil',
      'Golwg',
    ])
    // a name not given stays English
    expect(buildMenuSpec(commands, { file: 'Ffeil' }).map((m) => m.label)).toEqual(['Ffeil', 'View'])
  })
})
