import { useState } from 'react'
import type * as Y from 'yjs'
import type { Agenda, Activity, TimerState } from '../../../../core/common/facilitation/schema'
import { recordPass } from '../../../../core/common/facilitation/state'
import { formatRemaining, remainingMs } from '../../../../core/common/facilitation/timer'
import type { BoardIdentity } from '../../../board/Board'
import type { RelayClock } from '../../../session/relayClock'
import type { SessionBoard } from '../../../session/BoardSession'
import { useBoardSession } from '../../../session/useBoardSession'
import { useT } from '../../../device/i18n'
import { BalanceTable } from '../BalanceTable'
import { useLiveBalance } from '../useLiveBalance'
import type { FollowLead } from './useFollowLead'

function randomNonce(): string {
  const b = crypto.getRandomValues(new Uint8Array(9))
  return btoa(String.fromCharCode(...b)).replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''))
}

export interface ActivityBannerProps {
  doc: Y.Doc
  identity: BoardIdentity
  facilitator: boolean
  agenda: Agenda
  activity: Activity | null
  timer: TimerState
  /** Whether this person's new cards stay on the device (an unrevealed private activity). */
  isPrivate: boolean
  passes: number
  shareBalance: boolean
  clock: RelayClock
  /** "Time is up for …" (set by the timer cues). */
  cue: string | null
  follow: FollowLead
}

/**
 * The activity banner over the canvas: step and title, the shared countdown, instructions, the Pass
 * button, "Follow the facilitator", and the shared voice balance when the facilitator shares it.
 */
export function ActivityBanner(p: ActivityBannerProps) {
  const { doc, identity, activity, follow } = p
  const t = useT()
  const [passed, setPassed] = useState<Record<string, boolean>>({})
  const [balanceOpen, setBalanceOpen] = useState(false)
  const showBalanceButton = p.shareBalance && !p.facilitator
  const otherLead = follow.lead !== null && follow.lead !== identity.id
  if (!activity && !showBalanceButton && !otherLead) return null
  return (
    <section
      className={`facil-banner${p.cue ? ' facil-banner--done' : ''}`}
      aria-label={t('facilitation.banner.label')}
      data-testid="facil-banner"
      data-copro-covers="top"
      data-clock-source={p.clock.source}
      data-clock-offset={Math.round(p.clock.offsetMs())}
    >
      {activity && <ActivityText {...p} activity={activity} />}
      <div className="facil-banner__row">
        {activity && identity.sessionRole !== 'observer' && !p.facilitator && (
          <button
            type="button"
            className="facil-btn"
            disabled={passed[activity.id] === true}
            onClick={() => {
              recordPass(doc, activity.id, randomNonce())
              setPassed((x) => ({ ...x, [activity.id]: true }))
            }}
          >
            {passed[activity.id] ? t('facilitation.banner.passed') : t('facilitation.banner.pass')}
          </button>
        )}
        {activity && p.facilitator && p.passes > 0 && (
          <span className="facil-banner__muted">{t('facilitation.agenda.passed', { count: p.passes })}</span>
        )}
        {otherLead && (
          <button type="button" className="facil-btn" onClick={follow.toggle}>
            {follow.following ? t('facilitation.banner.stopFollowing') : t('facilitation.banner.follow')}
          </button>
        )}
        {showBalanceButton && (
          <button
            type="button"
            className="facil-btn"
            aria-expanded={balanceOpen}
            onClick={() => setBalanceOpen((o) => !o)}
          >
            {t('facilitation.balance.title')}
          </button>
        )}
      </div>
      {showBalanceButton && balanceOpen && (
        <div className="facil-balance" data-testid="facil-shared-balance">
          <SharedBalance doc={doc} />
        </div>
      )}
    </section>
  )
}

function ActivityText(p: ActivityBannerProps & { activity: Activity }) {
  const { activity, timer, agenda } = p
  const remaining = remainingMs(timer, p.clock.now())
  const timerForCurrent = timer.activityId === activity.id
  const t = useT()
  return (
    <>
      <div className="facil-banner__row">
        <span className="facil-banner__step">
          {t('facilitation.banner.step', { n: agenda.currentIndex + 1, count: agenda.activities.length })}
        </span>
        <strong className="facil-banner__title">{activity.title}</strong>
        {p.isPrivate && <span className="facil-banner__tag">{t('facilitation.banner.private')}</span>}
        <span
          className="facil-banner__time"
          role="timer"
          aria-live="off"
          data-testid="facil-remaining"
          data-remaining-ms={timerForCurrent ? Math.round(remaining) : ''}
          data-status={timerForCurrent ? timer.status : 'idle'}
        >
          {timerForCurrent
            ? `${formatRemaining(remaining)}${timer.status === 'paused' ? t('facilitation.banner.paused') : ''}`
            : formatRemaining(activity.durationMs)}
        </span>
      </div>
      {p.cue && (
        <p className="facil-banner__cue" role="alert">
          {t('facilitation.banner.timeUp', { title: p.cue })}
        </p>
      )}
      {activity.instructions && <p className="facil-banner__text">{activity.instructions}</p>}
      {p.isPrivate && <p className="facil-banner__text">{t('facilitation.banner.privateHelp')}</p>}
    </>
  )
}

function SharedBalance({ doc }: { doc: Y.Doc }) {
  const board = useBoardSession()?.board ?? null
  return board ? <SharedBalanceOf doc={doc} board={board} /> : null
}

function SharedBalanceOf({ doc, board }: { doc: Y.Doc; board: SessionBoard }) {
  const vb = useLiveBalance(doc, board, true)
  return vb ? <BalanceTable vb={vb} /> : null
}
