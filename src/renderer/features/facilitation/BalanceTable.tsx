import type { ExportVoiceBalance } from '../../../core/common/export/schema'
import { roleShort, useT } from '../../device/i18n'

/** Cards, dots and words per co-production role, and per stage who has not yet been heard. */
export function BalanceTable({ vb }: { vb: ExportVoiceBalance }) {
  const t = useT()
  const roles = vb.byRole.filter((r) => r.participants > 0 || r.cards > 0 || r.votes > 0)
  return (
    <>
      <table className="facil-table">
        <caption className="facil-sr-only">{t('facilitation.balance.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('facilitation.balance.role')}</th>
            <th scope="col">{t('facilitation.balance.people')}</th>
            <th scope="col">{t('facilitation.balance.cards')}</th>
            <th scope="col">{t('voting.label.dots')}</th>
            <th scope="col">{t('facilitation.balance.words')}</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => (
            <tr key={r.coproRole}>
              <th scope="row">{roleShort(t, r.coproRole)}</th>
              <td>{r.participants}</td>
              <td>
                {r.cards} <span className="facil-muted">({Math.round(r.cardShare * 100)}%)</span>
                {r.scribedCards > 0 && (
                  <span className="facil-muted">
                    {' '}
                    · {t('facilitation.balance.scribed', { count: r.scribedCards })}
                  </span>
                )}
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
                <strong dir="auto">{a.label}</strong>:{' '}
                {cards.map((r) => `${roleShort(t, r.coproRole)} ${r.cards}`).join(', ') ||
                  t('facilitation.balance.noCards')}
                {a.notYetHeard.length > 0 && (
                  <span className="facil-unheard">
                    {' '}
                    ·{' '}
                    {t('facilitation.balance.unheard', {
                      roles: a.notYetHeard.map((r) => roleShort(t, r)).join(', '),
                    })}
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
