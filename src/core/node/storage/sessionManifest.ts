import { readFile } from 'node:fs/promises'
import type { SessionSummary } from '../../../shared/model/session'
import { writeFileAtomic } from './fsAtomic'
import { sessionFiles } from './layout'
import { SessionManifest } from './schemas'

/** A session folder's manifest.json; a missing or unreadable one reads as `summary` with no checkpoints. */
export async function readManifest(dir: string, summary: SessionSummary): Promise<SessionManifest> {
  try {
    return SessionManifest.parse(JSON.parse(await readFile(sessionFiles(dir).manifest, 'utf8')))
  } catch {
    return { formatVersion: 1, summary, checkpoints: [] }
  }
}

/** Replaces a session folder's manifest.json atomically. */
export async function writeManifest(dir: string, manifest: SessionManifest): Promise<void> {
  await writeFileAtomic(sessionFiles(dir).manifest, JSON.stringify(manifest, null, 2))
}
