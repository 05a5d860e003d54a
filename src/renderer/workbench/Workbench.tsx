import { useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react'
import type { ThemeSetting } from '../../shared/api'

import { usePreferences } from '../device/preferences'
import { BoardSessions } from '../session/BoardSessions'
import { BoardSessionContext } from '../session/useBoardSession'
import type { AppHost } from '../host/types'
import { ActivityBar } from './ActivityBar'
import { CommandPalette } from './CommandPalette'
import { CommandRegistry } from './commands'
import { WorkbenchContext, type WorkbenchServices } from './context'
import { EditorArea } from './EditorArea'
import { Panel } from './Panel'
import { SideBar } from './SideBar'
import { StatusBar } from './StatusBar'
import { Contributions, type Contribution } from './contributions'
import { useWorkbench, WorkbenchStore } from './store'
import { preloadBoard } from '../board/loadBoard'
import { applyTheme, resolveTheme, watchSystemTheme } from './theme'
import { useT } from '../device/i18n'
import { uiT } from '../device/i18n/uiT'
import { languageChoice } from '../device/i18n/languageChoice'
import { workbenchCommands } from './workbenchCommands'

/**
 * The VS Code-style workbench: activity bar, side bar, editor tabs, panel, status bar, palette. It
 * renders what the features contributed (features/index.ts) and owns one BoardSession per session
 * with an open tab.
 */
export function Workbench({ host, features }: { host: AppHost; features: readonly Contribution[] }) {
  const t = useT()
  const services = useMemo<WorkbenchServices>(
    () => ({
      host,
      store: new WorkbenchStore(),
      commands: new CommandRegistry(),
      sessions: new BoardSessions(),
      contributions: new Contributions(features),
    }),
    [host, features],
  )
  const { store, commands, sessions } = services
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
        if (!r.ok) store.notify('error', uiT('workbench.theme.saveFailed', { error: r.error.message }))
      })
      store.announce(uiT('workbench.theme.announce', { theme: t === 'high-contrast' ? 'highContrast' : t }))
    }
    // the features' commands first, the workbench's own after them (native menu order)
    const unregister = commands.register(
      ...services.contributions.commands(services),
      ...workbenchCommands(services, setTheme),
    )
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
        if (!e.ok)
          return store.notify('error', uiT('workbench.open.failed', { file: e.fileName, error: e.message }))
        store.notify('info', uiT('workbench.open.done', { file: e.fileName, title: e.session.title }))
        store.openSessionTab(e.session.id, e.session.title)
      }),
    ]
    return () => {
      unregister()
      offs.forEach((off) => off())
    }
  }, [host, services, store, commands])

  // one BoardSession per session with an open tab; disposed when its last tab closes
  useEffect(() => {
    const sync = () => {
      const { tabs, activeTabId } = store.get()
      const tab = tabs.find((t) => t.id === activeTabId)
      sessions.sync(
        tabs.flatMap((t) => (t.sessionId ? [t.sessionId] : [])),
        tab?.sessionId ?? null,
      )
      if (!tab?.sessionId && store.get().board.connection !== 'none') {
        store.set({ board: { connection: 'none', peers: 0, message: null } })
      }
    }
    sync()
    const off = store.subscribe(sync)
    return () => {
      off()
      sessions.dispose()
    }
  }, [store, sessions])

  useEffect(() => {
    // the menus and their commands in this person's language, again when it changes
    const push = () =>
      void host.call('menu.setCommands', {
        commands: commands.toMenu(),
        menus: {
          file: uiT('workbench.menu.file'),
          edit: uiT('workbench.menu.edit'),
          view: uiT('workbench.menu.view'),
          session: uiT('workbench.menu.session'),
          help: uiT('workbench.menu.help'),
        },
      })
    push()
    const offLanguage = languageChoice.subscribe(push)
    const offCommands = commands.subscribe(push)
    return () => {
      offLanguage()
      offCommands()
    }
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
          {t('workbench.skipToEditor')}
        </a>
        <ActiveSession sessions={sessions}>
          <div className="workbench-body">
            <ActivityBar />
            <SideBar />
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
          {services.contributions.layers.map((Layer, i) => (
            <Layer key={i} />
          ))}
        </ActiveSession>
      </div>
    </WorkbenchContext.Provider>
  )
}

/** Gives the side bar, panel and workbench layers the active tab's session (useBoardSession). */
function ActiveSession({ sessions, children }: { sessions: BoardSessions; children: ReactNode }) {
  const active = useSyncExternalStore(sessions.subscribe, sessions.getActive)
  return <BoardSessionContext.Provider value={active}>{children}</BoardSessionContext.Provider>
}
