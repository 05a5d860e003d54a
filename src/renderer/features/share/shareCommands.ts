import type { Command } from '../../workbench/commands'
import type { WorkbenchServices } from '../../workbench/context'
import { shareUiKey } from './shareUi'
import { uiT } from '../../device/i18n/uiT'

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
      get title() {
        return uiT('share.cmd.share')
      },
      get category() {
        return uiT('sessions.category')
      },
      menu: 'session',
      run: showPanel,
    },
    {
      id: 'session.shareQrFullScreen',
      get title() {
        return uiT('share.cmd.qrFullScreen')
      },
      get category() {
        return uiT('sessions.category')
      },
      menu: 'session',
      run: () => {
        showPanel()
        ui()?.set({ fullScreen: true })
      },
    },
  ]
}
