import { describe, expect, it } from 'vitest'
import { CARD_KINDS } from '../../../src/shared/model/cardKinds'
import { COPRO_ROLE_INFO, COPRO_ROLES } from '../../../src/shared/model/roles'
import {
  CANVAS_THEMES,
  canvasThemeOf,
  contrastRatio,
  KIND_PALETTE,
  paletteVariables,
} from '../../../src/renderer/device/canvasPalette'

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5)
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
  })
})

describe('canvas palette: WCAG AA in every theme', () => {
  for (const theme of CANVAS_THEMES)
    for (const kind of CARD_KINDS) {
      const c = KIND_PALETTE[theme][kind]
      it(`${theme} · ${kind}: text ≥ 4.5:1, secondary text ≥ 4.5:1, outline ≥ 3:1 against the card`, () => {
        expect(contrastRatio(c.fg, c.bg)).toBeGreaterThanOrEqual(4.5)
        expect(contrastRatio(c.muted, c.bg)).toBeGreaterThanOrEqual(4.5)
        // the outline tells the card from a card-coloured background (non-text contrast, 1.4.11)
        expect(
          Math.max(contrastRatio(c.border, c.bg), contrastRatio(c.border, '#ffffff')),
        ).toBeGreaterThanOrEqual(3)
      })
    }

  it('in high contrast every kind has its own outline colour, bright against black', () => {
    const borders = CARD_KINDS.map((k) => KIND_PALETTE['high-contrast'][k].border)
    expect(new Set(borders).size).toBe(CARD_KINDS.length)
    for (const b of borders) expect(contrastRatio(b, '#000000')).toBeGreaterThanOrEqual(3)
  })

  it('role chips (white text on the role colour) meet AA', () => {
    for (const r of COPRO_ROLES)
      expect(contrastRatio('#ffffff', COPRO_ROLE_INFO[r].colour)).toBeGreaterThanOrEqual(4.5)
  })

  it('follows the app theme, and the high-contrast preference wins', () => {
    expect(canvasThemeOf('dark', false)).toBe('dark')
    expect(canvasThemeOf('light', false)).toBe('light')
    expect(canvasThemeOf(undefined, false)).toBe('light')
    expect(canvasThemeOf('high-contrast', false)).toBe('high-contrast')
    expect(canvasThemeOf('dark', true)).toBe('high-contrast')
    expect(Object.keys(paletteVariables('dark'))).toHaveLength(CARD_KINDS.length * 4)
  })
})
