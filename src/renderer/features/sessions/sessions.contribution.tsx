import type { Contribution } from '../../workbench/contributions'
import { ICON_STROKE } from '../../workbench/icons'
import { createAndOpenSession, defaultSessionTitle } from '../../workbench/sessionActions'
import { SessionEditor } from './SessionEditor'
import { SessionsView } from './SessionsView'
import { WelcomePage } from './WelcomePage'
import { uiT } from '../../device/i18n/uiT'

/** Sessions: the Sessions view, the welcome page, one editor tab per open session (its canvas). */
export const contribution: Contribution = {
  id: 'sessions',
  order: 40,
  views: [
    {
      id: 'sessions',
      get title() {
        return uiT('sessions.view.title')
      },
      keybinding: 'Mod+Shift+E',
      order: 10,
      icon: (
        <>
          <rect x="3" y="4" width="18" height="16" rx="2" {...ICON_STROKE} />
          <path d="M3 9h18M8 4v5" {...ICON_STROKE} />
        </>
      ),
    },
  ],
  sections: [{ view: 'sessions', order: 0, component: SessionsView }],
  editors: [
    { kind: 'welcome', component: WelcomePage },
    {
      kind: 'session',
      component: ({ tab, active }) => <SessionEditor sessionId={tab.sessionId!} active={active} />,
    },
  ],
  commands: (services) => [
    {
      id: 'session.new',
      get title() {
        return uiT('sessions.cmd.new')
      },
      get category() {
        return uiT('sessions.category')
      },
      keybinding: 'Mod+Alt+N',
      global: true,
      menu: 'file',
      run: () => void createAndOpenSession(services, defaultSessionTitle()),
    },
    {
      id: 'help.welcome',
      get title() {
        return uiT('sessions.cmd.welcome')
      },
      get category() {
        return uiT('sessions.helpCategory')
      },
      menu: 'help',
      run: () =>
        services.store.set((s) => ({
          tabs: s.tabs.some((t) => t.id === 'welcome')
            ? s.tabs
            : [{ id: 'welcome', kind: 'welcome', title: uiT('workbench.welcome.tab') }, ...s.tabs],
          activeTabId: 'welcome',
        })),
    },
  ],
}
