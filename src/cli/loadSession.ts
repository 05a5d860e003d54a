import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type * as Y from 'yjs'
import { readCoproFile } from '../core/node/storage/coproFile'
import { StorageError } from '../core/node/storage/errors'
import { MANIFEST_FILE } from '../core/node/storage/layout'
import { readDataDir } from '../core/node/storage/readOnly'
import { SessionManifest } from '../core/node/storage/schemas'
import { getAsset } from '../core/node/storage/sessionAssets'
import { docFromUpdates, readStoredState } from '../core/node/storage/sessionState'

export interface LoadedSession {
  doc: Y.Doc
  checkpoints: { id?: string; name: string; reason: string; createdAt: string }[]
  /** The session's images (photo cards, pictures, the report's logo), read on demand. */
  readAsset: (assetId: string) => Promise<Uint8Array | null>
}

/**
 * Loads a session's board for reading: from a .copro file, or by id from a data folder. It takes no
 * lock and writes nothing, so it works while Copro Studio is running on that folder. A damaged session
 * is read as what could be recovered, and `onWarning` is told what was (docs/adr/0024-damaged-storage.md).
 */
export async function loadSessionForReading(
  idOrFile: string,
  dataDir: string,
  onWarning: (message: string) => void = () => {},
): Promise<LoadedSession> {
  if (idOrFile.toLowerCase().endsWith('.copro')) {
    const content = await readCoproFile(idOrFile)
    return {
      doc: docFromUpdates([content.state], 'session file'),
      checkpoints: content.manifest.checkpoints.map((c) => ({ ...c })),
      readAsset: (id) => Promise.resolve(content.assets.find((a) => a.id === id)?.bytes ?? null),
    }
  }
  const view = await readDataDir(dataDir)
  const summary = view.sessions.find((s) => s.id === idOrFile)
  if (!summary) throw new StorageError('not-found', `There is no session "${idOrFile}" in ${dataDir}.`)
  const dir = summary.deletedAt ? view.layout.trashed(summary.id) : view.layout.session(summary.id)
  const stored = await readStoredState(dir)
  if (stored.recovery) onWarning(`“${summary.title}” is damaged. ${stored.recovery.notes.join(' ')}`)
  let checkpoints: LoadedSession['checkpoints'] = []
  try {
    const m = SessionManifest.safeParse(JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')))
    if (m.success) checkpoints = m.data.checkpoints.map((c) => ({ ...c }))
  } catch {
    // A session without a readable manifest still exports; it just lists no checkpoints.
  }
  return {
    doc: docFromUpdates(stored.updates, 'session board'),
    checkpoints,
    readAsset: async (id) => (await getAsset(dir, id))?.bytes ?? null,
  }
}
