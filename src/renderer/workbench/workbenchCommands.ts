import type { ThemeSetting } from '../../shared/api'
import type { Command } from './commands'
import type { WorkbenchServices } from './context'
import { uiT } from '../device/i18n/uiT'

/** The workbench's own commands: showing the contributed views, layout, themes, closing tabs. */
export function workbenchCommands(
  services: WorkbenchServices,
  setTheme: (t: ThemeSetting) => void,
): Command[] {
  const { store, contributions } = services
  return [
    {
      id: 'workbench.showCommands',
      get title() {
        return uiT('workbench.cmd.showCommands')
      },
      get category() {
        return uiT('workbench.category.view')
      },
      keybinding: 'Mod+Shift+P',
      global: true,
      menu: 'view',
      run: () => store.set({ paletteOpen: true }),
    },
    ...contributions.views.map<Command>((v) => ({
      id: `view.${v.id}`,
      get title() {
        return uiT('workbench.cmd.showView', { view: v.title })
      },
      get category() {
        return uiT('workbench.category.view')
      },
      keybinding: v.keybinding,
      global: true,
      menu: 'view',
      run: () => store.showView(v.id),
    })),
    {
      id: 'workbench.toggleSideBar',
      get title() {
        return uiT('workbench.cmd.toggleSideBar')
      },
      get category() {
        return uiT('workbench.category.view')
      },
      keybinding: 'Mod+B',
      global: true,
      menu: 'view',
      run: () =>
        store.set((s) => ({ activeView: s.activeView ? null : (contributions.views[0]?.id ?? null) })),
    },
    {
      id: 'workbench.togglePanel',
      get title() {
        return uiT('workbench.cmd.togglePanel')
      },
      get category() {
        return uiT('workbench.category.view')
      },
      keybinding: 'Mod+J',
      global: true,
      menu: 'view',
      run: () => store.set((s) => ({ panelOpen: !s.panelOpen })),
    },
    {
      id: 'theme.light',
      get title() {
        return uiT('workbench.cmd.theme.light')
      },
      get category() {
        return uiT('workbench.category.theme')
      },
      menu: 'view',
      run: () => setTheme('light'),
    },
    {
      id: 'theme.dark',
      get title() {
        return uiT('workbench.cmd.theme.dark')
      },
      get category() {
        return uiT('workbench.category.theme')
      },
      menu: 'view',
      run: () => setTheme('dark'),
    },
    {
      id: 'theme.highContrast',
      get title() {
        return uiT('workbench.cmd.theme.highContrast')
      },
      get category() {
        return uiT('workbench.category.theme')
      },
      menu: 'view',
      run: () => setTheme('high-contrast'),
    },
    {
      id: 'theme.system',
      get title() {
        return uiT('workbench.cmd.theme.system')
      },
      get category() {
        return uiT('workbench.category.theme')
      },
      menu: 'view',
      run: () => setTheme('system'),
    },
    {
      id: 'editor.closeTab',
      get title() {
        return uiT('workbench.cmd.closeTab')
      },
      get category() {
        return uiT('workbench.category.view')
      },
      keybinding: 'Mod+Alt+W',
      global: true,
      menu: 'file',
      run: () => store.closeTab(store.get().activeTabId),
    },
  ]
}
