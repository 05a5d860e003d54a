import { useId, useRef, useState } from 'react'
import type { GuestSessionInfo } from '../../shared/api/contract'
import { NAME_MAX } from '../../shared/model/participant'
import { TEXT_SCALES } from '../device/prefsSchema'
import { preferences, usePreferences } from '../device/preferences'
import { roleHint, roleLabel, useT } from '../device/i18n'
import { GUEST_ROLES, type GuestProfile, type GuestRole } from './guestIdentity'
import { LanguagePicker } from './LanguagePicker'

export interface JoinScreenProps {
  info: GuestSessionInfo
  profile: GuestProfile
  onJoin(profile: GuestProfile & { coproRole: GuestRole }): void
}

/**
 * What a guest sees first: the session's title, their name (optional), whether their name may be shown
 * on their cards in the report (a question of its own, default no), who they are in co-production
 * terms, text size and contrast. No account, nothing to install. Used by the canvas guest app and the
 * phone's participant screen alike.
 */
export function JoinScreen({ info, profile, onJoin }: JoinScreenProps) {
  const t = useT()
  const prefs = usePreferences()
  const [name, setName] = useState(profile.name)
  // Consent to be named is its own question (issue 15 item 4), never implied by typing a name: default no.
  const [consent, setConsent] = useState(!profile.anonymous && profile.name.trim() !== '')
  const [role, setRole] = useState<GuestRole | null>(profile.coproRole)
  const [problem, setProblem] = useState<string | null>(null)
  const roleGroup = useRef<HTMLFieldSetElement>(null)
  const nameRef = useRef<HTMLInputElement>(null)
  const ids = { title: useId(), name: useId(), nameHint: useId(), consent: useId(), problem: useId() }
  const observer = info.role === 'observer'

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    if (consent && !observer && name.trim() === '') {
      setProblem(t('join.problem.name'))
      nameRef.current?.focus()
      return
    }
    if (!role) {
      setProblem(t('join.problem.role'))
      roleGroup.current?.querySelector('input')?.focus()
      return
    }
    setProblem(null)
    onJoin({ ...profile, name: name.trim(), anonymous: observer || !consent, coproRole: role })
  }

  return (
    <main className="guest-join" aria-labelledby={ids.title} data-testid="guest-join">
      <form className="guest-join__form" onSubmit={submit} noValidate>
        <LanguagePicker />
        <p className="guest-join__kicker">{t('guest.kicker')}</p>
        <h1 id={ids.title} className="guest-join__title" data-testid="guest-session-title" dir="auto">
          {info.title}
        </h1>
        <p className="guest-join__lead">{observer ? t('join.lead.observer') : t('join.lead.participant')}</p>

        <div className="guest-field">
          <label htmlFor={ids.name}>{t('join.name.label')}</label>
          <input
            id={ids.name}
            ref={nameRef}
            type="text"
            dir="auto"
            autoComplete="nickname"
            maxLength={NAME_MAX}
            value={name}
            aria-describedby={[ids.nameHint, problem ? ids.problem : ''].filter(Boolean).join(' ')}
            aria-invalid={problem !== null && consent && name.trim() === ''}
            onChange={(e) => setName(e.target.value)}
          />
          <p id={ids.nameHint} className="guest-hint">
            {t('join.name.hint')}
          </p>
        </div>

        {!observer && (
          <fieldset className="guest-field guest-consent" aria-describedby={ids.consent}>
            <legend>{t('consent.question')}</legend>
            <p id={ids.consent} className="guest-hint">
              {t('join.consent.hint')}
            </p>
            <label className={`guest-role${!consent ? ' guest-role--on' : ''}`}>
              <input
                type="radio"
                name="guest-consent"
                value="no"
                checked={!consent}
                data-testid="guest-consent-no"
                onChange={() => setConsent(false)}
              />
              <span>
                <strong>{t('join.consent.no')}</strong>
                <span className="guest-hint">{t('join.consent.noHint')}</span>
              </span>
            </label>
            <label className={`guest-role${consent ? ' guest-role--on' : ''}`}>
              <input
                type="radio"
                name="guest-consent"
                value="yes"
                checked={consent}
                data-testid="guest-consent-yes"
                onChange={() => setConsent(true)}
              />
              <span>
                <strong>{t('join.consent.yes')}</strong>
                <span className="guest-hint">{t('join.consent.yesHint')}</span>
              </span>
            </label>
          </fieldset>
        )}

        <fieldset className="guest-field guest-roles" ref={roleGroup}>
          <legend>{t('join.roles.question')}</legend>
          <p className="guest-hint">{t('join.roles.hint')}</p>
          {GUEST_ROLES.map((r) => (
            <label key={r} className={`guest-role${role === r ? ' guest-role--on' : ''}`}>
              <input
                type="radio"
                name="guest-role"
                value={r}
                checked={role === r}
                onChange={() => setRole(r)}
              />
              <span>
                <strong>{roleLabel(t, r)}</strong>
                <span className="guest-hint">{roleHint(t, r)}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <fieldset className="guest-field guest-prefs">
          <legend>{t('join.read.legend')}</legend>
          <div className="guest-scales" role="radiogroup" aria-label={t('guest.textSize')}>
            {TEXT_SCALES.map((s) => (
              <label key={s} className={`guest-scale${prefs.textScale === s ? ' guest-scale--on' : ''}`}>
                <input
                  type="radio"
                  name="guest-text-size"
                  value={s}
                  checked={prefs.textScale === s}
                  onChange={() => preferences.set({ textScale: s })}
                />
                <span style={{ fontSize: `${0.8 + s / 500}em` }}>{t(`join.scale.${s}`)}</span>
              </label>
            ))}
          </div>
          <label className="guest-check">
            <input
              type="checkbox"
              checked={prefs.highContrast}
              onChange={(e) => preferences.set({ highContrast: e.target.checked })}
            />
            {t('join.highContrast')}
          </label>
        </fieldset>

        {problem && (
          <p id={ids.problem} className="guest-problem" role="alert">
            {problem}
          </p>
        )}
        <button
          type="submit"
          className="guest-btn guest-btn--primary guest-join__go"
          data-testid="guest-join-button"
        >
          {t('join.go')}
        </button>
      </form>
    </main>
  )
}
