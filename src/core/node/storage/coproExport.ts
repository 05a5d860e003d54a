import { readFile } from 'node:fs/promises'
import type { SessionSummary } from '../../../shared/model/session'
import { decodeSnapshot } from './binaryFormats'
import { type CoproManifest, encodeCoproFile } from './coproFile'
import { writeFileAtomic } from './fsAtomic'
import { sessionFiles } from './layout'
import { SessionManifest } from './schemas'
import { compactState, readStoredState } from './sessionState'
import { readAssets } from './sessionAssets'

/**
 * Builds a .copro file from a session folder and writes it atomically. Reads only, so it is also safe on a
 * data folder another process owns (the CLI exports that way while a server runs).
 */
export async function exportSessionFolder(
  dir: string,
  summary: SessionSummary,
  filePath: string,
  appVersion: string,
): Promise<void> {
  await writeFileAtomic(filePath, await buildCoproFile(dir, summary, appVersion))
}

/** The bytes of a .copro file for a session folder (read-only). */
export async function buildCoproFile(
  dir: string,
  summary: SessionSummary,
  appVersion: string,
): Promise<Buffer> {
  const stored = await readStoredState(dir)
  const state = compactState(stored.updates, `board of “${summary.title}”`)
  let checkpoints: SessionManifest['checkpoints']
  try {
    checkpoints = SessionManifest.parse(
      JSON.parse(await readFile(sessionFiles(dir).manifest, 'utf8')),
    ).checkpoints
  } catch {
    checkpoints = []
  }
  // A checkpoint whose file is missing or damaged is left out of the file rather than failing the export.
  const states: Uint8Array[] = []
  const kept: typeof checkpoints = []
  for (const c of checkpoints) {
    try {
      states.push(decodeSnapshot(await readFile(sessionFiles(dir).checkpoint(c.id)), 'checkpoint'))
      kept.push(c)
    } catch {
      // left out
    }
  }
  checkpoints = kept
  const manifest: Omit<CoproManifest, 'formatVersion' | 'assets'> = {
    appVersion,
    createdAt: summary.createdAt,
    exportedAt: new Date().toISOString(),
    title: summary.title,
    templateId: summary.templateId,
    checkpoints: checkpoints.map((c, i) => ({
      name: c.name,
      reason: c.reason,
      createdAt: c.createdAt,
      size: states[i]!.length,
    })),
  }
  // the session's images travel with it (version 2 files); none: a version 1 file as before
  return encodeCoproFile(manifest, state, states, await readAssets(dir))
}
