/**
 * User text hygiene shared by every export format.
 *
 * Removed: explicit bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can
 * make text display in an order other than the one stored ("Trojan Source"), and C0/C1 control
 * characters other than tab and newline. Kept: everything else, right-to-left letters and the
 * implicit marks LRM/RLM/ALM, so Arabic or Hebrew text still reads correctly.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g

export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(UNSAFE, '')
}

/** A one-line version (newlines and tabs become spaces), for titles and table cells. */
export function oneLine(s: string): string {
  return cleanText(s).replace(/[\n\t]+/g, ' ')
}

type WordSegmenter = { segment(s: string): Iterable<{ isWordLike?: boolean }> }

let segmenter: WordSegmenter | null | undefined

function getSegmenter(): WordSegmenter | null {
  if (segmenter !== undefined) return segmenter
  const Seg = (Intl as unknown as { Segmenter?: new (l?: string, o?: object) => WordSegmenter }).Segmenter
  segmenter = Seg ? new Seg(undefined, { granularity: 'word' }) : null
  return segmenter
}

/** Scripts written without spaces between words: only these need dictionary-based segmentation. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
/** A word: letters, marks and digits, with inner apostrophes ("don't"); hyphens separate words. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu

/**
 * Words in a text. Spaced scripts (Latin, Arabic, Hebrew, Cyrillic …) count runs of letters and
 * digits; text with Chinese, Japanese, Thai, Lao, Khmer or Burmese uses Unicode word segmentation
 * (Intl.Segmenter) where available.
 */
export function countWords(s: string): number {
  if (UNSPACED.test(s)) {
    const seg = getSegmenter()
    if (seg) {
      let n = 0
      for (const part of seg.segment(s)) if (part.isWordLike) n++
      return n
    }
  }
  let n = 0
  WORD.lastIndex = 0
  while (WORD.exec(s)) n++
  return n
}

/** Milliseconds since the epoch, or an ISO string, to an ISO string; null when neither. */
export function toIso(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) {
    const d = new Date(v)
    return Number.isNaN(d.getTime()) ? null : d.toISOString()
  }
  if (typeof v === 'string' && v.length <= 64) {
    const d = new Date(v)
    return Number.isNaN(d.getTime()) ? null : d.toISOString()
  }
  return null
}
