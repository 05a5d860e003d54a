import { describe, expect, it } from 'vitest'
import {
  addActivity,
  currentActivity,
  moveActivity,
  newActivity,
  removeActivity,
  totalDurationMs,
  updateActivity,
  type Agenda,
} from '../../../src/core/common/facilitation'

const base = (): Agenda => ({
  currentIndex: 1,
  activities: ['a', 'b', 'c'].map((id) => newActivity(id, { title: id.toUpperCase(), durationMs: 60_000 })),
})

describe('agenda edits keep the current activity current', () => {
  it('add before the current shifts the index', () => {
    const a = addActivity(base(), newActivity('x'), 0)
    expect(a.activities.map((x) => x.id)).toEqual(['x', 'a', 'b', 'c'])
    expect(currentActivity(a)!.id).toBe('b')
    expect(() => addActivity(a, newActivity('x'))).toThrow(/exists/)
  })

  it('remove and move', () => {
    expect(currentActivity(removeActivity(base(), 'a'))!.id).toBe('b')
    expect(removeActivity(base(), 'b').currentIndex).toBe(-1)
    const m = moveActivity(base(), 'b', 2)
    expect(m.activities.map((x) => x.id)).toEqual(['a', 'c', 'b'])
    expect(currentActivity(m)!.id).toBe('b')
  })

  it('update validates and keeps the id', () => {
    const u = updateActivity(base(), 'c', {
      private: true,
      contentNote: 'Talks about loss',
      durationMs: 120_000,
    })
    expect(u.activities[2]).toMatchObject({ id: 'c', private: true, contentNote: 'Talks about loss' })
    expect(totalDurationMs(u)).toBe(240_000)
    expect(() => updateActivity(base(), 'c', { durationMs: -1 })).toThrow()
    expect(() => updateActivity(base(), 'nope', {})).toThrow(/no activity/)
  })
})
