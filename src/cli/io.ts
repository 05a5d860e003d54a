export interface CliIo {
  out(s: string): void
  err(s: string): void
  version: string
}

/**
 * Characters a terminal would act on instead of printing, or that reorder what is shown: C0 controls but
 * tab and newline (ESC starts escape sequences that clear the screen, set the window title or fake
 * colours), DEL, C1 controls, bidi embeddings, overrides and isolates, and the line/paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const NON_PRINTABLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g

/** Text for a terminal: every non-printable character is shown as a visible escape (`\x1b`, `\u202e`). */
export function terminalSafe(s: string): string {
  return s.replace(NON_PRINTABLE, (c) => {
    const code = c.charCodeAt(0)
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`
  })
}

/** The same io, escaping whatever it prints (the one place the CLI's output leaves for a terminal). */
export function terminalSafeIo(io: CliIo): CliIo {
  return { ...io, out: (s) => io.out(terminalSafe(s)), err: (s) => io.err(terminalSafe(s)) }
}
