import { useServices } from '../../workbench/context'
import { createAndOpenSession, defaultSessionTitle } from '../../workbench/sessionActions'
import { useSessions } from './useSessions'
import './sessions.css'

/** The first tab: what this is, how to start, and recent sessions. */
export function WelcomePage() {
  const services = useServices()
  const { store } = services
  const { sessions } = useSessions('')
  const recent = (sessions ?? []).filter((s) => !s.deletedAt).slice(0, 6)
  return (
    <div className="welcome">
      <h1>Copro Studio</h1>
      <p className="lead">
        Map a service together: people who use it and people who run it, as equal partners, on one shared
        board.
      </p>
      <div className="welcome-columns">
        <section aria-labelledby="start-heading">
          <h2 id="start-heading">Start</h2>
          <ul className="link-list">
            <li>
              <button
                type="button"
                className="link-button"
                onClick={() => void createAndOpenSession(services, defaultSessionTitle())}
              >
                New blank session
              </button>
            </li>
            <li>
              <button type="button" className="link-button" onClick={() => store.showView('templates')}>
                New session from a template…
              </button>
            </li>
            <li>
              <button type="button" className="link-button" onClick={() => store.set({ paletteOpen: true })}>
                Show all commands (Ctrl+Shift+P)
              </button>
            </li>
          </ul>
        </section>
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recent</h2>
          {recent.length === 0 ? (
            <p className="muted">No sessions yet.</p>
          ) : (
            <ul className="link-list">
              {recent.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => store.openSessionTab(s.id, s.title)}
                  >
                    {s.title}
                  </button>{' '}
                  <span className="muted">{new Date(s.updatedAt).toLocaleString()}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  )
}
