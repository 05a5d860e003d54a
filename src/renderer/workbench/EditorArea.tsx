import { useRef, useSyncExternalStore } from 'react'
import { BoardSessionContext } from '../session/useBoardSession'
import { useServices } from './context'
import { useWorkbench, type EditorTab } from './store'
import { useT, type TFunction } from '../device/i18n'

/**
 * A tab's name in the reader's language now: the app's own tabs (welcome, notices, a session's outline)
 * are named when shown, so a change of language renames them; a session's tab is its title.
 */
function tabTitle(tab: EditorTab, tabs: readonly EditorTab[], t: TFunction): string {
  if (tab.kind === 'welcome') return t('workbench.welcome.tab')
  if (tab.kind === 'notices') return t('notices.title')
  if (tab.kind === 'outline') {
    const session = tabs.find((x) => x.kind === 'session' && x.sessionId === tab.sessionId)
    if (session) return t('outline.title', { title: session.title })
  }
  return tab.title
}

/** Editor tabs (ARIA tabs pattern); each tab's kind is rendered by the editor a feature contributed. */
export function EditorArea() {
  const { store } = useServices()
  const t = useT()
  const tabs = useWorkbench(store, (s) => s.tabs)
  const activeId = useWorkbench(store, (s) => s.activeTabId)
  const list = useRef<HTMLDivElement>(null)
  const focusTab = (i: number) => {
    const tab = tabs[(i + tabs.length) % tabs.length]
    if (!tab) return
    store.set({ activeTabId: tab.id })
    list.current?.querySelector<HTMLElement>(`[data-tab="${CSS.escape(tab.id)}"]`)?.focus()
  }
  return (
    <main className="editor-area" aria-label={t('workbench.editor.label')}>
      <div className="tab-strip" role="tablist" aria-label={t('workbench.editor.tabs')} ref={list}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            data-tab={tab.id}
            aria-selected={tab.id === activeId}
            aria-controls={`tabpanel-${tab.id}`}
            aria-keyshortcuts="Delete"
            title={t('workbench.editor.tabTitle', { title: tabTitle(tab, tabs, t) })}
            tabIndex={tab.id === activeId ? 0 : -1}
            className={`tab${tab.id === activeId ? ' active' : ''}`}
            onClick={() => store.set({ activeTabId: tab.id })}
            onAuxClick={(e) => e.button === 1 && store.closeTab(tab.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') focusTab(i + 1)
              else if (e.key === 'ArrowLeft') focusTab(i - 1)
              else if (e.key === 'Delete') store.closeTab(tab.id)
              else return
              e.preventDefault()
            }}
          >
            <span className="tab-label">{tabTitle(tab, tabs, t)}</span>
            <span
              className="tab-close"
              aria-hidden="true"
              onClick={(e) => {
                e.stopPropagation()
                store.closeTab(tab.id)
              }}
            >
              ×
            </span>
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`tabpanel-${tab.id}`}
          aria-labelledby={`tab-${tab.id}`}
          className="tab-panel"
          hidden={tab.id !== activeId}
        >
          <TabEditor tab={tab} active={tab.id === activeId} />
        </div>
      ))}
      {tabs.length === 0 && (
        <div className="editor-empty">
          <p>{t('workbench.editor.empty')}</p>
        </div>
      )}
    </main>
  )
}

/** A tab's contributed editor, inside its own session (if the tab belongs to one). */
function TabEditor({ tab, active }: { tab: EditorTab; active: boolean }) {
  const { contributions, sessions } = useServices()
  const t = useT()
  const session = useSyncExternalStore(sessions.subscribe, () => sessions.get(tab.sessionId))
  const editor = contributions.editor(tab.kind)
  if (!editor)
    return <p className="editor-message">{t('workbench.editor.unknownKind', { kind: tab.kind })}</p>
  return (
    <BoardSessionContext.Provider value={session}>
      <editor.component tab={tab} active={active} />
    </BoardSessionContext.Provider>
  )
}
