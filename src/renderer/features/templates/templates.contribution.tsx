import type { Contribution } from '../../workbench/contributions'
import { ICON_STROKE } from '../../workbench/icons'
import { TemplatesView } from './TemplatesView'
import { uiT } from '../../device/i18n/uiT'

/** Templates: the gallery, importing templates and editing the open board's structure. */
export const contribution: Contribution = {
  id: 'templates',
  views: [
    {
      id: 'templates',
      get title() {
        return uiT('templates.view.title')
      },
      keybinding: 'Mod+Shift+T',
      order: 20,
      icon: (
        <>
          <rect x="3" y="3" width="7" height="7" rx="1" {...ICON_STROKE} />
          <rect x="14" y="3" width="7" height="7" rx="1" {...ICON_STROKE} />
          <rect x="3" y="14" width="7" height="7" rx="1" {...ICON_STROKE} />
          <rect x="14" y="14" width="7" height="7" rx="1" {...ICON_STROKE} />
        </>
      ),
    },
  ],
  sections: [{ view: 'templates', order: 0, component: TemplatesView }],
}
