import type { Contribution } from '../../workbench/contributions'
import { ICON_STROKE } from '../../workbench/icons'
import { ExportView } from './ExportView'
import { ReportSettingsSection } from './ReportSettingsForm'
import { uiT } from '../../device/i18n/uiT'

/** Export: reports, data files and pictures of the open board. */
export const contribution: Contribution = {
  id: 'export',
  order: 60,
  views: [
    {
      id: 'export',
      get title() {
        return uiT('workbench.view.export')
      },
      keybinding: 'Mod+Shift+X',
      order: 50,
      icon: (
        <>
          <path d="M12 3v12M7 10l5 5 5-5" {...ICON_STROKE} />
          <path d="M4 17v3h16v-3" {...ICON_STROKE} />
        </>
      ),
    },
  ],
  sections: [
    { view: 'export', order: 0, component: ReportSettingsSection },
    { view: 'export', order: 1, component: ExportView },
  ],
  commands: ({ store }) => [
    {
      id: 'export.show',
      get title() {
        return uiT('export.cmd.show')
      },
      get category() {
        return uiT('sessions.category')
      },
      menu: 'file',
      run: () => store.showView('export'),
    },
  ],
}
