import { useSyncExternalStore } from 'react'
import { DEFAULT_SETTINGS, type AppInfo, type AppSettings, type SaveStateEvent } from '../../shared/api'
import type { ThemeSetting } from '../../shared/api'
import { uiT } from '../device/i18n/uiT'

/** A contributed view's id (ViewContribution.id). */
export type ViewId = string

export interface EditorTab {
  readonly id: string
  /** An editor kind a feature contributed (EditorContribution.kind): welcome, session, outline … */
  readonly kind: string
  readonly title: string
  readonly sessionId?: string
}

export interface BoardStatusView {
  connection: 'connecting' | 'connected' | 'offline' | 'none'
  peers: number
  message: string | null
}

export interface Notice {
  readonly id: number
  readonly level: 'info' | 'warning' | 'error'
  readonly text: string
  readonly at: number
}

export interface WorkbenchState {
  info: AppInfo | null
  settings: AppSettings
  activeView: ViewId | null
  sidebarWidth: number
  panelOpen: boolean
  paletteOpen: boolean
  tabs: EditorTab[]
  activeTabId: string
  board: BoardStatusView
  save: SaveStateEvent | null
  notices: Notice[]
  /** Text for the polite live region (screen readers). */
  announcement: string
  /** Text for the assertive live region (urgent: time is up, errors). */
  assertiveAnnouncement: string
  /** Bumped on every announce() so the same text is read out again. */
  announcementSeq: number
}

export const SIDEBAR_MIN = 180
export const SIDEBAR_MAX = 640

const initial: WorkbenchState = {
  info: null,
  settings: DEFAULT_SETTINGS,
  activeView: 'sessions',
  sidebarWidth: 300,
  panelOpen: false,
  paletteOpen: false,
  tabs: [{ id: 'welcome', kind: 'welcome', title: uiT('workbench.welcome.tab') }],
  activeTabId: 'welcome',
  board: { connection: 'none', peers: 0, message: null },
  save: null,
  notices: [],
  announcement: '',
  assertiveAnnouncement: '',
  announcementSeq: 0,
}

/** A tiny observable store for workbench layout and status; components read it with useWorkbench. */
export class WorkbenchStore {
  private state: WorkbenchState = initial
  private readonly listeners = new Set<() => void>()
  private noticeId = 0

  get = (): WorkbenchState => this.state

  set(patch: Partial<WorkbenchState> | ((s: WorkbenchState) => Partial<WorkbenchState>)): void {
    const p = typeof patch === 'function' ? patch(this.state) : patch
    this.state = { ...this.state, ...p }
    for (const l of this.listeners) l()
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  toggleView(view: ViewId): void {
    this.set((s) => ({ activeView: s.activeView === view ? null : view }))
  }

  showView(view: ViewId): void {
    this.set({ activeView: view })
  }

  openSessionTab(sessionId: string, title: string): void {
    const id = `session:${sessionId}`
    this.set((s) => ({
      tabs: s.tabs.some((t) => t.id === id)
        ? s.tabs.map((t) => (t.id === id ? { ...t, title } : t))
        : [...s.tabs, { id, kind: 'session', title, sessionId }],
      activeTabId: id,
    }))
  }

  closeTab(id: string): void {
    this.set((s) => {
      const idx = s.tabs.findIndex((t) => t.id === id)
      const tabs = s.tabs.filter((t) => t.id !== id)
      const activeTabId =
        s.activeTabId === id ? (tabs[Math.max(0, idx - 1)]?.id ?? tabs[0]?.id ?? '') : s.activeTabId
      return { tabs, activeTabId }
    })
  }

  notify(level: Notice['level'], text: string): void {
    const n: Notice = { id: ++this.noticeId, level, text, at: Date.now() }
    this.set((s) => ({ notices: [...s.notices.slice(-49), n], announcement: text }))
  }

  /** Reads text out through a live region: polite (default) waits its turn, assertive interrupts. */
  announce(text: string, opts: { politeness?: 'polite' | 'assertive' } = {}): void {
    this.set((s) =>
      opts.politeness === 'assertive'
        ? { assertiveAnnouncement: text, announcement: '', announcementSeq: s.announcementSeq + 1 }
        : { announcement: text, assertiveAnnouncement: '', announcementSeq: s.announcementSeq + 1 },
    )
  }

  setTheme(theme: ThemeSetting): void {
    this.set((s) => ({ settings: { ...s.settings, theme } }))
  }
}

export function useWorkbench<T>(store: WorkbenchStore, select: (s: WorkbenchState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()))
}
