/* eslint-disable no-control-regex -- these patterns exist to find and reject control characters */
import { z } from 'zod'

/**
 * Text rules for everything a template shows to people.
 *
 * Decision (docs/formats/template.md, "Text and markup"): text is plain text. Markup such as
 * `<script>` or `<b>` is kept exactly as written and is inert, because every view renders it as text
 * (React escapes it; exports escape for their format). Nothing is stripped or changed silently.
 * What cannot be shown safely is rejected with a clear message instead:
 *  - control characters (C0, DEL, C1); multi-line texts may hold line breaks (\n) and tabs only;
 *  - bidirectional embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069), which can
 *    make a label read differently from what it holds;
 *  - line/paragraph separators (U+2028, U+2029): use \n in multi-line texts;
 *  - lone UTF-16 surrogates (broken characters).
 */
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const SINGLE_LINE_PATTERN = /^[^\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]*$/
const MULTI_LINE_PATTERN =
  /^[^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]*$/

export const SINGLE_LINE_MESSAGE = 'must be one line of plain text without control characters'
export const MULTI_LINE_MESSAGE =
  'must be plain text without control characters (only line breaks and tabs are allowed)'
const SURROGATE_MESSAGE = 'holds a broken character (a lone UTF-16 surrogate)'
const BLANK_MESSAGE = 'must not be empty or only spaces'

/** The first character a text may not hold, described for people ("U+0007 at character 4"), or null. */
export function describeForbiddenChar(text: string, multiLine: boolean): string | null {
  const re = multiLine ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN
  const m = re.exec(text) ?? LONE_SURROGATE.exec(text)
  if (!m) return null
  const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
  return `U+${code} at character ${m.index + 1}`
}

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text)
}

/** One line of plain text, 1..max characters, not blank (labels, names, titles). */
export function singleLine(max: number) {
  return z
    .string()
    .min(1, BLANK_MESSAGE)
    .max(max)
    .regex(SINGLE_LINE_PATTERN, SINGLE_LINE_MESSAGE)
    .regex(/\S/, BLANK_MESSAGE)
    .refine((s) => !hasLoneSurrogate(s), SURROGATE_MESSAGE)
}

/** Plain text that may span lines, 0..max characters (prompts, instructions, notes). */
export function multiLine(max: number) {
  return z
    .string()
    .max(max)
    .regex(MULTI_LINE_PATTERN, MULTI_LINE_MESSAGE)
    .refine((s) => !hasLoneSurrogate(s), SURROGATE_MESSAGE)
}

/** Like multiLine but must hold something other than spaces. */
export function multiLineRequired(max: number) {
  return multiLine(max).regex(/\S/, BLANK_MESSAGE)
}
