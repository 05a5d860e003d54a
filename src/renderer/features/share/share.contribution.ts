import type { Contribution } from '../../workbench/contributions'
import { RemoteRelayPanel } from './RemoteRelayPanel'
import { RemoteSavedStatus } from './RemoteSavedStatus'
import { SharePanel } from './SharePanel'
import { shareCommands } from './shareCommands'

/** Share: the join link and QR code, and publishing to a remote relay (in the Participants view). */
export const contribution: Contribution = {
  id: 'share',
  order: 50,
  sections: [
    { view: 'participants', order: 10, component: SharePanel },
    { view: 'participants', order: 20, component: RemoteRelayPanel },
  ],
  commands: shareCommands,
  statusItems: [{ id: 'share.remoteSaved', order: 50, component: RemoteSavedStatus }],
}
