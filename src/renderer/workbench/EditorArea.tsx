import { useRef, useSyncExternalStore } from 'react'
import { BoardSessionContext } from '../session/useBoardSession'
import { useServices } from './context'
import { useWorkbench, type EditorTab } from './store'

/** Editor tabs (ARIA tabs pattern); each tab's kind is rendered by the editor a feature contributed. */
export function EditorArea() {
  const { store } = useServices()
  const tabs = useWorkbench(store, (s) => s.tabs)
  const activeId = useWorkbench(store, (s) => s.activeTabId)
  const list = useRef<HTMLDivElement>(null)
  const focusTab = (i: number) => {
    const t = tabs[(i + tabs.length) % tabs.length]
    if (!t) return
    store.set({ activeTabId: t.id })
    list.current?.querySelector<HTMLElement>(`[data-tab="${CSS.escape(t.id)}"]`)?.focus()
  }
  return (
    <main className="editor-area" aria-label="Editor">
      <div className="tab-strip" role="tablist" aria-label="Open editors" ref={list}>
        {tabs.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            data-tab={t.id}
            aria-selected={t.id === activeId}
            aria-controls={`tabpanel-${t.id}`}
            aria-keyshortcuts="Delete"
            title={`${t.title} (press Delete to close)`}
            tabIndex={t.id === activeId ? 0 : -1}
            className={`tab${t.id === activeId ? ' active' : ''}`}
            onClick={() => store.set({ activeTabId: t.id })}
            onAuxClick={(e) => e.button === 1 && store.closeTab(t.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') focusTab(i + 1)
              else if (e.key === 'ArrowLeft') focusTab(i - 1)
              else if (e.key === 'Delete') store.closeTab(t.id)
              else return
              e.preventDefault()
            }}
          >
            <span className="tab-label">{t.title}</span>
            <span
              className="tab-close"
              aria-hidden="true"
              onClick={(e) => {
                e.stopPropagation()
                store.closeTab(t.id)
              }}
            >
              ×
            </span>
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`tabpanel-${t.id}`}
          aria-labelledby={`tab-${t.id}`}
          className="tab-panel"
          hidden={t.id !== activeId}
        >
          <TabEditor tab={t} active={t.id === activeId} />
        </div>
      ))}
      {tabs.length === 0 && (
        <div className="editor-empty">
          <p>No editor is open. Open a session from the Sessions view, or press Ctrl+Shift+P.</p>
        </div>
      )}
    </main>
  )
}

/** A tab's contributed editor, inside its own session (if the tab belongs to one). */
function TabEditor({ tab, active }: { tab: EditorTab; active: boolean }) {
  const { contributions, sessions } = useServices()
  const session = useSyncExternalStore(sessions.subscribe, () => sessions.get(tab.sessionId))
  const editor = contributions.editor(tab.kind)
  if (!editor) return <p className="editor-message">Nothing can show “{tab.kind}” tabs.</p>
  return (
    <BoardSessionContext.Provider value={session}>
      <editor.component tab={tab} active={active} />
    </BoardSessionContext.Provider>
  )
}
