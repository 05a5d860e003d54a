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
