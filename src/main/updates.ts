/**
 * Automatic updates are OFF unless an organisation points the app at its own update server
 * (docs/adr/0018-packaging.md; README, "Updates"). Managed estates roll out new versions themselves,
 * and a public-sector laptop must not fetch code from a server its IT department did not choose.
 *
 * The server is named, in this order, by:
 *   1. the environment variable COPRO_UPDATE_URL on the computer (set by IT: Group Policy, Intune,
 *      /etc/environment …); the value `off` switches updates off whatever the package says;
 *   2. the update address built into the package (`COPRO_UPDATE_URL=… npm run dist` writes it into the
 *      packaged package.json as `coproUpdateUrl`).
 * The server is an electron-builder "generic" server: a folder on an HTTPS server holding the files
 * `npm run dist` made (latest.yml, latest-mac.yml, latest-linux.yml and the installers).
 */

import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export type UpdatePolicy = { on: true; url: string } | { on: false; reason: string }

export function updatePolicy(envValue: string | undefined, packagedValue: unknown): UpdatePolicy {
  const env = envValue?.trim()
  if (env?.toLowerCase() === 'off') return { on: false, reason: 'COPRO_UPDATE_URL is off' }
  const raw = env || (typeof packagedValue === 'string' ? packagedValue.trim() : '')
  if (!raw) return { on: false, reason: 'no update server is set (updates are off by default)' }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { on: false, reason: `the update server address is not a URL: ${raw.slice(0, 200)}` }
  }
  // Updates are code: only over HTTPS, and never with credentials in the address (they would be logged).
  if (url.protocol !== 'https:') return { on: false, reason: 'the update server must use https://' }
  if (url.username || url.password) return { on: false, reason: 'the update server address holds a password' }
  return { on: true, url: url.href }
}

/** The `coproUpdateUrl` built into the packaged package.json, if any. */
export function packagedUpdateUrl(appPath: string): unknown {
  try {
    return (JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as { coproUpdateUrl?: unknown })
      .coproUpdateUrl
  } catch {
    return undefined
  }
}

export interface Updater {
  setFeedURL(options: { provider: 'generic'; url: string }): void
  checkForUpdatesAndNotify(): Promise<unknown>
}

/**
 * Starts the update check when the policy allows it (packaged app only). electron-updater is loaded
 * only then, so an app with updates off never loads it.
 */
export async function startUpdates(
  policy: UpdatePolicy,
  isPackaged: boolean,
  log: (message: string) => void,
  loadUpdater: () => Promise<Updater> = loadElectronUpdater,
): Promise<boolean> {
  if (!policy.on) {
    log(`Automatic updates off: ${policy.reason}.`)
    return false
  }
  if (!isPackaged) {
    log('Automatic updates off: not a packaged app.')
    return false
  }
  try {
    const updater = await loadUpdater()
    updater.setFeedURL({ provider: 'generic', url: policy.url })
    await updater.checkForUpdatesAndNotify()
    return true
  } catch (e) {
    log(`Update check failed: ${e instanceof Error ? e.message : String(e)}`)
    return false
  }
}

async function loadElectronUpdater(): Promise<Updater> {
  const mod = (await import('electron-updater')) as unknown as {
    autoUpdater?: Updater
    default?: { autoUpdater: Updater }
  }
  const updater = mod.autoUpdater ?? mod.default?.autoUpdater
  if (!updater) throw new Error('electron-updater has no autoUpdater')
  return updater
}
