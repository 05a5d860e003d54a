import type { Command } from '../../workbench/commands'
import type { WorkbenchServices } from '../../workbench/context'
import { shareUiKey } from './shareUi'

/** "Share session" and "Show the join QR code full screen" (the share panel lives in the Participants view). */
export function shareCommands({ store, sessions }: WorkbenchServices): Command[] {
  /** The active session's share UI state (none when no session is open: the panel then says so). */
  const ui = () => sessions.getActive()?.scoped(shareUiKey) ?? null
  const showPanel = () => {
    store.showView('participants')
    const u = ui()
    u?.set({ focusRequest: u.get().focusRequest + 1 })
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
        ui()?.set({ fullScreen: true })
      },
    },
  ]
}
