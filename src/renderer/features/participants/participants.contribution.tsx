import type { Contribution } from '../../workbench/contributions'
import { ICON_STROKE } from '../../workbench/icons'
import { ParticipantsView } from './ParticipantsView'
import { uiT } from '../../device/i18n/uiT'

/** Participants: who is in the open session (the share feature adds its panels to this view). */
export const contribution: Contribution = {
  id: 'participants',
  views: [
    {
      id: 'participants',
      get title() {
        return uiT('workbench.view.participants')
      },
      keybinding: 'Mod+Shift+U',
      order: 30,
      icon: (
        <>
          <circle cx="9" cy="8" r="3.5" {...ICON_STROKE} />
          <path d="M2.5 20c.8-3.5 3.4-5.5 6.5-5.5s5.7 2 6.5 5.5" {...ICON_STROKE} />
          <circle cx="17" cy="9" r="2.5" {...ICON_STROKE} />
          <path d="M16.5 14.5c2.4.2 4.2 2 4.8 4.5" {...ICON_STROKE} />
        </>
      ),
    },
  ],
  sections: [{ view: 'participants', order: 0, component: ParticipantsView }],
}
