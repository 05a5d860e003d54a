import type { Contribution } from '../../workbench/contributions'
import { NoticesPage } from './NoticesPage'

/** Third-party notices and the tldraw licence, as a tab. */
export const contribution: Contribution = {
  id: 'notices',
  order: 90,
  editors: [{ kind: 'notices', component: NoticesPage }],
  commands: ({ store }) => [
    {
      id: 'help.notices',
      title: 'Third-party notices and the tldraw licence',
      category: 'Help',
      menu: 'help',
      run: () =>
        store.set((s) => ({
          tabs: s.tabs.some((t) => t.id === 'notices')
            ? s.tabs
            : [...s.tabs, { id: 'notices', kind: 'notices', title: 'Third-party notices' }],
          activeTabId: 'notices',
        })),
    },
  ],
}
