import type { Agenda, TimerState } from './schema'

/**
 * The shared countdown. TimerState holds relay-clock times only, so every client derives the same
 * remaining time from its own estimate of the relay clock:
 *   remaining = durationMs - elapsedBeforeMs - (relayNow - startedAt)   (while running)
 * All functions are pure: they return the next state and never read a clock themselves.
 */
export const IDLE_TIMER: TimerState = {
  status: 'idle',
  activityId: null,
  startedAt: null,
  durationMs: 0,
  elapsedBeforeMs: 0,
}

export function elapsedMs(t: TimerState, relayNow: number): number {
  const running = t.status === 'running' && t.startedAt !== null ? Math.max(0, relayNow - t.startedAt) : 0
  return t.elapsedBeforeMs + running
}

export function remainingMs(t: TimerState, relayNow: number): number {
  if (t.status === 'done') return 0
  return Math.max(0, t.durationMs - elapsedMs(t, relayNow))
}

/** A running timer whose time is up (the facilitator's client then marks it done). */
export function isExpired(t: TimerState, relayNow: number): boolean {
  return t.status === 'running' && remainingMs(t, relayNow) <= 0
}

/** The timer for an activity that has been chosen but not started. */
export function readyTimer(activityId: string, durationMs: number): TimerState {
  return { status: 'idle', activityId, startedAt: null, durationMs, elapsedBeforeMs: 0 }
}

export function start(t: TimerState, relayNow: number): TimerState {
  if (t.activityId === null || t.status === 'running') return t
  if (t.status === 'done') return t
  return { ...t, status: 'running', startedAt: relayNow }
}

export function pause(t: TimerState, relayNow: number): TimerState {
  if (t.status !== 'running') return t
  return {
    ...t,
    status: 'paused',
    startedAt: null,
    elapsedBeforeMs: Math.min(t.durationMs, Math.round(elapsedMs(t, relayNow))),
  }
}

/** Adds time. A finished timer starts running again for the added time. */
export function extend(t: TimerState, addMs: number, relayNow: number): TimerState {
  if (t.activityId === null || addMs <= 0) return t
  const durationMs = Math.min(8 * 3600_000, t.durationMs + Math.round(addMs))
  if (t.status === 'done') {
    return { ...t, status: 'running', startedAt: relayNow, elapsedBeforeMs: t.durationMs, durationMs }
  }
  return { ...t, durationMs }
}

export function finish(t: TimerState, relayNow: number): TimerState {
  if (t.status === 'idle' || t.status === 'done') return t
  return {
    ...t,
    status: 'done',
    startedAt: null,
    elapsedBeforeMs: Math.min(t.durationMs, Math.round(elapsedMs(t, relayNow))),
  }
}

/** Whether the activity's timer ever ran (so ending it deserves a checkpoint). */
export function hasRun(t: TimerState): boolean {
  return t.status === 'done' || t.status === 'paused' || t.status === 'running' || t.elapsedBeforeMs > 0
}

/** Moves the agenda to activity `index` (or past the end), with its timer ready but not started. */
export function goTo(agenda: Agenda, index: number): { agenda: Agenda; timer: TimerState } {
  const a = agenda.activities[index]
  if (!a) return { agenda: { ...agenda, currentIndex: -1 }, timer: IDLE_TIMER }
  return { agenda: { ...agenda, currentIndex: index }, timer: readyTimer(a.id, a.durationMs) }
}

/** "m:ss" (or "h:mm:ss"), rounding up so the display shows 0:00 only when time is up. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}
