import { useEffect, useState } from 'react'
import type { GuestSessionInfo } from '../../shared/api/contract'
import { applyPreferences, usePreferences } from '../device/preferences'
import { applyTheme, resolveTheme, watchSystemTheme } from '../workbench/theme'
import { GuestBoard } from './GuestBoard'
import { loadGuestProfile, saveGuestProfile, type GuestProfile, type GuestRole } from './guestIdentity'
import { forgetJoinToken, type JoinLink } from './joinLink'
import { deviceLink, exchangeJoin, forgetDevice } from './joinExchange'
import { JoinScreen } from './JoinScreen'
import { preloadBoard } from '../board/loadBoard'
import { useT } from '../device/i18n'
import './guest.css'

type Phase =
  | { kind: 'checking' }
  | { kind: 'dead' }
  | { kind: 'unreachable' }
  | { kind: 'join'; info: GuestSessionInfo; device: JoinLink; participantId: string }
  | {
      kind: 'board'
      info: GuestSessionInfo
      device: JoinLink
      profile: GuestProfile & { coproRole: GuestRole }
    }

/**
 * The guest app, opened from a join link (`/?join=<sessionId>&token=…`) in any browser: the join
 * exchange (this device's own participant id and token, joinExchange.ts), the join screen, then the
 * board. Guests have no app API: only the guest endpoints and their board's sync.
 */
export function GuestApp({ link }: { link: JoinLink }) {
  const t = useT()
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' })
  const prefs = usePreferences()

  useEffect(() => {
    applyPreferences(prefs)
    const apply = () => applyTheme(prefs.highContrast ? 'high-contrast' : resolveTheme('system'))
    apply()
    return watchSystemTheme(apply)
  }, [prefs])

  useEffect(() => {
    if (phase.kind !== 'checking') return
    let live = true
    void exchangeJoin(link).then((r) => {
      if (!live) return
      if (r.kind === 'ok') {
        // load the canvas while the guest fills in the join screen
        void preloadBoard().catch(() => undefined)
        document.title = t('guest.pageTitle', { title: r.join.title })
        const { sessionId, title, role, participantId } = r.join
        setPhase({
          kind: 'join',
          info: { sessionId, title, role },
          device: deviceLink(r.join),
          participantId,
        })
      } else setPhase({ kind: r.kind === 'refused' ? 'dead' : 'unreachable' })
    })
    return () => {
      live = false
    }
  }, [link, phase.kind, t])

  useEffect(() => {
    if (phase.kind !== 'dead') return
    forgetJoinToken(link.sessionId)
    forgetDevice(link.sessionId)
  }, [phase.kind, link.sessionId])

  switch (phase.kind) {
    case 'checking':
      return (
        <main className="guest-page" aria-busy="true">
          <p className="guest-message" role="status">
            {t('guest.opening')}
          </p>
        </main>
      )
    case 'dead':
      return (
        <main className="guest-page" data-testid="guest-dead-link">
          <h1 className="guest-page__title">{t('app.name')}</h1>
          <p className="guest-page__text" role="alert">
            {t('guest.deadLink')}
          </p>
        </main>
      )
    case 'unreachable':
      return (
        <main className="guest-page" data-testid="guest-unreachable">
          <h1 className="guest-page__title">{t('app.name')}</h1>
          <p className="guest-page__text" role="alert">
            {t('guest.unreachable')}
          </p>
          <button
            type="button"
            className="guest-btn guest-btn--primary"
            onClick={() => setPhase({ kind: 'checking' })}
          >
            {t('guest.tryAgain')}
          </button>
        </main>
      )
    case 'join':
      return (
        <JoinScreen
          info={phase.info}
          profile={{ ...loadGuestProfile(), id: phase.participantId }}
          onJoin={(profile) => {
            saveGuestProfile(profile)
            // the server's participant id for this device, whatever the stored profile said
            setPhase({
              kind: 'board',
              info: phase.info,
              device: phase.device,
              profile: { ...profile, id: phase.participantId },
            })
          }}
        />
      )
    case 'board':
      return (
        <GuestBoard
          link={phase.device}
          info={phase.info}
          profile={phase.profile}
          onDead={() => setPhase({ kind: 'dead' })}
        />
      )
  }
}
