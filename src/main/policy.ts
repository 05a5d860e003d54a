/**
 * Security decisions of the Electron main process, as pure functions (no electron import), so they
 * are unit-tested without the Electron binary.
 */

/** Whether a URL may be handed to the system browser: http(s) only, never file:, javascript: etc. */
export function isExternalWebUrl(raw: string): boolean {
  try {
    const u = new URL(raw)
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.length > 0
  } catch {
    return false
  }
}

/** Whether an IPC message comes from our own renderer page (file:// index.html, or the dev server). */
export function isTrustedSender(frameUrl: string | undefined, rendererUrl: string): boolean {
  if (!frameUrl) return false
  try {
    const a = new URL(frameUrl)
    const b = new URL(rendererUrl)
    if (a.protocol !== b.protocol) return false
    if (a.protocol === 'file:') return a.pathname === b.pathname
    return a.origin === b.origin
  } catch {
    return false
  }
}

/** In-app navigation is never allowed: the workbench is a single page. */
export function isAllowedNavigation(target: string, current: string): boolean {
  try {
    const t = new URL(target)
    const c = new URL(current)
    return t.protocol === c.protocol && t.origin === c.origin && t.pathname === c.pathname
  } catch {
    return false
  }
}

/**
 * The dev server's URL (electron-vite sets ELECTRON_RENDERER_URL in development), or null: a packaged
 * app always loads its own files, so the variable can never make another page the trusted IPC sender.
 */
export function devRendererUrl(envValue: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || !envValue) return null
  return envValue
}

/**
 * The Content-Security-Policy forced on the PDF window, whatever the HTML it is given says: no scripts,
 * no requests of any kind (no frames, fonts, images from files or the network), only inline styles and
 * data: images, as the export report needs (src/core/common/export/formats/html.ts).
 */
export const PDF_WINDOW_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-src 'none'; " +
  "child-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"

/**
 * The HTML to print with the forced CSP as its very first element (after a doctype), so that it applies
 * before anything the renderer supplied; a second policy in the HTML can only narrow it further.
 */
export function withForcedCsp(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PDF_WINDOW_CSP}">`
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html)
  return doctype ? `${doctype[0]}${meta}${html.slice(doctype[0].length)}` : `${meta}${html}`
}

/** The PDF window may load exactly one thing: the report file itself (no other file, no network). */
export function isPdfReportRequest(url: string, reportUrl: string): boolean {
  try {
    const u = new URL(url)
    const r = new URL(reportUrl)
    u.hash = ''
    r.hash = ''
    return u.href === r.href
  } catch {
    return false
  }
}
