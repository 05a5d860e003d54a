import { useCallback } from 'react'
import { useBoardSession } from '../../session/useBoardSession'
import { isFacilitatorRole } from '../../../core/common/permissions'

/** The open board, its canvas controller (relay clock, selection) and who is looking. */
export function useFacilitation() {
  const session = useBoardSession()
  const board = session?.board ?? null
  const controller = session?.facilitation ?? null
  const relayNow = useCallback(() => (controller ? controller.relayNow() : Date.now()), [controller])
  const role = controller?.sessionRole ?? board?.identity.sessionRole ?? 'observer'
  return {
    session,
    board,
    relayNow,
    controller,
    role,
    facilitator: isFacilitatorRole(role),
    observer: role === 'observer',
  }
}
