import { useEffect, useState } from 'react'
import { formatRemaining, remainingMs } from '../../../core/common/facilitation/timer'
import { recordPass } from '../../../core/common/facilitation/state'
import type { Phone, Place } from './usePhone'
import { useT } from '../../device/i18n'

function nonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
}

/** Now: the current activity, its prompt, the timer, its content note, and Pass. */
export function NowPanel({
  phone,
  observer,
  onGo,
}: {
  phone: Phone
  observer: boolean
  onGo(p: Place): void
}) {
  const t = useT()
  const { activity, timer, openRound } = phone.snap
  const [passed, setPassed] = useState<Record<string, true>>({})
  const [now, setNow] = useState(() => phone.clock.now())
  const running = activity !== null && timer.activityId === activity.id && timer.status === 'running'
  useEffect(() => {
    setNow(phone.clock.now())
    if (!running) return
    const t = setInterval(() => setNow(phone.clock.now()), 1000)
    return () => clearInterval(t)
  }, [running, phone.clock, timer])

  const timed = activity !== null && timer.activityId === activity.id && timer.status !== 'idle'
  const left = timed ? remainingMs(timer, now) : null

  return (
    <div className="phone-panel" data-testid="phone-now">
      {openRound && !observer && (
        <p className="phone-note phone-note--vote">
          {openRound.title
            ? t('phone.now.voteOpen', { title: openRound.title })
            : t('phone.now.voteOpenUntitled')}{' '}
          <button type="button" className="phone-btn phone-btn--primary" onClick={() => onGo('vote')}>
            {t('phone.now.goVote')}
          </button>
        </p>
      )}
      {activity ? (
        <section aria-labelledby="phone-activity" className="phone-activity">
          <h2 id="phone-activity" className="phone-h2" data-testid="phone-activity-title" dir="auto">
            {activity.title}
          </h2>
          {left !== null && (
            <p className="phone-timer" data-testid="phone-timer">
              <span className="visually-hidden">{t('phone.now.timeLeft')} </span>
              {timer.status === 'done' ? t('phone.now.timeUp') : <bdi dir="ltr">{formatRemaining(left)}</bdi>}
              {timer.status === 'paused' && ` ${t('phone.now.paused')}`}
            </p>
          )}
          {activity.contentNote && (
            <p className="phone-note phone-note--content" data-testid="phone-content-note">
              <strong>{t('phone.now.contentNote')}</strong> <bdi>{activity.contentNote}</bdi>
            </p>
          )}
          {activity.instructions && (
            <p className="phone-prompt" data-testid="phone-prompt" dir="auto">
              {activity.instructions}
            </p>
          )}
          {activity.private && phone.snap.revealed[activity.id] === undefined && (
            <p className="phone-hint">{t('phone.now.private')}</p>
          )}
          {!observer && (
            <div className="phone-actions">
              <button
                type="button"
                className="phone-btn phone-btn--primary"
                data-testid="phone-now-add"
                onClick={() => onGo('add')}
              >
                {t('guest.addCard')}
              </button>
              <button
                type="button"
                className="phone-btn"
                data-testid="phone-pass"
                aria-describedby="phone-pass-hint"
                disabled={passed[activity.id] === true}
                onClick={() => {
                  recordPass(phone.conn.doc, activity.id, nonce())
                  setPassed((p) => ({ ...p, [activity.id]: true }))
                }}
              >
                {passed[activity.id] ? t('phone.now.passed') : t('phone.now.pass')}
              </button>
              <p id="phone-pass-hint" className="phone-hint" role="status" data-testid="phone-pass-status">
                {passed[activity.id] ? t('phone.now.passedHint') : t('phone.now.passHint')}
              </p>
            </div>
          )}
        </section>
      ) : (
        <p className="phone-prompt" data-testid="phone-no-activity">
          {t('phone.now.nothing')}
          {!observer && ` ${t('phone.now.addAnyTime')}`}
        </p>
      )}
    </div>
  )
}
