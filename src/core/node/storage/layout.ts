import path from 'node:path'

/**
 * The data folder:
 *
 *   <dataDir>/index.json                    lowdb: session summaries + settings (rebuildable)
 *   <dataDir>/copro.lock                    the owning server: pid, hostname, start time
 *   <dataDir>/sessions/<id>/manifest.json   the session's own summary + checkpoint list
 *   <dataDir>/sessions/<id>/snapshot.bin    compacted Yjs state (CPSN frame)
 *   <dataDir>/sessions/<id>/updates.log     append-only update log (CPLG records)
 *   <dataDir>/sessions/<id>/checkpoints/<checkpointId>.bin   checkpoint snapshots (CPSN frame)
 *   <dataDir>/trash/<id>/                   deleted sessions, same layout, restorable
 *   <dataDir>/tmp/                          staging for creates, imports and duplicates (emptied on open)
 */
export const INDEX_FILE = 'index.json'
export const LOCK_FILE = 'copro.lock'
export const SESSIONS_DIR = 'sessions'
export const TRASH_DIR = 'trash'
export const TMP_DIR = 'tmp'
export const MANIFEST_FILE = 'manifest.json'
export const SNAPSHOT_FILE = 'snapshot.bin'
export const LOG_FILE = 'updates.log'
export const CHECKPOINTS_DIR = 'checkpoints'

export class DataLayout {
  constructor(readonly dataDir: string) {}

  get index(): string {
    return path.join(this.dataDir, INDEX_FILE)
  }
  get lock(): string {
    return path.join(this.dataDir, LOCK_FILE)
  }
  get sessions(): string {
    return path.join(this.dataDir, SESSIONS_DIR)
  }
  get trash(): string {
    return path.join(this.dataDir, TRASH_DIR)
  }
  get tmp(): string {
    return path.join(this.dataDir, TMP_DIR)
  }
  session(id: string): string {
    return path.join(this.sessions, id)
  }
  trashed(id: string): string {
    return path.join(this.trash, id)
  }
}

export function sessionFiles(dir: string) {
  return {
    manifest: path.join(dir, MANIFEST_FILE),
    snapshot: path.join(dir, SNAPSHOT_FILE),
    log: path.join(dir, LOG_FILE),
    checkpoints: path.join(dir, CHECKPOINTS_DIR),
    checkpoint: (checkpointId: string) => path.join(dir, CHECKPOINTS_DIR, `${checkpointId}.bin`),
  }
}
