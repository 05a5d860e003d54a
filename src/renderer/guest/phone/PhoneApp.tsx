import { lazy, Suspense, useEffect, useState } from 'react'
import type { GuestSessionInfo } from '../../../shared/api/contract'
import { applyPreferences, usePreferences } from '../../device/preferences'
import { applyTheme, resolveTheme, watchSystemTheme } from '../../workbench/theme'
import { joinAsGuest, type GuestIdentity } from '../joinExchange'
import { loadGuestProfile, saveGuestProfile, type GuestProfile, type GuestRole } from '../guestIdentity'
import { forgetJoinToken, lookUpGuestSession, type JoinLink } from '../joinLink'
import { JoinScreen } from '../JoinScreen'
import { useT } from '../../device/i18n'

// The screen after joining (Yjs, y-websocket, the core readers) loads while the person fills in the
// join screen, so the join screen needs only React and the small guest modules (bench/phone-join.ts).
const loadScreen = () => import('./PhoneScreen')
const PhoneRoot = lazy(() => loadScreen().then((m) => ({ default: m.PhoneRoot })))

type Joined = GuestProfile & { coproRole: GuestRole }

type Phase =
  | { kind: 'checking'; pending?: Joined }
  | { kind: 'dead' }
  | { kind: 'unreachable' }
  | { kind: 'join'; info: GuestSessionInfo; problem?: string }
  | { kind: 'joining'; info: GuestSessionInfo; profile: Joined }
  | { kind: 'in'; info: GuestSessionInfo; profile: Joined; identity: GuestIdentity }

/**
 * The participant screen for phones (issue 15, ADR 0036): the join screen, the join exchange
 * (joinExchange.ts), then four places — Now, Add, Board, Vote — without the canvas. Loaded from its own
 * small page (participant.html), so a phone never downloads tldraw.
 */
export function PhoneApp({ link }: { link: JoinLink }) {
  const t = useT()
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' })
  const prefs = usePreferences()

  useEffect(() => {
    applyPreferences(prefs)
    const apply = () => applyTheme(prefs.highContrast ? 'high-contrast' : resolveTheme('system'))
    apply()
    return watchSystemTheme(apply)
  }, [prefs])

  // the rest of the screen downloads once the join screen is up
  useEffect(() => {
    void loadScreen().catch(() => undefined)
  }, [])

  // The join screen shows at once, while the link is checked (one round trip less before the person
  // can start); joining waits for the answer.
  const pending = phase.kind === 'checking' ? phase.pending : undefined
  useEffect(() => {
    if (phase.kind !== 'checking') return
    let live = true
    void lookUpGuestSession(link).then((r) => {
      if (!live) return
      if (r.kind === 'ok') {
        document.title = t('guest.pageTitle', { title: r.info.title })
        setPhase(
          pending ? { kind: 'joining', info: r.info, profile: pending } : { kind: 'join', info: r.info },
        )
      } else setPhase({ kind: r.kind === 'refused' ? 'dead' : 'unreachable' })
    })
    return () => {
      live = false
    }
  }, [link, phase.kind, pending, t])

  useEffect(() => {
    if (phase.kind !== 'joining') return
    let live = true
    const { info, profile } = phase
    void joinAsGuest(link, { participantId: profile.id, role: info.role }).then((r) => {
      if (!live) return
      if (r.kind === 'ok') setPhase({ kind: 'in', info, profile, identity: r.identity })
      else if (r.kind === 'refused') setPhase({ kind: 'dead' })
      else setPhase({ kind: 'join', info, problem: t('guest.joinFailed') })
    })
    return () => {
      live = false
    }
  }, [link, phase, t])

  useEffect(() => {
    if (phase.kind === 'dead') forgetJoinToken(link.sessionId)
  }, [phase.kind, link.sessionId])

  // the join screen, shown at once (the title fills in when the link is checked)
  if ((phase.kind === 'checking' && !phase.pending) || phase.kind === 'join') {
    const info =
      phase.kind === 'join'
        ? phase.info
        : { sessionId: link.sessionId, title: t('guest.kicker'), role: 'participant' as const }
    return (
      <>
        {phase.kind === 'join' && phase.problem && (
          <p className="phone-banner phone-banner--lost" role="alert">
            {phase.problem}
          </p>
        )}
        <JoinScreen
          info={info}
          profile={loadGuestProfile()}
          onJoin={(profile) => {
            saveGuestProfile(profile)
            setPhase(
              phase.kind === 'join'
                ? { kind: 'joining', info: phase.info, profile }
                : { kind: 'checking', pending: profile },
            )
          }}
        />
      </>
    )
  }

  switch (phase.kind) {
    case 'checking':
    case 'joining':
      return (
        <main className="guest-page" aria-busy="true">
          <p className="guest-message" role="status">
            {t('guest.joining')}
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
    case 'in':
      return (
        <Suspense
          fallback={
            <main className="guest-page" aria-busy="true">
              <p className="guest-message" role="status">
                {t('guest.joining')}
              </p>
            </main>
          }
        >
          <PhoneRoot
            link={link}
            info={phase.info}
            identity={phase.identity}
            profile={phase.profile}
            onProfile={(profile) => {
              saveGuestProfile(profile)
              setPhase({ ...phase, profile })
            }}
            onDead={() => setPhase({ kind: 'dead' })}
          />
        </Suspense>
      )
  }
}
