import { createAndOpenSession, defaultSessionTitle } from '../features/sessions/actions'
import { shareCommands } from '../features/share/shareCommands'
import type { Command } from './commands'
import type { WorkbenchServices } from './context'
import { VIEWS } from './views'

/** The workbench's own commands: views, layout, themes, sessions, help. */
export function workbenchCommands(
  services: WorkbenchServices,
  setTheme: (t: 'system' | 'light' | 'dark' | 'high-contrast') => void,
): Command[] {
  const { store } = services
  return [
    {
      id: 'workbench.showCommands',
      title: 'Show all commands',
      category: 'View',
      keybinding: 'Mod+Shift+P',
      global: true,
      menu: 'view',
      run: () => store.set({ paletteOpen: true }),
    },
    ...VIEWS.map<Command>((v) => ({
      id: `view.${v.id}`,
      title: `Show ${v.title}`,
      category: 'View',
      keybinding: v.keybinding,
      global: true,
      menu: 'view',
      run: () => store.showView(v.id),
    })),
    {
      id: 'workbench.toggleSideBar',
      title: 'Show or hide the side bar',
      category: 'View',
      keybinding: 'Mod+B',
      global: true,
      menu: 'view',
      run: () => store.set((s) => ({ activeView: s.activeView ? null : 'sessions' })),
    },
    {
      id: 'workbench.togglePanel',
      title: 'Show or hide the activity log',
      category: 'View',
      keybinding: 'Mod+J',
      global: true,
      menu: 'view',
      run: () => store.set((s) => ({ panelOpen: !s.panelOpen })),
    },
    {
      id: 'theme.light',
      title: 'Light theme',
      category: 'Theme',
      menu: 'view',
      run: () => setTheme('light'),
    },
    { id: 'theme.dark', title: 'Dark theme', category: 'Theme', menu: 'view', run: () => setTheme('dark') },
    {
      id: 'theme.highContrast',
      title: 'High contrast theme',
      category: 'Theme',
      menu: 'view',
      run: () => setTheme('high-contrast'),
    },
    {
      id: 'theme.system',
      title: 'Follow my computer’s theme',
      category: 'Theme',
      menu: 'view',
      run: () => setTheme('system'),
    },
    {
      id: 'session.new',
      title: 'New blank session',
      category: 'Session',
      keybinding: 'Mod+Alt+N',
      global: true,
      menu: 'file',
      run: () => void createAndOpenSession(services, defaultSessionTitle()),
    },
    ...shareCommands(services),
    {
      id: 'export.show',
      title: 'Export…',
      category: 'Session',
      menu: 'file',
      run: () => store.showView('export'),
    },
    {
      id: 'editor.closeTab',
      title: 'Close the current tab',
      category: 'View',
      keybinding: 'Mod+Alt+W',
      global: true,
      menu: 'file',
      run: () => store.closeTab(store.get().activeTabId),
    },
    {
      id: 'help.welcome',
      title: 'Show the welcome page',
      category: 'Help',
      menu: 'help',
      run: () =>
        store.set((s) => ({
          tabs: s.tabs.some((t) => t.id === 'welcome')
            ? s.tabs
            : [{ id: 'welcome', kind: 'welcome', title: 'Welcome' }, ...s.tabs],
          activeTabId: 'welcome',
        })),
    },
    {
      id: 'help.notices',
      title: 'Third-party notices and the tldraw licence',
      category: 'Help',
      menu: 'help',
      run: () =>
        store.set((s) => ({
          tabs: s.tabs.some((t) => t.id === 'notices')
            ? s.tabs
            : [...s.tabs, { id: 'notices', kind: 'notices', title: 'Third-party notices' }],
          activeTabId: 'notices',
        })),
    },
  ]
}
