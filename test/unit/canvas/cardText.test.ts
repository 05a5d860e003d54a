import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  CARD_CHAR_EM,
  CARD_FONT_MIN,
  CARD_FONT_STEPS,
  CARD_LINE_HEIGHT,
  cardTextArea,
  estimateLines,
  fitCardText,
} from '../../../src/renderer/board/shapes/cardText'

describe('estimateLines', () => {
  it('wraps words greedily, breaks words longer than a line and keeps line breaks', () => {
    expect(estimateLines('', 10)).toBe(1)
    expect(estimateLines('Long wait', 10)).toBe(1)
    expect(estimateLines('Long wait', 6)).toBe(2)
    expect(estimateLines('The forms are too long', 10)).toBe(3)
    expect(estimateLines('abcdefghijkl', 5)).toBe(3)
    expect(estimateLines('abcdefghij', 5)).toBe(2)
    expect(estimateLines('a\nb\n\nc', 10)).toBe(4)
  })
})

describe('fitCardText', () => {
  it('the text fills the card: short text large, long text smaller, on a bigger card larger', () => {
    const short = fitCardText(200, 140, 'Long wait')
    const long = fitCardText(200, 140, 'The forms are too long and nobody explains them')
    expect(short.fontSize).toBeGreaterThan(long.fontSize)
    expect(fitCardText(400, 280, 'Long wait').fontSize).toBeGreaterThan(short.fontSize)
    expect(short.truncated).toBe(false)
  })

  it('cuts a text that fits at no size, at the smallest size, and says so', () => {
    const f = fitCardText(200, 140, 'word '.repeat(200))
    expect(f).toMatchObject({ fontSize: CARD_FONT_MIN, truncated: true })
    expect(f.maxLines).toBeGreaterThanOrEqual(1)
  })

  it('an empty card shows its placeholder at the smallest size', () => {
    expect(fitCardText(200, 140, '')).toMatchObject({ fontSize: CARD_FONT_MIN, truncated: false })
  })

  it('property: a text said to fit fits its area by the estimate; the size is a step; more text never grows it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 60, max: 800 }),
        fc.integer({ min: 60, max: 600 }),
        fc.string({ maxLength: 300 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (w, h, text, more, action) => {
          const fit = fitCardText(w, h, text, action)
          expect(CARD_FONT_STEPS).toContain(fit.fontSize)
          if (!fit.truncated && text.trim()) {
            const area = cardTextArea(w, h, action)
            const lines = estimateLines(text, area.w / (fit.fontSize * CARD_CHAR_EM))
            expect(lines * fit.fontSize * CARD_LINE_HEIGHT).toBeLessThanOrEqual(area.h + 1e-9)
            expect(lines).toBeLessThanOrEqual(fit.maxLines)
          }
          if (text.trim()) {
            const longer = fitCardText(w, h, `${text} ${more}`, action)
            expect(longer.fontSize).toBeLessThanOrEqual(fit.fontSize)
          }
        },
      ),
    )
  })
})
