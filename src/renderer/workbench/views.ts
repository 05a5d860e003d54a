import type { ViewId } from './store'

export interface ViewSpec {
  readonly id: ViewId
  readonly title: string
  /** Shortcut that shows the view (also in the command palette). */
  readonly keybinding: string
}

export const VIEWS: readonly ViewSpec[] = [
  { id: 'sessions', title: 'Sessions', keybinding: 'Mod+Shift+E' },
  { id: 'templates', title: 'Templates', keybinding: 'Mod+Shift+T' },
  { id: 'participants', title: 'Participants', keybinding: 'Mod+Shift+U' },
  { id: 'facilitation', title: 'Facilitation', keybinding: 'Mod+Shift+F' },
  { id: 'export', title: 'Export', keybinding: 'Mod+Shift+X' },
  { id: 'settings', title: 'Settings', keybinding: 'Mod+,' },
]
