import { useEffect, useMemo } from 'react'
import type { ThemeSetting } from '../../shared/api'

import { SessionsView } from '../contrib/sessions/SessionsView'
import { SettingsView } from '../contrib/settings/SettingsView'
import { A11yLayer } from '../contrib/a11y/A11yLayer'
import { AccessibilitySettings } from '../contrib/a11y/AccessibilitySettings'
import { usePreferences } from '../contrib/a11y/preferences'
import { TemplatesView } from '../contrib/templates/TemplatesView'
import { SharePanel } from '../contrib/share/SharePanel'
import { ParticipantsView } from '../contrib/participants/ParticipantsView'
import { RemoteRelayPanel } from '../contrib/share/RemoteRelayPanel'
import { FacilitationView } from '../contrib/facilitation/FacilitationView'
import { ExportView } from '../contrib/export/ExportView'
import type { AppHost } from '../host/types'
import { ActivityBar } from './ActivityBar'
import { CommandPalette } from './CommandPalette'
import { CommandRegistry } from './commands'
import { WorkbenchContext, type WorkbenchServices } from './context'
import { EditorArea } from './EditorArea'
import { Panel } from './Panel'
import { SideBar } from './SideBar'
import { StatusBar } from './StatusBar'
import { useWorkbench, WorkbenchStore, type ViewId } from './store'
import { activeBoards } from './activeBoard'
import { preloadBoard } from '../board/loadBoard'
import { applyTheme, resolveTheme, watchSystemTheme } from './theme'
import { workbenchCommands } from './workbenchCommands'

function renderView(view: ViewId) {
  switch (view) {
    case 'sessions':
      return <SessionsView />
    case 'settings':
      return (
        <>
          <SettingsView />
          <AccessibilitySettings />
        </>
      )
    case 'participants':
      return (
        <>
          <ParticipantsView />
          <SharePanel />
          <RemoteRelayPanel />
        </>
      )
    case 'templates':
      return <TemplatesView />
    case 'facilitation':
      return <FacilitationView />
    case 'export':
      return <ExportView />
  }
}

/** The VS Code-style workbench: activity bar, side bar, editor tabs, panel, status bar, palette. */
export function Workbench({ host }: { host: AppHost }) {
  const services = useMemo<WorkbenchServices>(
    () => ({ host, store: new WorkbenchStore(), commands: new CommandRegistry() }),
    [host],
  )
  const { store, commands } = services
  const theme = useWorkbench(store, (s) => s.settings.theme)
  const announcement = useWorkbench(store, (s) => s.announcement)
  const announcementSeq = useWorkbench(store, (s) => s.announcementSeq)
  const highContrast = usePreferences().highContrast

  // Warm the canvas module while the person looks at the welcome page, so opening a board is quick.
  useEffect(() => {
    const warm = () => void preloadBoard().catch(() => undefined)
    if ('requestIdleCallback' in window) {
      const id = window.requestIdleCallback(warm, { timeout: 1500 })
      return () => window.cancelIdleCallback(id)
    }
    const t = setTimeout(warm, 300)
    return () => clearTimeout(t)
  }, [])

  useEffect(() => {
    const apply = () => applyTheme(highContrast ? 'high-contrast' : resolveTheme(theme))
    apply()
    return watchSystemTheme(apply)
  }, [theme, highContrast])

  useEffect(() => {
    const setTheme = (t: ThemeSetting) => {
      store.setTheme(t)
      void host.call('settings.set', { theme: t }).then((r) => {
        if (!r.ok) store.notify('error', `Could not save the theme: ${r.error.message}`)
      })
      store.announce(`Theme: ${t}`)
    }
    const unregister = commands.register(...workbenchCommands(services, setTheme))
    void Promise.all([host.call('app.info', {}), host.call('settings.get', {})]).then(([info, settings]) => {
      if (info.ok) {
        store.set({ info: info.value })
        for (const w of info.value.warnings) store.notify('warning', w)
      }
      if (settings.ok) store.set({ settings: settings.value })
    })
    const offs = [
      host.onResync(
        () =>
          void host.call('settings.get', {}).then((r) => {
            if (r.ok) store.set({ settings: r.value })
          }),
      ),
      host.on('settings.changed', (s) => store.set({ settings: s })),
      host.on('session.saveState', (e) => store.set({ save: e })),
      host.on('session.recovery', (e) => store.notify('warning', e.message)),
      host.on('command.run', (e) => void commands.execute(e.id)),
      host.on('sessions.fileOpened', (e) => {
        if (!e.ok) return store.notify('error', `Could not open ${e.fileName}: ${e.message}`)
        store.notify('info', `Opened ${e.fileName} as a new session, “${e.session.title}”.`)
        store.openSessionTab(e.session.id, e.session.title)
      }),
    ]
    return () => {
      unregister()
      offs.forEach((off) => off())
    }
  }, [host, services, store, commands])

  useEffect(
    () =>
      store.subscribe(() => {
        const { tabs, activeTabId } = store.get()
        const tab = tabs.find((t) => t.id === activeTabId)
        const boardTab = tab?.kind === 'session' || tab?.kind === 'outline'
        activeBoards.setActive(boardTab ? (tab.sessionId ?? null) : null)
        if (!boardTab && store.get().board.connection !== 'none') {
          store.set({ board: { connection: 'none', peers: 0, message: null } })
        }
      }),
    [store],
  )

  useEffect(() => {
    const push = () => void host.call('menu.setCommands', { commands: commands.toMenu() })
    push()
    return commands.subscribe(push)
  }, [host, commands])

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return
      const t = e.target as HTMLElement | null
      const inText = !!t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))
      const cmd = commands.match(e, inText)
      if (!cmd) return
      e.preventDefault()
      e.stopPropagation()
      void commands.execute(cmd.id)
    }
    const onF1 = (e: KeyboardEvent) => {
      if (e.key === 'F1') {
        e.preventDefault()
        store.set({ paletteOpen: true })
      }
    }
    window.addEventListener('keydown', onKeyDown, true)
    window.addEventListener('keydown', onF1)
    return () => {
      window.removeEventListener('keydown', onKeyDown, true)
      window.removeEventListener('keydown', onF1)
    }
  }, [commands, store])

  return (
    <WorkbenchContext.Provider value={services}>
      <div className="workbench" data-testid="workbench">
        <a
          className="skip-link"
          href="#tabpanel-welcome"
          onClick={(e) => {
            e.preventDefault()
            document.querySelector<HTMLElement>('.editor-area [role="tab"][aria-selected="true"]')?.focus()
          }}
        >
          Skip to the editor
        </a>
        <div className="workbench-body">
          <ActivityBar />
          <SideBar render={renderView} />
          <div className="workbench-main">
            <EditorArea />
            <Panel />
          </div>
        </div>
        <StatusBar />
        <CommandPalette />
        <div className="visually-hidden" aria-live="polite" role="status" data-testid="announcer">
          <span key={announcementSeq}>{announcement}</span>
        </div>
        <A11yLayer />
      </div>
    </WorkbenchContext.Provider>
  )
}
