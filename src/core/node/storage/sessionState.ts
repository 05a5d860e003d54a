import { open, readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import * as Y from 'yjs'
import { dropPendingUpdates, hasPendingUpdates } from '../../common/session/pending'
import { decodeLog, decodeSnapshot, encodeSnapshot, logHeader } from './binaryFormats'
import { StorageError, isErrnoCode } from './errors'
import { fsyncDir, writeFileAtomic } from './fsAtomic'
import { sessionFiles } from './layout'

/** What to do with pending data (changes whose dependencies are missing): leave it out, or refuse the whole. */
export type PendingPolicy = 'drop' | 'refuse'

/** What was found on disk for one session's board. */
export interface StoredState {
  /** The snapshot (if any) followed by the log's updates, in order. */
  readonly updates: Uint8Array[]
  readonly logRecords: number
  readonly logBytes: number
  /** Set when the log ended in a torn or corrupt record that was ignored. */
  readonly droppedTail: { readonly bytes: number; readonly problem: string } | null
  /** Length of the log's good prefix (a writer truncates the log to this). */
  readonly validLogLength: number
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file)
  } catch (e) {
    if (isErrnoCode(e, 'ENOENT')) return null
    throw e
  }
}

/** Reads a session folder's snapshot and log. Read-only; safe while a writer appends (a half-written tail is ignored). */
export async function readStoredState(dir: string): Promise<StoredState> {
  const files = sessionFiles(dir)
  // The log first, then the snapshot: a compaction between the two reads then costs nothing (the new
  // snapshot holds everything the old log did), whereas the other order could miss the old log.
  const log = await readIfExists(files.log)
  const snap = await readIfExists(files.snapshot)
  const updates: Uint8Array[] = []
  if (snap) updates.push(decodeSnapshot(snap, 'session snapshot'))
  const decoded = decodeLog(log ?? new Uint8Array())
  updates.push(...decoded.updates)
  return {
    updates,
    logRecords: decoded.updates.length,
    logBytes: decoded.totalLength,
    droppedTail: decoded.problem
      ? { bytes: decoded.totalLength - decoded.validLength, problem: decoded.problem }
      : null,
    validLogLength: decoded.validLength,
  }
}

/**
 * Builds a Y.Doc from updates; throws StorageError('invalid-file') when they are not Yjs data. Pending
 * data (structs or deletions depending on updates that are missing, which older relays kept) is left out
 * with a warning (a process warning, `CoproStorageWarning`), so such a session still opens, exports and
 * duplicates (issue 22); with `pending: 'refuse'` (an imported file, a new session's first update) it
 * throws StorageError('invalid-file') instead.
 */
export function docFromUpdates(
  updates: readonly Uint8Array[],
  what = 'board state',
  pending: PendingPolicy = 'drop',
): Y.Doc {
  const doc = new Y.Doc()
  try {
    // One transaction for all updates: measurably faster than Y.mergeUpdates + one apply.
    doc.transact(() => {
      for (const u of updates) Y.applyUpdate(doc, u)
    })
  } catch (e) {
    doc.destroy()
    throw new StorageError('invalid-file', `the ${what} is not valid Yjs data`, { cause: e })
  }
  if (pending === 'refuse' && hasPendingUpdates(doc)) {
    doc.destroy()
    throw new StorageError('invalid-file', `the ${what} is incomplete (it depends on missing updates)`)
  }
  if (dropPendingUpdates(doc)) {
    process.emitWarning(
      `the ${what} held changes that depend on missing updates; they were left out`,
      'CoproStorageWarning',
    )
  }
  return doc
}

/** The compacted state of a list of updates: a GC'd `Y.encodeStateAsUpdate`. */
export function compactState(
  updates: readonly Uint8Array[],
  what?: string,
  pending: PendingPolicy = 'drop',
): Uint8Array {
  const doc = docFromUpdates(updates, what, pending)
  try {
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/** Writes a fresh session board: snapshot (atomic) then an empty log (atomic). */
export async function writeFreshState(dir: string, state: Uint8Array): Promise<void> {
  const files = sessionFiles(dir)
  await writeFileAtomic(files.snapshot, encodeSnapshot(state))
  await writeFileAtomic(files.log, logHeader())
}

/** Makes sure a log exists and ends at its last good record. Returns the log's length. */
export async function prepareLogForAppend(dir: string, validLength: number): Promise<number> {
  const files = sessionFiles(dir)
  await removeTempFiles(dir)
  if (validLength < 8) {
    // Missing or header-damaged log: start a new one (the damaged bytes were reported by the caller).
    await writeFileAtomic(files.log, logHeader())
    return 8
  }
  const fh = await open(files.log, 'r+')
  try {
    const { size } = await fh.stat()
    if (size !== validLength) {
      await fh.truncate(validLength)
      await fh.sync()
    }
  } finally {
    await fh.close()
  }
  await fsyncDir(dir)
  return validLength
}

/** Removes temp files an interrupted atomic write left behind (`.<name>.<random>.tmp`). */
export async function removeTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[]))
    if (name.startsWith('.') && name.endsWith('.tmp')) await rm(path.join(dir, name), { force: true })
}
