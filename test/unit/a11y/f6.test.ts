import { describe, expect, it } from 'vitest'
import { nextPartIndex } from '../../../src/renderer/features/a11y/f6'

describe('F6 between the parts of the window', () => {
  it('goes forwards and backwards, wrapping around', () => {
    expect(nextPartIndex(0, 4, 1)).toBe(1)
    expect(nextPartIndex(3, 4, 1)).toBe(0)
    expect(nextPartIndex(0, 4, -1)).toBe(3)
  })
  it('from outside every part, F6 goes to the first and Shift+F6 to the last', () => {
    expect(nextPartIndex(-1, 5, 1)).toBe(0)
    expect(nextPartIndex(-1, 5, -1)).toBe(4)
  })
  it('with no parts there is nowhere to go', () => {
    expect(nextPartIndex(-1, 0, 1)).toBe(-1)
  })
})
