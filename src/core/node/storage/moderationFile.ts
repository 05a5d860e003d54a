import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { writeFileAtomic } from './fsAtomic'

/**
 * Where a session keeps its moderation inbox (guests' cards held for a facilitator; relay/roomModeration.ts,
 * ADR 0047): `moderation.json` in the session's folder, beside the board's log, replaced atomically.
 * It is not part of the board: `.copro` files, checkpoints and duplicates leave it out (held cards were
 * never shown to anyone but the facilitators).
 */
export const MODERATION_FILE = 'moderation.json'

/** At most this many bytes are read back (500 held cards of 2,000 characters fit well within). */
const MAX_BYTES = 8 * 1024 * 1024

export async function loadModerationFile(sessionFolder: string): Promise<string | null> {
  try {
    const bytes = await readFile(path.join(sessionFolder, MODERATION_FILE))
    return bytes.byteLength > MAX_BYTES ? null : bytes.toString('utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

export async function saveModerationFile(sessionFolder: string, json: string): Promise<void> {
  await writeFileAtomic(path.join(sessionFolder, MODERATION_FILE), json)
}

/**
 * RoomPersistence's moderation methods for a session store's folders (StoreBackend, the hosted relay).
 * `folderOf` gives the session's folder (the relay asks only for sessions that exist).
 */
export function moderationFiles(folderOf: (sessionId: string) => string): {
  loadModeration(sessionId: string): Promise<string | null>
  saveModeration(sessionId: string, json: string): Promise<void>
} {
  return {
    loadModeration: (id) => loadModerationFile(folderOf(id)),
    saveModeration: (id, json) => saveModerationFile(folderOf(id), json),
  }
}
