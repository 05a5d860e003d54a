import { StoreBackend, type SessionBackend } from '../core/node/server'

/** Storage for the desktop app's data folder (Electron's userData). */
export async function openDesktopBackend(dataDir: string, appVersion: string): Promise<SessionBackend> {
  return StoreBackend.open(dataDir, { appVersion })
}
