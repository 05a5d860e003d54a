/**
 * How a card draws its text (ADR 0032): the text fills the card. The font size is the largest step of
 * `CARD_FONT_STEPS` at which the whole text fits the card's text area, estimated without touching the
 * DOM (a 2,000-card board cannot measure every card); a text that does not fit even at the smallest
 * step is cut after the lines that fit, with an ellipsis and a visible "more" mark, and the card holds
 * the full text for hover (title), focus (a selected card scrolls its text) and the outline.
 *
 * The estimate is deliberately a little pessimistic (glyphs a bit wider than tldraw's sans font draws
 * them), so a text said to fit does fit, and the CSS line clamp is only a safety net.
 */

/** Font sizes a card's text may take, in page px (smallest first). `data-fs` on a card is one of these. */
export const CARD_FONT_STEPS = [14, 16, 18, 20, 24, 28, 32, 36, 40, 48, 56, 64] as const
export type CardFontSize = (typeof CARD_FONT_STEPS)[number]
export const CARD_FONT_MIN: CardFontSize = CARD_FONT_STEPS[0]

/** Line height of card text, as a multiple of its font size (card.css uses the same). */
export const CARD_LINE_HEIGHT = 1.2
/** Average advance of one character, as a multiple of the font size (pessimistic for tldraw_sans). */
export const CARD_CHAR_EM = 0.56

/** The parts of a card around its text, in page px (card.css draws them at these sizes). */
export const CARD_CHROME = {
  /** Left + right padding and border of the text area. */
  padX: 18,
  /** Head (kind and role badge): 16 px line + 4 px padding above it. */
  head: 20,
  /** Footer (author): 14 px line + 1 px padding above and 3 px below. */
  foot: 18,
  /** An action's footer holds owner and due too and may take a second line (and a 2 px gap). */
  footAction: 34,
  /** The card's border (1 + 1); the text has no padding above or below (its line height leaves air). */
  padY: 2,
} as const

export interface CardTextFit {
  /** Font size of the text, page px. */
  readonly fontSize: CardFontSize
  /** How many lines the text area shows (the CSS line clamp). */
  readonly maxLines: number
  /** The text does not fit even at the smallest size: it is cut, with an ellipsis and a "more" mark. */
  readonly truncated: boolean
}

/** The text area of a card of this size, in page px. */
export function cardTextArea(w: number, h: number, action: boolean): { w: number; h: number } {
  const foot = action ? CARD_CHROME.footAction : CARD_CHROME.foot
  return {
    w: Math.max(0, w - CARD_CHROME.padX),
    h: Math.max(0, h - CARD_CHROME.head - foot - CARD_CHROME.padY),
  }
}

/**
 * How many lines `text` takes when at most `perLine` characters fit on a line: words wrap greedily,
 * a word longer than a line is broken (card.css: overflow-wrap: anywhere), line breaks are kept.
 */
export function estimateLines(text: string, perLine: number): number {
  const cap = Math.max(1, Math.floor(perLine))
  let lines = 0
  for (const para of text.split('\n')) {
    let used = 0
    let paraLines = 1
    for (const word of para.split(/[ \t]+/)) {
      if (word.length === 0) continue
      const need = used === 0 ? word.length : used + 1 + word.length
      if (need <= cap) {
        used = need
        continue
      }
      if (used > 0) paraLines++
      // the word starts a new line; a long one runs over several
      const whole = Math.floor(word.length / cap)
      const rest = word.length % cap
      if (rest === 0) {
        paraLines += whole - 1
        used = cap
      } else {
        paraLines += whole
        used = rest
      }
    }
    lines += paraLines
  }
  return lines
}

/**
 * The largest font step at which `text` fits a `w` × `h` card (page px), or the smallest step with
 * the text cut when it fits at none. An empty card shows its placeholder at the smallest step.
 */
export function fitCardText(w: number, h: number, text: string, action = false): CardTextFit {
  const area = cardTextArea(w, h, action)
  const linesAt = (f: number) => Math.max(1, Math.floor(area.h / (f * CARD_LINE_HEIGHT)))
  if (text.trim().length > 0) {
    for (let i = CARD_FONT_STEPS.length - 1; i >= 0; i--) {
      const f = CARD_FONT_STEPS[i]!
      const room = Math.floor(area.h / (f * CARD_LINE_HEIGHT))
      if (room < 1) continue
      if (estimateLines(text, area.w / (f * CARD_CHAR_EM)) <= room)
        return { fontSize: f, maxLines: room, truncated: false }
    }
  } else return { fontSize: CARD_FONT_MIN, maxLines: linesAt(CARD_FONT_MIN), truncated: false }
  return { fontSize: CARD_FONT_MIN, maxLines: linesAt(CARD_FONT_MIN), truncated: true }
}

/** On-screen px below which card text is not drawn (the card shows its kind large instead). */
export const CARD_TEXT_MIN_SCREEN_PX = 9

/**
 * Which font steps are too small to read at `zoom` (drawn under 9 px on screen): cards at these sizes
 * show their kind instead of their text. `current` is what is hidden now: a step already hidden comes
 * back only from 10 px, so a zoom resting at a line does not flip back and forth.
 */
export function hiddenFontSteps(zoom: number, current: readonly number[] = []): CardFontSize[] {
  const hidden = new Set(current)
  return CARD_FONT_STEPS.filter((f) => {
    const px = f * zoom
    return hidden.has(f) ? px < CARD_TEXT_MIN_SCREEN_PX + 1 : px < CARD_TEXT_MIN_SCREEN_PX
  })
}

/**
 * The step a hidden card's text is drawn at instead of showing only its kind (the rehearsal's wall: a
 * short note in a small card read "⚠ Pain" and looked empty): the smallest step still drawn at this
 * zoom, or null when every step is hidden. `hidden` is hiddenFontSteps' answer (always its smallest
 * steps).
 */
export function liftStep(hidden: readonly number[]): CardFontSize | null {
  return CARD_FONT_STEPS.find((f) => !hidden.includes(f)) ?? null
}

/** A lifted text must show at least this many lines … */
const LIFT_MIN_LINES = 2
/** … of at least this many characters, or the card keeps showing its kind. */
const LIFT_MIN_CHARS = 8

/**
 * The larger steps a card of this size, whose text fits at `fontSize`, can draw its text at when its
 * own step is too small to read (liftStep): those at which its text area still holds two lines of
 * eight characters. The text is cut where the card ends (card.css fades the last line). Space-separated
 * for `data-lifts` (card.css matches it against the container's `data-copro-lift`).
 */
export function liftSteps(w: number, h: number, fontSize: number, action = false): string {
  const area = cardTextArea(w, h, action)
  return CARD_FONT_STEPS.filter(
    (f) =>
      f > fontSize &&
      Math.floor(area.h / (f * CARD_LINE_HEIGHT)) >= LIFT_MIN_LINES &&
      area.w / (f * CARD_CHAR_EM) >= LIFT_MIN_CHARS,
  ).join(' ')
}
