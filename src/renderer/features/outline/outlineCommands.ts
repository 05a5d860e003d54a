import type { Command } from '../../workbench/commands'
import type { WorkbenchServices } from '../../workbench/context'

/** Opens (or shows) the outline tab of the session in the active tab. */
export function showOutline({ store }: WorkbenchServices): boolean {
  const s = store.get()
  const tab = s.tabs.find((t) => t.id === s.activeTabId)
  const sessionId = tab?.kind === 'session' || tab?.kind === 'outline' ? tab.sessionId : undefined
  if (!sessionId) {
    store.announce('Open a session first; its outline then opens beside it.')
    return false
  }
  const title = s.tabs.find((t) => t.kind === 'session' && t.sessionId === sessionId)?.title ?? 'Session'
  const id = `outline:${sessionId}`
  store.set((st) => ({
    tabs: st.tabs.some((t) => t.id === id)
      ? st.tabs
      : [...st.tabs, { id, kind: 'outline', title: `Outline: ${title}`, sessionId }],
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
      title: 'Show outline',
      category: 'View',
      keybinding: 'Mod+Alt+O',
      global: true,
      menu: 'view',
      run: () => void showOutline(services),
    },
  ]
}
