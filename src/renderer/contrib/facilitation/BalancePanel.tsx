import type * as Y from 'yjs'
import { liveVoiceBalance } from '../../../core/common/facilitation/balance'
import { readShareBalance, writeShareBalance } from '../../../core/common/facilitation/state'
import { COPRO_ROLE_INFO } from '../../../shared/model/roles'
import { useDocValue } from '../../board/facilitation/useDoc'

/**
 * Voice balance: cards, dots and words per co-production role, per stage, and who has not yet been
 * heard where. Facilitators always see it; everyone else when a facilitator shares it.
 */
export function BalancePanel({ doc, facilitator }: { doc: Y.Doc; facilitator: boolean }) {
  const shared = useDocValue(doc, readShareBalance) ?? false
  const vb = useDocValue(doc, (d) => (facilitator || readShareBalance(d) ? liveVoiceBalance(d) : null), [
    facilitator,
  ])
  if (!facilitator && !shared) return null
  const roles = vb?.byRole.filter((r) => r.participants > 0 || r.cards > 0 || r.votes > 0) ?? []
  return (
    <section aria-labelledby="facil-vb-h" className="facil-section" data-testid="facil-balance">
      <h2 id="facil-vb-h">Voice balance</h2>
      {facilitator && (
        <label className="radio">
          <input
            type="checkbox"
            checked={shared}
            onChange={(e) => writeShareBalance(doc, e.target.checked)}
          />{' '}
          Share with everyone
        </label>
      )}
      {vb && (
        <>
          <table className="facil-table">
            <caption className="visually-hidden">Contributions per co-production role</caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">People</th>
                <th scope="col">Cards</th>
                <th scope="col">Dots</th>
                <th scope="col">Words</th>
              </tr>
            </thead>
            <tbody>
              {roles.map((r) => (
                <tr key={r.coproRole}>
                  <th scope="row">{COPRO_ROLE_INFO[r.coproRole].short}</th>
                  <td>{r.participants}</td>
                  <td>
                    {r.cards} <span className="muted">({Math.round(r.cardShare * 100)}%)</span>
                  </td>
                  <td>{r.votes}</td>
                  <td>{r.words}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {vb.byArea.length > 0 && (
            <ul className="facil-areas">
              {vb.byArea.map((a) => {
                const cards = a.byRole.filter((r) => r.cards > 0)
                return (
                  <li key={a.id}>
                    <strong>{a.label}</strong>:{' '}
                    {cards.map((r) => `${COPRO_ROLE_INFO[r.coproRole].short} ${r.cards}`).join(', ') ||
                      'no cards yet'}
                    {a.notYetHeard.length > 0 && (
                      <span className="facil-unheard">
                        {' '}
                        · not yet heard: {a.notYetHeard.map((r) => COPRO_ROLE_INFO[r].short).join(', ')}
                      </span>
                    )}
                  </li>
                )
              })}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
