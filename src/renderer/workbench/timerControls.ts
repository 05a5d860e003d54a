import type * as Y from 'yjs'
import type { AppHost } from '../host/types'
import type { WorkbenchStore } from './store'
import { currentActivity } from '../../core/common/facilitation/agenda'
import { readAgenda, readTimer, writeAgendaAndTimer, writeTimer } from '../../core/common/facilitation/state'
import { extend, goTo, hasRun, pause, start } from '../../core/common/facilitation/timer'
import { uiT } from '../device/i18n/uiT'

/** Facilitator operations on the agenda and timer (times on the relay clock). */
export interface TimerControls {
  start(): void
  pause(): void
  extend(minutes: number): void
  /** Ends the current activity (checkpoint if it ran) and readies the next one. */
  next(): void
  /** Moves on without a checkpoint. */
  skip(): void
  goTo(index: number): void
}

export function timerControls(opts: {
  doc: Y.Doc
  sessionId: string
  relayNow(): number
  host: AppHost
  store: WorkbenchStore
}): TimerControls {
  const { doc, sessionId, relayNow, host, store } = opts
  const checkpoint = (title: string) =>
    void host
      .call('checkpoints.create', {
        id: sessionId,
        name: uiT('workbench.timer.checkpointName', { title }).slice(0, 200),
        reason: 'activity-end',
      })
      .then((r) => {
        if (!r.ok)
          store.notify('warning', uiT('workbench.timer.checkpointFailed', { error: r.error.message }))
      })
  const move = (index: number, withCheckpoint: boolean) => {
    const agenda = readAgenda(doc)
    const timer = readTimer(doc)
    const cur = currentActivity(agenda)
    // a finished timer already took its checkpoint (the facilitator's canvas did it when time ran out)
    if (withCheckpoint && cur && timer.activityId === cur.id && hasRun(timer) && timer.status !== 'done')
      checkpoint(cur.title)
    const g = goTo(agenda, index)
    writeAgendaAndTimer(doc, g.agenda, g.timer)
    const a = currentActivity(g.agenda)
    store.announce(a ? uiT('workbench.timer.now', { title: a.title }) : uiT('workbench.timer.agendaEnd'))
  }
  return {
    start: () => {
      const agenda = readAgenda(doc)
      let timer = readTimer(doc)
      const cur = currentActivity(agenda)
      if (!cur) {
        if (agenda.activities.length === 0) return
        const g = goTo(agenda, 0)
        writeAgendaAndTimer(doc, g.agenda, start(g.timer, relayNow()))
        return
      }
      if (timer.activityId !== cur.id) timer = goTo(agenda, agenda.currentIndex).timer
      writeTimer(doc, start(timer, relayNow()))
    },
    pause: () => writeTimer(doc, pause(readTimer(doc), relayNow())),
    extend: (minutes) => writeTimer(doc, extend(readTimer(doc), minutes * 60_000, relayNow())),
    next: () => move(readAgenda(doc).currentIndex + 1, true),
    skip: () => move(readAgenda(doc).currentIndex + 1, false),
    goTo: (i) => move(i, true),
  }
}
