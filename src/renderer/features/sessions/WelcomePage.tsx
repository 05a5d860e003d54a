import { useServices } from '../../workbench/context'
import { createAndOpenSession, defaultSessionTitle } from '../../workbench/sessionActions'
import { useSessions } from './useSessions'
import { useLocale, useT } from '../../device/i18n'
import './sessions.css'

/** The first tab: what this is, how to start, and recent sessions. */
export function WelcomePage() {
  const services = useServices()
  const { store } = services
  const t = useT()
  const { locale } = useLocale()
  const { sessions } = useSessions('')
  const recent = (sessions ?? []).filter((s) => !s.deletedAt).slice(0, 6)
  return (
    <div className="welcome">
      <h1>{t('app.name')}</h1>
      <p className="lead">{t('sessions.welcome.lead')}</p>
      <div className="welcome-columns">
        <section aria-labelledby="start-heading">
          <h2 id="start-heading">{t('sessions.welcome.start')}</h2>
          <ul className="link-list">
            <li>
              <button
                type="button"
                className="link-button"
                onClick={() => void createAndOpenSession(services, defaultSessionTitle())}
              >
                {t('sessions.welcome.newBlank')}
              </button>
            </li>
            <li>
              <button type="button" className="link-button" onClick={() => store.showView('templates')}>
                {t('sessions.welcome.fromTemplate')}
              </button>
            </li>
            <li>
              <button type="button" className="link-button" onClick={() => store.set({ paletteOpen: true })}>
                {t('sessions.welcome.commands')}
              </button>
            </li>
          </ul>
        </section>
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">{t('sessions.welcome.recent')}</h2>
          {recent.length === 0 ? (
            <p className="muted">{t('sessions.none')}</p>
          ) : (
            <ul className="link-list">
              {recent.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => store.openSessionTab(s.id, s.title)}
                  >
                    <bdi>{s.title}</bdi>
                  </button>{' '}
                  <span className="muted">{new Date(s.updatedAt).toLocaleString(locale)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  )
}
