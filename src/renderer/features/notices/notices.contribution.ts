import type { Contribution } from '../../workbench/contributions'
import { NoticesPage } from './NoticesPage'
import { uiT } from '../../device/i18n/uiT'

/** Third-party notices and the tldraw licence, as a tab. */
export const contribution: Contribution = {
  id: 'notices',
  order: 90,
  editors: [{ kind: 'notices', component: NoticesPage }],
  commands: ({ store }) => [
    {
      id: 'help.notices',
      get title() {
        return uiT('notices.command')
      },
      get category() {
        return uiT('notices.category')
      },
      menu: 'help',
      run: () =>
        store.set((s) => ({
          tabs: s.tabs.some((t) => t.id === 'notices')
            ? s.tabs
            : [...s.tabs, { id: 'notices', kind: 'notices', title: uiT('notices.title') }],
          activeTabId: 'notices',
        })),
    },
  ],
}
