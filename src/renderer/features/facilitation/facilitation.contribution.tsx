import type { Contribution } from '../../workbench/contributions'
import { ICON_STROKE } from '../../workbench/icons'
import { FacilitationLayer } from './canvas/FacilitationLayer'
import { FacilitationView } from './FacilitationView'
import { uiT } from '../../device/i18n/uiT'

/** Facilitation: the agenda, timer, voting and attention tools, and what they draw over the canvas. */
export const contribution: Contribution = {
  id: 'facilitation',
  views: [
    {
      id: 'facilitation',
      get title() {
        return uiT('workbench.view.facilitation')
      },
      keybinding: 'Mod+Shift+F',
      order: 40,
      icon: (
        <>
          <circle cx="12" cy="13" r="8" {...ICON_STROKE} />
          <path d="M12 9v4l3 2M9 2h6" {...ICON_STROKE} />
        </>
      ),
    },
  ],
  sections: [{ view: 'facilitation', order: 0, component: FacilitationView }],
  canvasLayers: [{ id: 'facilitation', order: 0, layer: FacilitationLayer }],
}
