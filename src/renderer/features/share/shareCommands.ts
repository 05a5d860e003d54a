import type { Command } from '../../workbench/commands'
import type { WorkbenchServices } from '../../workbench/context'
import { shareUi } from './shareUi'

/** "Share session" and "Show the join QR code full screen" (the share panel lives in the Participants view). */
export function shareCommands({ store }: WorkbenchServices): Command[] {
  const showPanel = () => {
    store.showView('participants')
    shareUi.set({ focusRequest: shareUi.get().focusRequest + 1 })
  }
  return [
    {
      id: 'session.share',
      title: 'Share session (join link and QR code)',
      category: 'Session',
      menu: 'session',
      run: showPanel,
    },
    {
      id: 'session.shareQrFullScreen',
      title: 'Show the join QR code full screen',
      category: 'Session',
      menu: 'session',
      run: () => {
        showPanel()
        shareUi.set({ fullScreen: true })
      },
    },
  ]
}
