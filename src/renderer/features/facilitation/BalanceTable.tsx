import type { ExportVoiceBalance } from '../../../core/common/export/schema'
import { COPRO_ROLE_INFO } from '../../../shared/model/roles'

/** Cards, dots and words per co-production role, and per stage who has not yet been heard. */
export function BalanceTable({ vb }: { vb: ExportVoiceBalance }) {
  const roles = vb.byRole.filter((r) => r.participants > 0 || r.cards > 0 || r.votes > 0)
  return (
    <>
      <table className="facil-table">
        <caption className="facil-sr-only">Contributions per co-production role</caption>
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
                {r.cards} <span className="facil-muted">({Math.round(r.cardShare * 100)}%)</span>
                {r.scribedCards > 0 && <span className="facil-muted"> · {r.scribedCards} scribed</span>}
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
  )
}
