import { describe, expect, it } from 'vitest'
import { NewCardBatcher, type Scheduler } from '../../../src/renderer/features/a11y/newCards'

/** A manual clock: timers fire only when the test advances time. */
function manualClock() {
  let now = 0
  let timers: { at: number; fn: () => void; id: number }[] = []
  let nextId = 1
  const clock: Scheduler = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++
      timers.push({ at: now + ms, fn, id })
      return id
    },
    clearTimeout: (h) => {
      timers = timers.filter((t) => t.id !== h)
    },
  }
  const advance = (ms: number) => {
    now += ms
    for (;;) {
      const due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      timers = timers.filter((t) => t !== due)
      due.fn()
    }
  }
  return { clock, advance }
}

describe('new-card announcements', () => {
  it('summarises a burst of cards in one announcement after they settle', () => {
    const { clock, advance } = manualClock()
    const said: string[] = []
    const b = new NewCardBatcher((t) => said.push(t), 5000, 1000, clock)
    b.add('Getting help · What is hard')
    advance(300)
    b.add('Getting help · What is hard')
    b.add('Getting help · What is hard')
    expect(said).toEqual([])
    advance(700)
    expect(said).toEqual(['3 new cards in Getting help · What is hard'])
  })

  it('speaks at most once per interval, however many cards arrive', () => {
    const { clock, advance } = manualClock()
    const said: string[] = []
    const b = new NewCardBatcher((t) => said.push(t), 5000, 1000, clock)
    b.add('Ideas')
    advance(1000)
    expect(said).toEqual(['1 new card in Ideas'])
    for (let i = 0; i < 10; i++) {
      advance(200)
      b.add('Ideas')
    }
    advance(2999) // t = 5999, just under 5 s after the first announcement (t = 1000): still quiet
    expect(said).toHaveLength(1)
    advance(1) // 5 s after: the summary
    expect(said).toEqual(['1 new card in Ideas', '10 new cards in Ideas'])
    advance(60_000)
    expect(said).toHaveLength(2)
  })

  it('says nothing after dispose', () => {
    const { clock, advance } = manualClock()
    const said: string[] = []
    const b = new NewCardBatcher((t) => said.push(t), 5000, 1000, clock)
    b.add('Ideas')
    b.dispose()
    advance(10_000)
    expect(said).toEqual([])
  })
})
