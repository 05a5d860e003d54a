import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PREFERENCES,
  parsePreferences,
  stepTextScale,
  wantsNoMotion,
} from '../../../src/renderer/device/prefsSchema'

describe('accessibility preferences', () => {
  it('reads defaults from nothing or garbage', () => {
    expect(parsePreferences(null)).toEqual(DEFAULT_PREFERENCES)
    expect(parsePreferences('calm')).toEqual(DEFAULT_PREFERENCES)
    expect(parsePreferences([1, 2])).toEqual(DEFAULT_PREFERENCES)
  })

  it('keeps every valid field when others are damaged or unknown', () => {
    const p = parsePreferences({ textScale: 175, calm: 'yes', easyRead: true, extra: 1, highContrast: true })
    expect(p).toEqual({ ...DEFAULT_PREFERENCES, textScale: 175, easyRead: true, highContrast: true })
  })

  it('accepts only the offered text sizes, 100–200%', () => {
    expect(parsePreferences({ textScale: 300 }).textScale).toBe(100)
    expect(parsePreferences({ textScale: 130 }).textScale).toBe(100)
    expect(parsePreferences({ textScale: 200 }).textScale).toBe(200)
  })

  it('steps text size within 100–200%', () => {
    expect(stepTextScale(100, -1)).toBe(100)
    expect(stepTextScale(100, 1)).toBe(125)
    expect(stepTextScale(175, 1)).toBe(200)
    expect(stepTextScale(200, 1)).toBe(200)
  })

  it('calm mode turns animations off too', () => {
    expect(wantsNoMotion(DEFAULT_PREFERENCES)).toBe(false)
    expect(wantsNoMotion({ ...DEFAULT_PREFERENCES, calm: true })).toBe(true)
    expect(wantsNoMotion({ ...DEFAULT_PREFERENCES, reducedMotion: true })).toBe(true)
  })
})
