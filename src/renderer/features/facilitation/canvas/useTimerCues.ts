import { useContext, useEffect, useRef } from 'react'
import type * as Y from 'yjs'
import { finish, isExpired, remainingMs } from '../../../../core/common/facilitation/timer'
import { readAgenda, readTimer, writeTimer } from '../../../../core/common/facilitation/state'
import type { TimerState } from '../../../../core/common/facilitation/schema'
import { WorkbenchContext } from '../../../workbench/context'
import { beep, soundCueEnabled } from '../sound'

/**
 * The end of an activity: every client shows the visual cue (and plays the sound cue if this person
 * turned it on); the facilitator's client marks the timer done and takes an 'activity-end' checkpoint.
 */
export function useTimerCues(opts: {
  doc: Y.Doc
  sessionId: string
  timer: TimerState | null
  relayNow(): number
  /** Whether this client ends the activity and takes the checkpoint (asked when time runs out). */
  isLead(): boolean
  onCue(activityTitle: string): void
}): void {
  const services = useContext(WorkbenchContext)
  const cued = useRef<string>('')
  const optsRef = useRef(opts)
  optsRef.current = opts
  useEffect(() => {
    const tick = () => {
      const { doc, timer, relayNow, isLead, sessionId, onCue } = optsRef.current
      if (!timer || timer.activityId === null) return
      const now = relayNow()
      const ended = timer.status === 'done' || (timer.status === 'running' && remainingMs(timer, now) <= 0)
      const key = `${timer.activityId}:${timer.durationMs}`
      if (!ended) {
        if (cued.current === key) cued.current = ''
        return
      }
      if (cued.current === key) return
      cued.current = key
      const activity = readAgenda(doc).activities.find((a) => a.id === timer.activityId)
      onCue(activity?.title ?? 'Activity')
      if (soundCueEnabled()) beep()
      if (isLead() && isExpired(readTimer(doc), now)) {
        writeTimer(doc, finish(readTimer(doc), now))
        if (services) {
          void services.host
            .call('checkpoints.create', {
              id: sessionId,
              name: `End of ${activity?.title ?? 'activity'}`.slice(0, 200),
              reason: 'activity-end',
            })
            .then((r) => {
              if (!r.ok)
                services.store.notify(
                  'warning',
                  `No checkpoint at the end of the activity: ${r.error.message}`,
                )
            })
        }
      }
    }
    tick()
    const t = setInterval(tick, 250)
    return () => clearInterval(t)
  }, [services])
}
