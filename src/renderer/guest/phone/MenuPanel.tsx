import { useId, useState } from 'react'
import { NAME_MAX } from '../../../shared/model/participant'
import { TEXT_SCALES } from '../../device/prefsSchema'
import { preferences, usePreferences } from '../../device/preferences'
import type { GuestIdentity } from '../joinExchange'
import type { GuestProfile, GuestRole } from '../guestIdentity'
import type { JoinLink } from '../joinLink'
import { applyConsent, withdrawMe } from './consent'
import { boardViewUrl, rememberView } from './screenChoice'
import type { Phone } from './usePhone'
import { roleLabel, useT } from '../../device/i18n'
import { LanguagePicker } from '../LanguagePicker'

type Joined = GuestProfile & { coproRole: GuestRole }

/** The person's menu: their name and consent, withdrawing their cards, text size, the full board. */
export function MenuPanel({
  phone,
  link,
  identity,
  profile,
  observer,
  onProfile,
}: {
  phone: Phone
  link: JoinLink
  identity: GuestIdentity
  profile: Joined
  observer: boolean
  onProfile(p: Joined): void
}) {
  const t = useT()
  const prefs = usePreferences()
  const [name, setName] = useState(profile.name)
  const [said, setSaid] = useState('')
  const [confirming, setConfirming] = useState(false)
  const ids = { name: useId() }
  const withdrawn = phone.snap.withdrawn.has(identity.participantId)

  const setConsent = (yes: boolean) => {
    if (yes && name.trim() === '') {
      setSaid(t('phone.menu.nameFirst'))
      return
    }
    const next = { ...profile, name: name.trim(), anonymous: !yes }
    onProfile(next)
    const n = applyConsent(
      phone.conn.doc,
      { id: identity.participantId, name: next.name, anonymous: next.anonymous, coproRole: next.coproRole },
      Date.now(),
    )
    setSaid(yes ? t('phone.menu.nameShown', { changed: n }) : t('phone.menu.nameHidden', { changed: n }))
  }

  return (
    <div className="phone-panel" data-testid="phone-menu">
      <p>
        {profile.anonymous ? t('phone.menu.asAnonymous') : t('phone.menu.asName', { name: profile.name })} ·{' '}
        {roleLabel(t, profile.coproRole)}
        {observer ? ` · ${t('guest.watching')}` : ''}
      </p>
      {!observer && (
        <>
          <section className="phone-section" aria-labelledby="phone-consent-h">
            <h2 id="phone-consent-h" className="phone-h2">
              {t('phone.menu.nameTitle')}
            </h2>
            <label htmlFor={ids.name} className="phone-label">
              {t('phone.menu.name')}
            </label>
            <input
              id={ids.name}
              className="phone-input"
              type="text"
              dir="auto"
              autoComplete="nickname"
              maxLength={NAME_MAX}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <fieldset className="phone-where">
              <legend className="phone-label">{t('consent.question')}</legend>
              <label className="phone-choice">
                <input
                  type="radio"
                  name="phone-consent"
                  checked={profile.anonymous}
                  data-testid="phone-consent-no"
                  onChange={() => setConsent(false)}
                />
                {t('phone.menu.consentNo')}
              </label>
              <label className="phone-choice">
                <input
                  type="radio"
                  name="phone-consent"
                  checked={!profile.anonymous}
                  data-testid="phone-consent-yes"
                  onChange={() => setConsent(true)}
                />
                {t('phone.menu.consentYes')}
              </label>
            </fieldset>
          </section>
          <section className="phone-section" aria-labelledby="phone-withdraw-h">
            <h2 id="phone-withdraw-h" className="phone-h2">
              {t('phone.menu.withdrawTitle')}
            </h2>
            {withdrawn ? (
              <p data-testid="phone-withdrawn">{t('phone.menu.withdrawn')}</p>
            ) : confirming ? (
              <>
                <p>{t('phone.menu.withdrawQuestion')}</p>
                <div className="phone-actions">
                  <button
                    type="button"
                    className="phone-btn phone-btn--danger"
                    data-testid="phone-withdraw-confirm"
                    onClick={() => {
                      withdrawMe(phone.conn.doc, identity.participantId, new Date())
                      setConfirming(false)
                      setSaid(t('phone.menu.withdrawDone'))
                    }}
                  >
                    {t('phone.menu.withdrawYes')}
                  </button>
                  <button type="button" className="phone-btn" onClick={() => setConfirming(false)}>
                    {t('phone.menu.withdrawKeep')}
                  </button>
                </div>
              </>
            ) : (
              <button
                type="button"
                className="phone-btn"
                data-testid="phone-withdraw"
                onClick={() => setConfirming(true)}
              >
                {t('phone.menu.withdraw')}
              </button>
            )}
          </section>
        </>
      )}
      <p className="phone-said" role="status" data-testid="phone-menu-status">
        {said}
      </p>
      <section className="phone-section">
        <LanguagePicker className="phone-where" legendClass="phone-h2" />
      </section>
      <section className="phone-section" aria-labelledby="phone-read-h">
        <h2 id="phone-read-h" className="phone-h2">
          {t('phone.menu.readTitle')}
        </h2>
        <fieldset className="phone-filter">
          <legend className="phone-label">{t('guest.textSize')}</legend>
          {TEXT_SCALES.map((s) => (
            <label key={s} className={`phone-chip${prefs.textScale === s ? ' phone-chip--on' : ''}`}>
              <input
                type="radio"
                name="phone-text-size"
                checked={prefs.textScale === s}
                onChange={() => preferences.set({ textScale: s })}
              />
              {t('guest.scalePercent', { scale: s })}
            </label>
          ))}
        </fieldset>
        <label className="phone-choice">
          <input
            type="checkbox"
            checked={prefs.highContrast}
            onChange={(e) => preferences.set({ highContrast: e.target.checked })}
          />
          {t('phone.menu.highContrast')}
        </label>
      </section>
      <section className="phone-section" aria-labelledby="phone-full-h">
        <h2 id="phone-full-h" className="phone-h2">
          {t('phone.menu.fullTitle')}
        </h2>
        <p>{t('phone.menu.fullText')}</p>
        <a
          className="phone-btn"
          href={boardViewUrl(link.sessionId)}
          data-testid="phone-full-board"
          onClick={() => rememberView('board')}
        >
          {t('phone.menu.fullOpen')}
        </a>
      </section>
    </div>
  )
}
