import { describe, expect, it } from 'vitest'
import {
  CARD_FONT_STEPS,
  CARD_TEXT_MIN_SCREEN_PX,
  fitCardText,
  hiddenFontSteps,
  liftStep,
  liftSteps,
} from '../../../src/renderer/board/shapes/cardText'

describe('card detail by size on screen', () => {
  it('hides exactly the font steps drawn under 9 px at this zoom', () => {
    expect(hiddenFontSteps(1)).toEqual([])
    // 14 px × 0.5 = 7 px, 16 × 0.5 = 8 px: hidden; 18 × 0.5 = 9 px: shown
    expect(hiddenFontSteps(0.5)).toEqual([14, 16])
    for (const z of [0.05, 0.1, 0.2, 0.3, 0.45, 0.64, 0.7]) {
      for (const f of CARD_FONT_STEPS)
        expect(hiddenFontSteps(z).includes(f)).toBe(f * z < CARD_TEXT_MIN_SCREEN_PX)
    }
    expect(hiddenFontSteps(0.01)).toEqual([...CARD_FONT_STEPS])
  })

  it('a step hidden comes back only from 10 px, so a zoom resting at a line does not flip', () => {
    const line = CARD_TEXT_MIN_SCREEN_PX / 24 // where 24 px text is exactly 9 px on screen
    const hidden = hiddenFontSteps(line - 0.01)
    expect(hidden).toContain(24)
    expect(hiddenFontSteps(line + 0.01, hidden)).toContain(24)
    expect(hiddenFontSteps(line + 0.01)).not.toContain(24)
    expect(hiddenFontSteps((CARD_TEXT_MIN_SCREEN_PX + 1) / 24, hidden)).not.toContain(24)
    let current = hiddenFontSteps(line)
    let switches = 0
    for (let i = 0; i < 200; i++) {
      const next = hiddenFontSteps(line + 0.01 * Math.sin(i / 5), current)
      if (next.includes(24) !== current.includes(24)) switches++
      current = next
    }
    expect(switches).toBeLessThanOrEqual(1)
  })
})

describe('a hidden card that has the room draws its text at the smallest readable step', () => {
  it('lifts to the smallest step still drawn, or to none when all are hidden', () => {
    expect(liftStep(hiddenFontSteps(0.5))).toBe(18)
    expect(liftStep([])).toBe(14)
    expect(liftStep(hiddenFontSteps(0.01))).toBeNull()
  })

  it('the rehearsal wall: a short note in a small card shows words, not only "⚠ Pain"', () => {
    // a 150 × 110 card holding "The waiting room is too loud to hear my name", the wall at zoom 0.55
    const text = 'The waiting room is too loud to hear my name'
    const fit = fitCardText(150, 110, text)
    const hidden = hiddenFontSteps(0.55)
    expect(hidden).toContain(fit.fontSize)
    const lift = liftStep(hidden)!
    expect(liftSteps(150, 110, fit.fontSize).split(' ')).toContain(String(lift))
    expect(lift * 0.55).toBeGreaterThanOrEqual(CARD_TEXT_MIN_SCREEN_PX)
  })

  it('only larger steps, and only where two lines of eight characters fit: tiny cards keep the kind', () => {
    const steps = liftSteps(150, 110, 16).split(' ').map(Number)
    expect(steps.every((f) => f > 16)).toBe(true)
    expect(liftSteps(40, 40, 14)).toBe('')
    expect(liftSteps(150, 110, 64)).toBe('')
  })
})
