import { useId, useState } from 'react'
import { NAME_MAX } from '../../../shared/model/participant'
import { COPRO_ROLE_INFO } from '../../../shared/model/roles'
import { TEXT_SCALES } from '../../device/prefsSchema'
import { preferences, usePreferences } from '../../device/preferences'
import type { GuestIdentity } from '../joinExchange'
import type { GuestProfile, GuestRole } from '../guestIdentity'
import type { JoinLink } from '../joinLink'
import { applyConsent, withdrawMe } from './consent'
import { boardViewUrl, rememberView } from './screenChoice'
import type { Phone } from './usePhone'

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
  const prefs = usePreferences()
  const [name, setName] = useState(profile.name)
  const [said, setSaid] = useState('')
  const [confirming, setConfirming] = useState(false)
  const ids = { name: useId() }
  const withdrawn = phone.snap.withdrawn.has(identity.participantId)

  const setConsent = (yes: boolean) => {
    if (yes && name.trim() === '') {
      setSaid('Type your name first, then choose Yes.')
      return
    }
    const next = { ...profile, name: name.trim(), anonymous: !yes }
    onProfile(next)
    const n = applyConsent(
      phone.conn.doc,
      { id: identity.participantId, name: next.name, anonymous: next.anonymous, coproRole: next.coproRole },
      Date.now(),
    )
    setSaid(
      yes
        ? `Your name is now shown on your cards${n ? ` (${n} changed)` : ''} and in the report.`
        : `Your cards no longer show your name${n ? ` (${n} changed)` : ''}, and the report leaves it out.`,
    )
  }

  return (
    <div className="phone-panel" data-testid="phone-menu">
      <p>
        You are {profile.anonymous ? 'taking part without your name' : `taking part as ${profile.name}`} ·{' '}
        {COPRO_ROLE_INFO[profile.coproRole].label}
        {observer ? ' · watching' : ''}
      </p>
      {!observer && (
        <>
          <section className="phone-section" aria-labelledby="phone-consent-h">
            <h2 id="phone-consent-h" className="phone-h2">
              Your name on your cards
            </h2>
            <label htmlFor={ids.name} className="phone-label">
              Your name
            </label>
            <input
              id={ids.name}
              className="phone-input"
              type="text"
              autoComplete="nickname"
              maxLength={NAME_MAX}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <fieldset className="phone-where">
              <legend className="phone-label">Can we show your name on your cards in the report?</legend>
              <label className="phone-choice">
                <input
                  type="radio"
                  name="phone-consent"
                  checked={profile.anonymous}
                  data-testid="phone-consent-no"
                  onChange={() => setConsent(false)}
                />
                No, my cards show no name
              </label>
              <label className="phone-choice">
                <input
                  type="radio"
                  name="phone-consent"
                  checked={!profile.anonymous}
                  data-testid="phone-consent-yes"
                  onChange={() => setConsent(true)}
                />
                Yes, show my name
              </label>
            </fieldset>
          </section>
          <section className="phone-section" aria-labelledby="phone-withdraw-h">
            <h2 id="phone-withdraw-h" className="phone-h2">
              Take back what you wrote
            </h2>
            {withdrawn ? (
              <p data-testid="phone-withdrawn">Your cards and votes are left out of the report.</p>
            ) : confirming ? (
              <>
                <p>Leave everything you wrote and voted out of the report? This cannot be undone.</p>
                <div className="phone-actions">
                  <button
                    type="button"
                    className="phone-btn phone-btn--danger"
                    data-testid="phone-withdraw-confirm"
                    onClick={() => {
                      withdrawMe(phone.conn.doc, identity.participantId, new Date())
                      setConfirming(false)
                      setSaid('Done: your cards and votes are left out of the report.')
                    }}
                  >
                    Yes, leave them out
                  </button>
                  <button type="button" className="phone-btn" onClick={() => setConfirming(false)}>
                    Keep them
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
                Withdraw my cards from the report
              </button>
            )}
          </section>
        </>
      )}
      <p className="phone-said" role="status" data-testid="phone-menu-status">
        {said}
      </p>
      <section className="phone-section" aria-labelledby="phone-read-h">
        <h2 id="phone-read-h" className="phone-h2">
          Easier to read
        </h2>
        <fieldset className="phone-filter">
          <legend className="phone-label">Text size</legend>
          {TEXT_SCALES.map((s) => (
            <label key={s} className={`phone-chip${prefs.textScale === s ? ' phone-chip--on' : ''}`}>
              <input
                type="radio"
                name="phone-text-size"
                checked={prefs.textScale === s}
                onChange={() => preferences.set({ textScale: s })}
              />
              {s} %
            </label>
          ))}
        </fieldset>
        <label className="phone-choice">
          <input
            type="checkbox"
            checked={prefs.highContrast}
            onChange={(e) => preferences.set({ highContrast: e.target.checked })}
          />
          High contrast
        </label>
      </section>
      <section className="phone-section" aria-labelledby="phone-full-h">
        <h2 id="phone-full-h" className="phone-h2">
          On a tablet or laptop?
        </h2>
        <p>
          The full board shows every card on the canvas. It needs a bigger screen and takes longer to load.
        </p>
        <a
          className="phone-btn"
          href={boardViewUrl(link.sessionId)}
          data-testid="phone-full-board"
          onClick={() => rememberView('board')}
        >
          Open the full board
        </a>
      </section>
    </div>
  )
}
