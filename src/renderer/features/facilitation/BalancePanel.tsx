import type * as Y from 'yjs'
import { liveVoiceBalance } from '../../../core/common/export/liveBalance'
import { readShareBalance, writeShareBalance } from '../../../core/common/facilitation/state'
import { BalanceTable } from './BalanceTable'
import { useDocValue } from '../../session/useDoc'
import { useOptimistic } from './useOptimistic'

/**
 * Voice balance: cards, dots and words per co-production role, per stage, and who has not yet been
 * heard where. Facilitators always see it; everyone else when a facilitator shares it.
 */
export function BalancePanel({ doc, facilitator }: { doc: Y.Doc; facilitator: boolean }) {
  const sharedInDoc = useDocValue(doc, readShareBalance) ?? false
  const [shared, showShared] = useOptimistic(sharedInDoc)
  const vb = useDocValue(
    doc,
    (d) => (facilitator || readShareBalance(d) ? liveVoiceBalance(d) : null),
    [facilitator],
    1000,
  )
  if (!facilitator && !shared) return null
  return (
    <section aria-labelledby="facil-vb-h" className="facil-section" data-testid="facil-balance">
      <h2 id="facil-vb-h">Voice balance</h2>
      {facilitator && (
        <label className="radio">
          <input
            type="checkbox"
            checked={shared}
            onChange={(e) => {
              showShared(e.target.checked)
              writeShareBalance(doc, e.target.checked)
            }}
          />{' '}
          Share with everyone
        </label>
      )}
      {vb && <BalanceTable vb={vb} />}
    </section>
  )
}
