import { useRef } from 'react'
import { SessionEditor } from '../features/sessions/SessionEditor'
import { WelcomePage } from '../features/sessions/WelcomePage'
import { NoticesPage } from '../features/notices/NoticesPage'
import { OutlineView } from '../features/outline/OutlineView'
import { useServices } from './context'
import { useWorkbench } from './store'

/** Tabs hosting the welcome page and one board per open session (ARIA tabs pattern). */
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
          {t.kind === 'welcome' ? (
            <WelcomePage />
          ) : t.kind === 'notices' ? (
            <NoticesPage />
          ) : t.kind === 'outline' ? (
            <OutlineView sessionId={t.sessionId!} />
          ) : (
            <SessionEditor sessionId={t.sessionId!} active={t.id === activeId} />
          )}
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
