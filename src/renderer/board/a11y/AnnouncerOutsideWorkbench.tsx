import { useContext } from 'react'
import { WorkbenchContext } from '../../workbench/context'
import { BoardAnnouncer } from '../../features/a11y/BoardAnnouncer'
import type { CardOps } from './cardOps'
import type * as Y from 'yjs'

/**
 * Workshop announcements (activity, timer, voting, results, new cards here) for a board shown outside
 * the workbench — the guest app on a phone or laptop. Inside the workbench the A11yLayer announces,
 * so this renders nothing there.
 */
export function AnnouncerOutsideWorkbench(props: {
  api: { doc: Y.Doc; cards: CardOps }
  sessionId: string
  identityId: string
}) {
  const inWorkbench = useContext(WorkbenchContext) !== null
  if (inWorkbench) return null
  return (
    <BoardAnnouncer
      board={{
        doc: props.api.doc,
        cards: props.api.cards,
        sessionId: props.sessionId,
        identity: { id: props.identityId },
      }}
    />
  )
}
