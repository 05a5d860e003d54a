import { useMemo } from 'react'
import type * as Y from 'yjs'
import { BALANCE_MAPS, liveVoiceBalance, readBalanceMaps } from '../../../core/common/export/liveBalance'
import type { ExportVoiceBalance } from '../../../core/common/export/schema'
import { privateActivityOf } from '../../../core/common/facilitation/privateCards'
import type { SessionBoard } from '../../session/BoardSession'
import { useCards } from '../../session/useCards'
import { useMapsValue } from '../../session/useDoc'

/** Recompute at most this often while people write: the panel is a glance, not a ticker. */
const CARD_THROTTLE_MS = 500

/**
 * The live voice balance of the open board, derived from its validated cards (the store's, throttled)
 * and the few session maps it needs (re-read only when they change) — never by rebuilding the export
 * model. Cards still private to this device are left out: nobody else sees them yet. Null while `on` is
 * false (the panel is hidden), so a hidden panel costs nothing.
 */
export function useLiveBalance(doc: Y.Doc, board: SessionBoard, on: boolean): ExportVoiceBalance | null {
  const maps = useMapsValue(doc, BALANCE_MAPS, readBalanceMaps)
  const cards = useCards(board, on, CARD_THROTTLE_MS)
  return useMemo(
    () =>
      on
        ? liveVoiceBalance(
            maps,
            cards.filter((c) => privateActivityOf(c) === null),
          )
        : null,
    [on, maps, cards],
  )
}
