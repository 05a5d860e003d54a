import type * as Y from 'yjs'
import { readShareBalance, writeShareBalance } from '../../../core/common/facilitation/state'
import type { SessionBoard } from '../../session/BoardSession'
import { BalanceTable } from './BalanceTable'
import { useDocValue } from '../../session/useDoc'
import { useLiveBalance } from './useLiveBalance'
import { useOptimistic } from './useOptimistic'
import { useT } from '../../device/i18n'

/**
 * Voice balance: cards, dots and words per co-production role, per stage, and who has not yet been
 * heard where. Facilitators always see it; everyone else when a facilitator shares it.
 */
export function BalancePanel({
  doc,
  board,
  facilitator,
}: {
  doc: Y.Doc
  board: SessionBoard
  facilitator: boolean
}) {
  const sharedInDoc = useDocValue(doc, readShareBalance) ?? false
  const t = useT()
  const [shared, showShared] = useOptimistic(sharedInDoc)
  const vb = useLiveBalance(doc, board, facilitator || sharedInDoc)
  if (!facilitator && !shared) return null
  return (
    <section aria-labelledby="facil-vb-h" className="facil-section" data-testid="facil-balance">
      <h2 id="facil-vb-h">{t('facilitation.balance.title')}</h2>
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
          {t('facilitation.balance.share')}
        </label>
      )}
      {vb && <BalanceTable vb={vb} />}
    </section>
  )
}
