import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { DOC_KEYS, WORKSHOP_KEYS } from '../../../src/core/common/session/docSchema'
import { writeAgenda } from '../../../src/core/common/facilitation/state'
import type { Activity, TimerState } from '../../../src/core/common/facilitation/schema'
import type { VotingRound } from '../../../src/core/common/voting/round'
import { readWorkshopSnapshot } from '../../../src/renderer/session/workshop'
import {
  TimerWatcher,
  votingResultsText,
  workshopChanges,
} from '../../../src/renderer/features/a11y/workshopAnnouncements'

const activity = (id: string, title: string, extra: Partial<Activity> = {}): Activity => ({
  id,
  title,
  durationMs: 600_000,
  instructions: '',
  private: false,
  contentNote: '',
  targetId: null,
  ...extra,
})

const timer = (patch: Partial<TimerState>): TimerState => ({
  status: 'idle',
  activityId: 'a1',
  startedAt: null,
  durationMs: 600_000,
  elapsedBeforeMs: 0,
  ...patch,
})

const round = (patch: Partial<VotingRound>): VotingRound => ({
  method: 'dots',
  criteria: [],
  topN: 3,
  id: 'r1',
  title: 'Priorities',
  status: 'open',
  dotsPerPerson: 3,
  kinds: [],
  region: null,
  openedAt: 1,
  closedAt: null,
  ...patch,
})

/** Applies a change to a doc and returns what would be announced. */
function step(doc: Y.Doc, change: (d: Y.Doc) => void) {
  const before = readWorkshopSnapshot(doc)
  change(doc)
  return workshopChanges(before, readWorkshopSnapshot(doc)).map((a) => `${a.politeness}: ${a.text}`)
}

describe('workshop announcements from the session document', () => {
  it('announces activity changes with their content note, privacy and instructions', () => {
    const doc = new Y.Doc()
    const acts = [
      activity('a1', 'Warm up'),
      activity('a2', 'What is hard', {
        private: true,
        contentNote: 'We talk about waiting lists.',
        instructions: 'Write one card for each thing.',
      }),
    ]
    expect(step(doc, (d) => writeAgenda(d, { activities: acts, currentIndex: 0 }))).toEqual([
      'polite: Now: Warm up (activity 1 of 2).',
    ])
    expect(step(doc, (d) => writeAgenda(d, { activities: acts, currentIndex: 1 }))).toEqual([
      'polite: Now: What is hard (activity 2 of 2). Content note: We talk about waiting lists. Private writing: your cards stay hidden until the facilitator reveals them. Write one card for each thing.',
    ])
    // rewriting the same agenda says nothing
    expect(step(doc, (d) => writeAgenda(d, { activities: acts, currentIndex: 1 }))).toEqual([])
    expect(step(doc, (d) => writeAgenda(d, { activities: acts, currentIndex: -1 }))).toEqual([
      'polite: The agenda is finished.',
    ])
  })

  it('announces the timer starting, pausing and resuming, and reveals', () => {
    const doc = new Y.Doc()
    const w = doc.getMap(DOC_KEYS.workshop)
    writeAgenda(doc, { activities: [activity('a1', 'Ideas')], currentIndex: 0 })
    expect(step(doc, (d) => d.getMap(DOC_KEYS.workshop).set(WORKSHOP_KEYS.timer, timer({})))).toEqual([])
    expect(
      step(doc, () => w.set(WORKSHOP_KEYS.timer, timer({ status: 'running', startedAt: 1000 }))),
    ).toEqual(['polite: Timer started: 10 minutes.'])
    expect(
      step(doc, () => w.set(WORKSHOP_KEYS.timer, timer({ status: 'paused', elapsedBeforeMs: 120_000 }))),
    ).toEqual(['polite: Timer paused.'])
    expect(
      step(doc, () =>
        w.set(WORKSHOP_KEYS.timer, timer({ status: 'running', startedAt: 5000, elapsedBeforeMs: 120_000 })),
      ),
    ).toEqual(['polite: Timer resumed.'])
    expect(step(doc, () => w.set(WORKSHOP_KEYS.reveal, { a1: 123 }))).toEqual([
      'polite: Cards revealed for Ideas.',
    ])
    // invalid timer values read as absent, never as a crash
    expect(step(doc, () => w.set(WORKSHOP_KEYS.timer, { status: 'exploded' }))).toEqual([])
  })

  it('announces voting opening and closing', () => {
    const doc = new Y.Doc()
    const v = doc.getMap(DOC_KEYS.voting)
    expect(step(doc, () => v.set('r1', round({})))).toEqual([
      'polite: Voting is open: Priorities. You have 3 votes.',
    ])
    expect(step(doc, () => v.set('r1', round({ status: 'closed', closedAt: 9 })))).toEqual([
      'polite: Voting closed: Priorities. Results follow when the votes are in.',
    ])
    // a round stored under the wrong key is ignored
    expect(step(doc, () => v.set('other', round({ id: 'r2' })))).toEqual([])
  })
})

