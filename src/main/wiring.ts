import { MemoryBackend, type SessionBackend } from '../core/node/server'

/** Storage for the desktop app's data folder. */
export async function openDesktopBackend(dataDir: string): Promise<SessionBackend> {
  void dataDir
  return new MemoryBackend()
}
