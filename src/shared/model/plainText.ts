import { z } from 'zod'

/**
 * The one list of characters people's text never keeps (src/core/common/text/sanitize.ts uses it for
 * exports): explicit bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can
 * make text display in an order other than the one stored ("Trojan Source"), and C0/C1 control
 * characters other than tab and newline (escape sequences that clear a terminal or fake its colours).
 */
export const UNSAFE_TEXT_CHARS =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g

/** Text with the unsafe characters removed (CR/CRLF become LF). */
export function stripUnsafeText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(UNSAFE_TEXT_CHARS, '')
}

/** One line of text: unsafe characters removed, line breaks and tabs become spaces. */
export function stripToOneLine(s: string): string {
  return stripUnsafeText(s).replace(/[\n\t\u2028\u2029]+/g, ' ')
}

/**
 * A one-line name or title as it enters the app (API arguments, imported files): unsafe characters
 * removed, trimmed, `min`–`max` characters.
 */
export function plainLine(min: number, max: number) {
  return z.string().transform(stripToOneLine).pipe(z.string().trim().min(min).max(max))
}
