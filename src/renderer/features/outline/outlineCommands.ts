import type { Command } from '../../workbench/commands'
import type { WorkbenchServices } from '../../workbench/context'
import { uiT } from '../../device/i18n/uiT'

/** Opens (or shows) the outline tab of the session in the active tab. */
export function showOutline({ store }: WorkbenchServices): boolean {
  const s = store.get()
  const tab = s.tabs.find((t) => t.id === s.activeTabId)
  const sessionId = tab?.kind === 'session' || tab?.kind === 'outline' ? tab.sessionId : undefined
  if (!sessionId) {
    store.announce(uiT('outline.needsSession'))
    return false
  }
  const title =
    s.tabs.find((t) => t.kind === 'session' && t.sessionId === sessionId)?.title ?? uiT('outline.untitled')
  const id = `outline:${sessionId}`
  store.set((st) => ({
    tabs: st.tabs.some((t) => t.id === id)
      ? st.tabs
      : [...st.tabs, { id, kind: 'outline', title: uiT('outline.title', { title }), sessionId }],
    activeTabId: id,
  }))
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-tab="${CSS.escape(id)}"]`)?.focus())
  return true
}

/** "Show outline" (Ctrl+Alt+O). */
export function outlineCommands(services: WorkbenchServices): Command[] {
  return [
    {
      id: 'outline.show',
      get title() {
        return uiT('outline.cmd.show')
      },
      get category() {
        return uiT('workbench.category.view')
      },
      keybinding: 'Mod+Alt+O',
      global: true,
      menu: 'view',
      run: () => void showOutline(services),
    },
  ]
}
