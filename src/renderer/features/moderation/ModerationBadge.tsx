import type { CanvasLayerProps } from '../../board/Board'
import { useModeration } from '../../session/moderation'
import { useBoardSession } from '../../session/useBoardSession'
import { useServices } from '../../workbench/context'
import { moderationWords } from './copy'
import { useT } from '../../device/i18n'

/**
 * On the facilitator's board: "Waiting for approval (N)" while guests' cards wait (ADR 0047); it opens
 * the outline, where each waiting card is approved, edited or set aside. Nothing when none wait.
 */
export function ModerationBadge({ identity }: CanvasLayerProps) {
  const session = useBoardSession()
  const view = useModeration(session?.moderation)
  const { commands } = useServices()
  const COPY = moderationWords(useT())
  const role = identity.sessionRole
  const n = view.inbox?.held.length ?? 0
  if ((role !== 'facilitator' && role !== 'co-facilitator') || n === 0) return null
  return (
    <div className="moderation-badge" data-testid="moderation-badge">
      <button type="button" onClick={() => void commands.execute('outline.show')}>
        {COPY.waiting(n)} — {COPY.openOutline}
      </button>
    </div>
  )
}
