import type { ThemeSetting } from '../../shared/api'
import type { Command } from './commands'
import type { WorkbenchServices } from './context'

/** The workbench's own commands: showing the contributed views, layout, themes, closing tabs. */
export function workbenchCommands(
  services: WorkbenchServices,
  setTheme: (t: ThemeSetting) => void,
): Command[] {
  const { store, contributions } = services
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
    ...contributions.views.map<Command>((v) => ({
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
      run: () =>
        store.set((s) => ({ activeView: s.activeView ? null : (contributions.views[0]?.id ?? null) })),
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
      id: 'editor.closeTab',
      title: 'Close the current tab',
      category: 'View',
      keybinding: 'Mod+Alt+W',
      global: true,
      menu: 'file',
      run: () => store.closeTab(store.get().activeTabId),
    },
  ]
}
