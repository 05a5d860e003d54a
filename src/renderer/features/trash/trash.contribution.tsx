import type { Contribution } from '../../workbench/contributions'
import { ICON_STROKE } from '../../workbench/icons'
import { ActivitySection } from './ActivitySection'
import { TrashView } from './TrashView'
import { uiT } from '../../device/i18n/uiT'

/** Trash: what was deleted from the open board (restorable by a facilitator) and the session activity log. */
export const contribution: Contribution = {
  id: 'trash',
  views: [
    {
      id: 'trash',
      get title() {
        return uiT('workbench.view.trash')
      },
      keybinding: 'Mod+Alt+D',
      order: 45,
      icon: (
        <>
          <path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13" {...ICON_STROKE} />
          <path d="M10 11v6M14 11v6" {...ICON_STROKE} />
        </>
      ),
    },
  ],
  sections: [
    { view: 'trash', order: 0, component: TrashView },
    { view: 'trash', order: 10, component: ActivitySection },
  ],
}