describe('timer milestones', () => {
  it('half time, one minute left and time is up, once each per run', () => {
    const w = new TimerWatcher()
    const t = timer({ status: 'running', startedAt: 0 })
    const say = (remaining: number) => w.update(t, remaining).map((a) => `${a.politeness}: ${a.text}`)
    expect(say(600_000)).toEqual([])
    expect(say(400_000)).toEqual([])
    expect(say(299_000)).toEqual(['polite: Half time: 5 minutes left.'])
    expect(say(200_000)).toEqual([])
    expect(say(59_000)).toEqual(['polite: One minute left.'])
    expect(say(30_000)).toEqual([])
    expect(say(0)).toEqual(['assertive: Time is up.'])
    expect(say(0)).toEqual([])
    // the facilitator's client then marks it done: not said twice
    expect(w.update({ ...t, status: 'done' }, 0)).toEqual([])
  })

  it('short timers skip half time and the one-minute warning', () => {
    const w = new TimerWatcher()
    const t = timer({ status: 'running', startedAt: 0, durationMs: 90_000 })
    expect(w.update(t, 90_000)).toEqual([])
    expect(w.update(t, 44_000)).toEqual([])
    expect(w.update(t, 0).map((a) => a.text)).toEqual(['Time is up.'])
  })

  it('a new run of the same activity speaks again', () => {
    const w = new TimerWatcher()
    const t = timer({ status: 'running', startedAt: 0, durationMs: 60_000 })
    expect(w.update(t, 0)).toHaveLength(1)
    expect(w.update({ ...t, status: 'idle' }, 60_000)).toEqual([])
    expect(w.update(t, 0)).toHaveLength(1)
  })
})

describe('voting results text', () => {
  it('names the top three cards with their votes, and how many people voted', () => {
    const votes = [
      { cardId: 'a', participantId: 'p1', role: 'service-user' as const },
      { cardId: 'a', participantId: 'p2', role: 'frontline-staff' as const },
      { cardId: 'b', participantId: 'p1', role: 'service-user' as const },
      { cardId: 'c', participantId: 'p2', role: 'frontline-staff' as const },
      { cardId: 'd', participantId: 'p3', role: 'carer-family' as const },
      { cardId: 'd', participantId: 'p3', role: 'carer-family' as const },
      { cardId: 'd', participantId: 'p2', role: 'frontline-staff' as const },
    ]
    const texts: Record<string, string> = {
      a: 'Evening appointments',
      b: 'Shorter forms',
      d: 'A named worker',
    }
    expect(votingResultsText(round({ status: 'closed' }), votes, (id) => texts[id])).toBe(
      'Results of Priorities: first, “A named worker” with 3 votes; second, “Evening appointments” with 2 votes; third, “Shorter forms” with 1 vote. 7 votes from 3 people.',
    )
    expect(votingResultsText(round({ title: '' }), [], () => undefined)).toBe(
      'Results: no votes were counted.',
    )
  })
})
