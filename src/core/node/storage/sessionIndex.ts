import { readdir, readFile, rename, stat } from 'node:fs/promises'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { SessionId, SessionSummary } from '../../../shared/model/session'
import { type StorageWarning, errorMessage, isErrnoCode } from './errors'
import { pathExists } from './fsAtomic'
import { DataLayout, sessionFiles } from './layout'
import {
  INDEX_VERSION,
  type IndexData,
  IndexShape,
  SessionManifest,
  Settings,
  defaultSettings,
} from './schemas'

function freshIndex(): IndexData {
  return { version: INDEX_VERSION, sessions: [], settings: defaultSettings() }
}

function warning(kind: StorageWarning['kind'], message: string, sessionId?: string): StorageWarning {
  return { kind, message, at: new Date().toISOString(), ...(sessionId ? { sessionId } : {}) }
}

/** Parses raw index JSON leniently: a bad entry costs only itself. Returns null when the shape is unusable. */
export function parseIndex(raw: unknown): { data: IndexData; dropped: number } | null {
  const shape = IndexShape.safeParse(raw)
  if (!shape.success || shape.data.version > INDEX_VERSION) return null
  const sessions: SessionSummary[] = []
  let dropped = 0
  const seen = new Set<string>()
  for (const entry of shape.data.sessions) {
    const s = SessionSummary.safeParse(entry)
    if (s.success && !seen.has(s.data.id)) {
      sessions.push(s.data)
      seen.add(s.data.id)
    } else dropped++
  }
  const settings = Settings.safeParse(shape.data.settings ?? {})
  return {
    data: {
      version: INDEX_VERSION,
      sessions,
      settings: settings.success ? settings.data : defaultSettings(),
    },
    dropped,
  }
}

/** Reads a session folder's own summary; a folder without a readable manifest gets a recovered summary. */
export async function readSessionSummary(
  dir: string,
  id: string,
  deleted: boolean,
): Promise<{ summary: SessionSummary; recovered: boolean }> {
  const files = sessionFiles(dir)
  let logMtime: Date | null
  try {
    logMtime = (await stat(files.log)).mtime
  } catch {
    logMtime = null
  }
  try {
    const manifest = SessionManifest.parse(JSON.parse(await readFile(files.manifest, 'utf8')))
    const summary = { ...manifest.summary, id }
    if (logMtime && logMtime.toISOString() > summary.updatedAt) summary.updatedAt = logMtime.toISOString()
    if (deleted && !summary.deletedAt) summary.deletedAt = new Date().toISOString()
    if (!deleted) summary.deletedAt = null
    return { summary, recovered: false }
  } catch {
    const when = (logMtime ?? new Date()).toISOString()
    return {
      summary: {
        id,
        title: `Recovered session ${id.slice(0, 8)}`,
        templateId: null,
        createdAt: when,
        updatedAt: when,
        participantCount: 0,
        cardCount: 0,
        deletedAt: deleted ? new Date().toISOString() : null,
      },
      recovered: true,
    }
  }
}

async function listIds(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true })
    return entries.filter((e) => e.isDirectory() && SessionId.safeParse(e.name).success).map((e) => e.name)
  } catch (e) {
    if (isErrnoCode(e, 'ENOENT')) return []
    throw e
  }
}

/**
 * Makes the index agree with the session folders (the folders are the truth): adds folders the index lacks
 * (from their manifest), drops entries whose folder is gone, and fixes deletedAt to match sessions/ vs trash/.
 * Returns whether anything changed.
 */
export async function reconcileIndex(
  layout: DataLayout,
  data: IndexData,
  warnings: StorageWarning[],
  quiet: boolean,
): Promise<boolean> {
  const live = await listIds(layout.sessions)
  const trashed = (await listIds(layout.trash)).filter((id) => !live.includes(id))
  const onDisk = new Map<string, boolean>([
    ...live.map((id) => [id, false] as const),
    ...trashed.map((id) => [id, true] as const),
  ])
  let changed = false
  const byId = new Map(data.sessions.map((s) => [s.id, s]))
  for (const [id, deleted] of onDisk) {
    const entry = byId.get(id)
    if (!entry) {
      const dir = deleted ? layout.trashed(id) : layout.session(id)
      const { summary, recovered } = await readSessionSummary(dir, id, deleted)
      data.sessions.push(summary)
      changed = true
      if (!quiet)
        warnings.push(
          warning(
            'index-reconciled',
            recovered
              ? `Session ${id} had no readable manifest; it was added back as “${summary.title}”.`
              : `Session “${summary.title}” was missing from the index and was added back.`,
            id,
          ),
        )
    } else if (deleted !== (entry.deletedAt !== null)) {
      entry.deletedAt = deleted ? new Date().toISOString() : null
      changed = true
    }
  }
  const before = data.sessions.length
  data.sessions = data.sessions.filter((s) => onDisk.has(s.id))
  if (data.sessions.length !== before) {
    changed = true
    if (!quiet)
      warnings.push(
        warning(
          'index-reconciled',
          `${before - data.sessions.length} index entries had no session folder and were removed.`,
        ),
      )
  }
  return changed
}

export interface LoadedIndex {
  readonly db: Low<IndexData>
  readonly changed: boolean
}

/**
 * Opens the lowdb index (`new Low(new JSONFile(...))`, never JSONFilePreset: that one is in-memory under
 * vitest). A missing or unreadable index is moved aside as `index.json.corrupt-<time>` and rebuilt from the
 * session folders; the caller is told through `warnings`. With `readOnly`, nothing is moved or written.
 */
export async function loadIndex(
  layout: DataLayout,
  warnings: StorageWarning[],
  readOnly = false,
): Promise<LoadedIndex> {
  const db = new Low<IndexData>(new JSONFile<IndexData>(layout.index), freshIndex())
  const existed = await pathExists(layout.index)
  let problem: string | null = null
  let dropped = 0
  if (existed) {
    try {
      await db.read()
      const parsed = parseIndex(db.data)
      if (parsed) {
        db.data = parsed.data
        dropped = parsed.dropped
      } else problem = 'it does not have the expected shape'
    } catch (e) {
      problem = errorMessage(e)
    }
  }
  if (problem !== null) {
    db.data = freshIndex()
    let aside = ''
    if (!readOnly) {
      aside = `${layout.index}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
      await rename(layout.index, aside)
    }
    warnings.push(
      warning(
        'index-rebuilt',
        `The session index could not be read (${problem}); it was rebuilt from the session folders${aside ? ` and the damaged file kept as ${aside}` : ''}. Settings were reset.`,
      ),
    )
  } else if (dropped > 0) {
    warnings.push(
      warning(
        'index-reconciled',
        `${dropped} damaged index entries were rebuilt from their session folders.`,
      ),
    )
  }
  const changed = await reconcileIndex(layout, db.data, warnings, problem !== null || !existed)
  if (!existed && db.data.sessions.length > 0)
    warnings.push(
      warning(
        'index-rebuilt',
        `The session index was missing; it was rebuilt from ${db.data.sessions.length} session folders.`,
      ),
    )
  return { db, changed: changed || problem !== null || !existed || dropped > 0 }
}
