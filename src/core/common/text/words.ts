/** Counting words in people's text (voice balance: words per role). */
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
