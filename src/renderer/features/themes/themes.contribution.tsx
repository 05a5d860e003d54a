import type { Contribution } from '../../workbench/contributions'
import { ICON_STROKE } from '../../workbench/icons'
import { ThemesView } from './ThemesView'
import { uiT } from '../../device/i18n/uiT'

/** Themes: group cards under a name, by hand or from on-device suggestions (ADR 0043). */
export const contribution: Contribution = {
  id: 'themes',
  views: [
    {
      id: 'themes',
      get title() {
        return uiT('workbench.view.themes')
      },
      keybinding: 'Mod+Alt+G',
      order: 45,
      icon: (
        <>
          <rect x="3" y="4" width="8" height="7" rx="1.5" {...ICON_STROKE} />
          <rect x="13" y="4" width="8" height="7" rx="1.5" {...ICON_STROKE} />
          <rect x="3" y="13" width="8" height="7" rx="1.5" {...ICON_STROKE} />
          <path d="M15 16.5h5M17.5 14v5" {...ICON_STROKE} />
        </>
      ),
    },
  ],
  sections: [{ view: 'themes', order: 0, component: ThemesView }],
}
