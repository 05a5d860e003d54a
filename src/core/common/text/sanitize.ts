import { stripUnsafeText } from '../../../shared/model/plainText'

/**
 * User text hygiene shared by every export format (and the one safe file name, safeFileName).
 *
 * Removed (the one list is UNSAFE_TEXT_CHARS in src/shared/model/plainText.ts, which also cleans titles
 * and names at the API boundary): explicit bidi embeddings, overrides and isolates, and C0/C1 control
 * characters other than tab and newline. Kept: everything else, right-to-left letters and the implicit
 * marks LRM/RLM/ALM, so Arabic or Hebrew text still reads correctly.
 */
export function cleanText(s: string): string {
  return stripUnsafeText(s)
}

/** A one-line version (newlines and tabs become spaces), for titles and table cells. */
export function oneLine(s: string): string {
  return cleanText(s).replace(/[\n\t]+/g, ' ')
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

/**
 * A title made safe as (the start of) a file name on every OS: control characters, bidi controls and
 * characters that Windows, macOS or Linux refuse become spaces; no leading dots; at most 80 characters;
 * `fallback` when nothing is left.
 */
export function safeFileName(title: string, fallback = 'session'): string {
  const cleaned = title
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .slice(0, 80)
    .trim()
  return cleaned || fallback
}
