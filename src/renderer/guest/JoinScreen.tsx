import { useId, useRef, useState } from 'react'
import type { GuestSessionInfo } from '../../shared/api/contract'
import { NAME_MAX } from '../../shared/model/participant'
import { COPRO_ROLE_INFO } from '../../shared/model/roles'
import { TEXT_SCALES, type TextScale } from '../device/prefsSchema'
import { preferences, usePreferences } from '../device/preferences'
import { GUEST_ROLE_HINTS, GUEST_ROLES, type GuestProfile, type GuestRole } from './guestIdentity'

const SCALE_LABELS: Record<TextScale, string> = {
  100: 'Normal',
  125: 'Bigger',
  150: 'Big',
  175: 'Very big',
  200: 'Biggest',
}

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
      setProblem('Type your name, or answer “No” to showing it.')
      nameRef.current?.focus()
      return
    }
    if (!role) {
      setProblem('Choose the description that fits you best.')
      roleGroup.current?.querySelector('input')?.focus()
      return
    }
    setProblem(null)
    onJoin({ ...profile, name: name.trim(), anonymous: observer || !consent, coproRole: role })
  }

  return (
    <main className="guest-join" aria-labelledby={ids.title} data-testid="guest-join">
      <form className="guest-join__form" onSubmit={submit} noValidate>
        <p className="guest-join__kicker">Copro Studio workshop</p>
        <h1 id={ids.title} className="guest-join__title" data-testid="guest-session-title">
          {info.title}
        </h1>
        <p className="guest-join__lead">
          {observer
            ? 'You are joining to watch. You can read the board, but you cannot write on it or vote with this link.'
            : 'You are joining to take part. Your cards appear on the shared board straight away.'}{' '}
          No account and nothing to install.
        </p>

        <div className="guest-field">
          <label htmlFor={ids.name}>Your name (you can leave it empty)</label>
          <input
            id={ids.name}
            ref={nameRef}
            type="text"
            autoComplete="nickname"
            maxLength={NAME_MAX}
            value={name}
            aria-describedby={[ids.nameHint, problem ? ids.problem : ''].filter(Boolean).join(' ')}
            aria-invalid={problem !== null && consent && name.trim() === ''}
            onChange={(e) => setName(e.target.value)}
          />
          <p id={ids.nameHint} className="guest-hint">
            It stays on this device unless you say yes below.
          </p>
        </div>

        {!observer && (
          <fieldset className="guest-field guest-consent" aria-describedby={ids.consent}>
            <legend>Can we show your name on your cards in the report?</legend>
            <p id={ids.consent} className="guest-hint">
              The report is what the organisers keep after the workshop. If you say no, your cards carry no
              name. You can change this later in the menu.
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
                <strong>No</strong>
                <span className="guest-hint">My cards show no name.</span>
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
                <strong>Yes</strong>
                <span className="guest-hint">My name is on my cards and in the report.</span>
              </span>
            </label>
          </fieldset>
        )}

        <fieldset className="guest-field guest-roles" ref={roleGroup}>
          <legend>Which fits you best?</legend>
          <p className="guest-hint">This helps everyone hear all sides. It is shown on your cards.</p>
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
                <strong>{COPRO_ROLE_INFO[r].label}</strong>
                <span className="guest-hint">{GUEST_ROLE_HINTS[r]}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <fieldset className="guest-field guest-prefs">
          <legend>Make it easier to read</legend>
          <div className="guest-scales" role="radiogroup" aria-label="Text size">
            {TEXT_SCALES.map((s) => (
              <label key={s} className={`guest-scale${prefs.textScale === s ? ' guest-scale--on' : ''}`}>
                <input
                  type="radio"
                  name="guest-text-size"
                  value={s}
                  checked={prefs.textScale === s}
                  onChange={() => preferences.set({ textScale: s })}
                />
                <span style={{ fontSize: `${0.8 + s / 500}em` }}>{SCALE_LABELS[s]}</span>
              </label>
            ))}
          </div>
          <label className="guest-check">
            <input
              type="checkbox"
              checked={prefs.highContrast}
              onChange={(e) => preferences.set({ highContrast: e.target.checked })}
            />
            High contrast (white and yellow on black)
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
          Join
        </button>
      </form>
    </main>
  )
}
