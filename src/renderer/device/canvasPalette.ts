import { CARD_KINDS, type CardKind } from '../../shared/model/cardKinds'

/**
 * The canvas colours per theme: every card kind's background, its text and secondary text, its border.
 * One source for the card shape, the composer and the toolbar (applied as CSS variables by
 * applyCanvasPalette), checked for WCAG AA contrast by test/unit/device/canvasPalette.test.ts. Kind is
 * never shown by colour alone (icon + label on every card).
 */
export type CanvasTheme = 'light' | 'dark' | 'high-contrast'
export const CANVAS_THEMES: readonly CanvasTheme[] = ['light', 'dark', 'high-contrast']

export interface KindColours {
  /** Card background. */
  readonly bg: string
  /** Card text (the card's words, its kind label). */
  readonly fg: string
  /** Secondary text on the card (author, votes, "empty"). */
  readonly muted: string
  /** Card outline. */
  readonly border: string
}

const light = (bg: string): KindColours => ({ bg, fg: '#1a1a1a', muted: '#3d3d3d', border: '#6b6b6b' })
const dark = (bg: string): KindColours => ({ bg, fg: '#f5f5f5', muted: '#d6d6d6', border: '#b8b8b8' })
const contrast = (border: string): KindColours => ({ bg: '#000000', fg: '#ffffff', muted: '#ffffff', border })

export const KIND_PALETTE: Readonly<Record<CanvasTheme, Readonly<Record<CardKind, KindColours>>>> = {
  light: {
    pain: light('#ffd6d6'),
    gain: light('#d5f5d5'),
    contribution: light('#d6e6ff'),
    idea: light('#fff3b0'),
    question: light('#eadcff'),
    action: light('#ffe2c2'),
    quote: light('#e8e8e8'),
  },
  dark: {
    pain: dark('#6b2424'),
    gain: dark('#1f5230'),
    contribution: dark('#1f3f66'),
    idea: dark('#5c4d0f'),
    question: dark('#47306b'),
    action: dark('#6b4015'),
    quote: dark('#3d3d3d'),
  },
  'high-contrast': {
    pain: contrast('#ff8080'),
    gain: contrast('#66ff80'),
    contribution: contrast('#80c4ff'),
    idea: contrast('#ffff00'),
    question: contrast('#e0b3ff'),
    action: contrast('#ffb84d'),
    quote: contrast('#ffffff'),
  },
}

/** The theme the canvas follows: the app theme, or high contrast when that preference is on. */
export function canvasThemeOf(theme: string | undefined, highContrastPreference: boolean): CanvasTheme {
  if (highContrastPreference || theme === 'high-contrast') return 'high-contrast'
  return theme === 'dark' ? 'dark' : 'light'
}

/** The CSS variables of a theme (`--copro-kind-pain-bg`, … and the card text colours). */
export function paletteVariables(theme: CanvasTheme): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const k of CARD_KINDS) {
    const c = KIND_PALETTE[theme][k]
    vars[`--copro-kind-${k}-bg`] = c.bg
    vars[`--copro-kind-${k}-fg`] = c.fg
    vars[`--copro-kind-${k}-muted`] = c.muted
    vars[`--copro-kind-${k}-border`] = c.border
  }
  return vars
}

/** Sets a theme's palette variables on an element (the document root: canvas, composer, outline). */
export function applyCanvasPalette(el: HTMLElement, theme: CanvasTheme): void {
  for (const [name, value] of Object.entries(paletteVariables(theme))) el.style.setProperty(name, value)
  el.dataset.canvasTheme = theme
}

/** A colour's relative luminance (WCAG 2.x), from #rrggbb. */
export function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16)
  const channel = (v: number) => {
    const s = v / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
}

/** The WCAG contrast ratio of two #rrggbb colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}
