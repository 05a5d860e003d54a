import type { ModerationView } from '../../session/moderation'
import { useT, type TFunction } from '../../device/i18n'

/** Words of the phone's moderation parts (kept together for the message catalogues, issue 19). */
export const approvalCopy = (t: TFunction) => ({
  sent: t('phone.approval.sent'),
  heading: t('phone.approval.heading'),
  waiting: t('phone.approval.waiting'),
  decided: t('phone.approval.decided'),
  approved: t('phone.approval.approved'),
  notShown: t('phone.approval.notShown'),
  notShownHelp: t('phone.approval.notShownHelp'),
})

/**
 * The guest's own cards held for a facilitator ("Waiting for the facilitator") and, plainly, what became
 * of the others: on the board, or not shown. The latest decision is announced (a status region).
 */
export function ForApproval({ view }: { view: ModerationView }) {
  const APPROVAL_COPY = approvalCopy(useT())
  const mine = view.mine
  if (!mine || (mine.held.length === 0 && mine.decisions.length === 0 && view.refused.length === 0))
    return null
  const decisions = [...mine.decisions].reverse().slice(0, 10)
  const latest = decisions[0]
  return (
    <section aria-labelledby="phone-approval" className="phone-waiting" data-testid="phone-approval">
      {mine.held.length > 0 && (
        <>
          <h2 id="phone-approval" className="phone-h2">
            {APPROVAL_COPY.heading} ({mine.held.length})
          </h2>
          <ul className="phone-list">
            {mine.held.map((c) => (
              <li key={c.id} className="phone-card phone-card--waiting" data-testid="phone-held-card">
                <span className="phone-card__meta">{APPROVAL_COPY.waiting}</span>
                <span className="phone-card__text">{c.text}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {view.refused.map((r) => (
        <p key={r.id} className="phone-said" role="alert">
          {r.reason}
        </p>
      ))}
      {decisions.length > 0 && (
        <>
          <h2 id={mine.held.length > 0 ? undefined : 'phone-approval'} className="phone-h2">
            {APPROVAL_COPY.decided}
          </h2>
          <p className="phone-said" role="status" data-testid="phone-approval-latest">
            {latest
              ? `“${latest.text.slice(0, 60)}”: ${latest.status === 'approved' ? APPROVAL_COPY.approved : APPROVAL_COPY.notShown}.`
              : ''}
          </p>
          <ul className="phone-list">
            {decisions.map((d) => (
              <li key={d.id} className="phone-card" data-testid="phone-decided-card">
                <span className="phone-card__meta">
                  {d.status === 'approved' ? APPROVAL_COPY.approved : APPROVAL_COPY.notShown}
                </span>
                <span className="phone-card__text">{d.text}</span>
                {d.status === 'not-shown' && (
                  <span className="phone-card__meta">{APPROVAL_COPY.notShownHelp}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
