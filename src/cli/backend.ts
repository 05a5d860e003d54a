import { StoreBackend, type SessionBackend } from '../core/node/server'

/** Opens the durable session backend for a data folder (takes its lock; refuses if another app owns it). */
export async function openBackend(dataDir: string, appVersion: string): Promise<SessionBackend> {
  return StoreBackend.open(dataDir, { appVersion })
}
