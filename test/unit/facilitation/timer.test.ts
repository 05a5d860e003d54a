import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  ClockEstimate,
  extend,
  finish,
  formatRemaining,
  goTo,
  isExpired,
  makeSample,
  pause,
  readyTimer,
  remainingMs,
  start,
  type Agenda,
} from '../../../src/core/common/facilitation'

const MIN = 60_000

describe('shared countdown on the relay clock', () => {
  it('runs, pauses, resumes and extends', () => {
    let t = readyTimer('a1', 10 * MIN)
    expect(remainingMs(t, 1_000_000)).toBe(10 * MIN)
    t = start(t, 1_000_000)
    expect(remainingMs(t, 1_000_000 + 3 * MIN)).toBe(7 * MIN)
    t = pause(t, 1_000_000 + 3 * MIN)
    expect(t.status).toBe('paused')
    expect(remainingMs(t, 9_999_999_999)).toBe(7 * MIN)
    t = start(t, 2_000_000)
    expect(remainingMs(t, 2_000_000 + MIN)).toBe(6 * MIN)
    t = extend(t, 5 * MIN, 2_000_000 + MIN)
    expect(remainingMs(t, 2_000_000 + MIN)).toBe(11 * MIN)
    expect(isExpired(t, 2_000_000 + 12 * MIN)).toBe(true)
    t = finish(t, 2_000_000 + 12 * MIN)
    expect(t.status).toBe('done')
    expect(remainingMs(t, 0)).toBe(0)
    t = extend(t, MIN, 5_000_000)
    expect(t.status).toBe('running')
    expect(remainingMs(t, 5_000_000 + 1000)).toBe(MIN - 1000)
  })

  it('never goes below zero and pause never stores more than the duration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3600_000 }), fc.integer({ min: 0, max: 1e7 }), (d, later) => {
        const t = start(readyTimer('a', d), 1000)
        expect(remainingMs(t, 1000 + later)).toBeGreaterThanOrEqual(0)
        expect(pause(t, 1000 + later).elapsedBeforeMs).toBeLessThanOrEqual(d)
      }),
    )
  })

  it('two clients with clocks minutes apart show the same remaining time', () => {
    // the relay's clock runs at R; client A is 7 minutes fast, client B 3 minutes slow
    const R = 1_700_000_000_000
    const a = new ClockEstimate()
    const b = new ClockEstimate()
    const skewA = 7 * MIN
    const skewB = -3 * MIN
    // samples with different round trips; the answer is stamped somewhere inside the trip
    a.add(makeSample(R + skewA, R + 40, R + skewA + 100)) // rtt 100
    a.add(makeSample(R + skewA + 1000, R + 1000 + 10, R + skewA + 1000 + 20)) // rtt 20, best
    b.add(makeSample(R + skewB, R + 200, R + skewB + 400))
    b.add(makeSample(R + skewB + 500, R + 500 + 15, R + skewB + 500 + 30)) // best
    const timer = start(readyTimer('a1', 10 * MIN), R + 2000)
    const localA = R + 5 * MIN + skewA
    const localB = R + 5 * MIN + skewB
    const ra = remainingMs(timer, a.relayNow(localA))
    const rb = remainingMs(timer, b.relayNow(localB))
    expect(Math.abs(ra - rb)).toBeLessThan(50)
    expect(Math.abs(ra - (10 * MIN - (5 * MIN - 2000)))).toBeLessThan(50)
    // a naive client using its own clock would be 7 minutes out
    expect(remainingMs(timer, localA)).toBe(0)
  })

  it('keeps the sample with the smallest round trip and forgets old ones', () => {
    const c = new ClockEstimate(8, 1000)
    expect(c.relayNow(500)).toBe(500)
    c.add(makeSample(0, 1100, 200)) // offset 1000, rtt 200
    c.add(makeSample(300, 1350, 340)) // offset 1030, rtt 40
    expect(c.best(400)!.rttMs).toBe(40)
    expect(c.relayNow(400)).toBe(1430)
    expect(c.best(5000)).toBeNull()
    expect(makeSample(10, 5, 9)).toBeNull()
    expect(makeSample(NaN, 5, 9)).toBeNull()
  })

  it('formats remaining time, rounding up', () => {
    expect(formatRemaining(0)).toBe('0:00')
    expect(formatRemaining(1)).toBe('0:01')
    expect(formatRemaining(61_000)).toBe('1:01')
    expect(formatRemaining(3600_000 + 5_000)).toBe('1:00:05')
  })

  it('goTo readies the chosen activity, or ends the agenda', () => {
    const agenda: Agenda = {
      currentIndex: -1,
      activities: [
        {
          id: 'a',
          title: 'A',
          durationMs: 5 * MIN,
          instructions: '',
          private: false,
          contentNote: '',
          targetId: null,
        },
      ],
    }
    const g = goTo(agenda, 0)
    expect(g.agenda.currentIndex).toBe(0)
    expect(g.timer).toMatchObject({ status: 'idle', activityId: 'a', durationMs: 5 * MIN })
    expect(goTo(agenda, 1).agenda.currentIndex).toBe(-1)
  })
})
