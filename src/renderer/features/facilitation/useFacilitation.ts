import { useCallback, useSyncExternalStore } from 'react'
import { useActiveBoard } from '../../workbench/activeBoard'
import { getController, subscribeControllers } from '../../session/facilitationController'
import { isFacilitatorRole } from './sound'

/** The open board, its canvas controller (relay clock, selection) and who is looking. */
export function useFacilitation() {
  const board = useActiveBoard()
  const controller = useSyncExternalStore(subscribeControllers, () => getController(board?.sessionId))
  const relayNow = useCallback(() => (controller ? controller.relayNow() : Date.now()), [controller])
  const role = controller?.sessionRole ?? board?.identity.sessionRole ?? 'observer'
  return {
    board,
    relayNow,
    controller,
    role,
    facilitator: isFacilitatorRole(role),
    observer: role === 'observer',
  }
}
