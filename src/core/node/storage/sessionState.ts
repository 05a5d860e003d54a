import { open, readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import * as Y from 'yjs'
import { dropPendingUpdates, hasPendingUpdates } from '../../common/session/pending'
import { decodeLog, decodeSnapshot, encodeSnapshot, logHeader } from './binaryFormats'
import { StorageError, isErrnoCode } from './errors'
import { fsyncDir, writeFileAtomic } from './fsAtomic'
import { sessionFiles } from './layout'

/** What reading a damaged session folder recovered and set aside (docs/adr/0024-damaged-storage.md). */
export interface Recovery {
  /** Plain-language lines: what was damaged or missing, what the board was rebuilt from, what was left out. */
  readonly notes: readonly string[]
  /** Files whose damaged bytes a writer keeps beside the session before rewriting them. */
  readonly damaged: readonly ('snapshot' | 'log')[]
}

/** What to do with pending data (changes whose dependencies are missing): leave it out, or refuse the whole. */
export type PendingPolicy = 'drop' | 'refuse'

/** What was found on disk for one session's board. */
export interface StoredState {
  /**
   * The snapshot (if any) followed by the log's updates, in order; after a recovery, one clean state
   * rebuilt from everything intact (nothing in it depends on missing data).
   */
  readonly updates: Uint8Array[]
  readonly logRecords: number
  readonly logBytes: number
  /** Set when the log ended in a torn or corrupt record that was ignored. */
  readonly droppedTail: { readonly bytes: number; readonly problem: string } | null
  /** Length of the log's good prefix (a writer truncates the log to this). */
  readonly validLogLength: number
  /**
   * Set when more than a torn tail was wrong (a damaged snapshot, header or record, a missing log or an
   * emptied folder): a writer then keeps the damaged files aside and rewrites the folder from `updates`.
   */
  readonly recovery: Recovery | null
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file)
  } catch (e) {
    if (isErrnoCode(e, 'ENOENT')) return null
    throw e
  }
}

/** Every checkpoint of a session folder that still decodes (their order does not matter: Yjs merges). */
async function readGoodCheckpoints(dir: string): Promise<{ states: Uint8Array[]; bad: number }> {
  const folder = sessionFiles(dir).checkpoints
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => n.endsWith('.bin'))
  const states: Uint8Array[] = []
  let bad = 0
  for (const n of names) {
    try {
      states.push(decodeSnapshot(await readFile(path.join(folder, n)), 'checkpoint'))
    } catch {
      bad++
    }
  }
  return { states, bad }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * Reads a session folder's snapshot and log. Read-only; safe while a writer appends (a half-written tail
 * is ignored). Damage never makes a session unreadable: a damaged or missing snapshot falls back to the
 * session's good checkpoints plus the log, a damaged record or header loses only its own bytes, and what
 * was recovered or left out is described in `recovery`.
 */
export async function readStoredState(dir: string): Promise<StoredState> {
  const files = sessionFiles(dir)
  // The log first, then the snapshot: a compaction between the two reads then costs nothing (the new
  // snapshot holds everything the old log did), whereas the other order could miss the old log.
  const log = await readIfExists(files.log)
  const snap = await readIfExists(files.snapshot)
  const notes: string[] = []
  const damaged: ('snapshot' | 'log')[] = []
  const updates: Uint8Array[] = []
  let snapshotProblem: string | null = null
  if (snap) {
    try {
      updates.push(decodeSnapshot(snap, 'snapshot'))
    } catch (e) {
      if (e instanceof StorageError && e.code === 'unsupported-version') throw e
      snapshotProblem = e instanceof Error ? e.message : String(e)
      damaged.push('snapshot')
    }
  } else if (log) snapshotProblem = 'the snapshot is missing'
  if (!snap && !log) notes.push('The session’s board files were missing: it opens empty.')
  else if (!log) notes.push('The update log was missing: changes made since the last snapshot are lost.')
  if (snapshotProblem !== null) {
    const cps = await readGoodCheckpoints(dir)
    updates.push(...cps.states)
    notes.push(
      cps.states.length > 0
        ? `${snapshotProblem[0]!.toUpperCase()}${snapshotProblem.slice(1)}: the board was rebuilt from ${plural(cps.states.length, 'checkpoint')} and the update log.`
        : `${snapshotProblem[0]!.toUpperCase()}${snapshotProblem.slice(1)} and there is no good checkpoint: the board was rebuilt from the update log alone.`,
    )
    if (cps.bad > 0) notes.push(`${plural(cps.bad, 'checkpoint')} could not be read either.`)
  }
  const decoded = decodeLog(log ?? new Uint8Array())
  updates.push(...decoded.updates)
  if (decoded.headerDamaged) {
    notes.push(
      `The update log’s header was damaged; ${plural(decoded.updates.length, 'saved change')} after it were kept.`,
    )
    damaged.push('log')
  }
  if (decoded.skipped.length > 0) {
    const bytes = decoded.skipped.reduce((n, k) => n + k.bytes, 0)
    notes.push(
      `${plural(decoded.skipped.length, 'damaged stretch', 'damaged stretches')} of the update log (${plural(bytes, 'byte')}) could not be read and were set aside; every intact change after them was kept.`,
    )
    if (!damaged.includes('log')) damaged.push('log')
  }
  const droppedTail = decoded.problem
    ? { bytes: decoded.totalLength - decoded.validLength, problem: decoded.problem }
    : null
  let recovery: Recovery | null = null
  let board = updates
  if (notes.length > 0) {
    const clean = recoverState(updates)
    board = [clean.state]
    if (clean.unusable > 0)
      notes.push(`${plural(clean.unusable, 'saved change')} could not be applied and were left out.`)
    if (clean.leftOut)
      notes.push('Changes that built directly on the damaged part could not be placed and were left out.')
    recovery = { notes, damaged }
  }
  return {
    updates: board,
    logRecords: decoded.updates.length,
    logBytes: decoded.totalLength,
    droppedTail,
    validLogLength: decoded.validLength,
    recovery,
  }
}

function writeVarUint(out: number[], n: number): void {
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f))
    n = Math.floor(n / 128)
  }
  out.push(n)
}

/**
 * A Yjs (v1) update made only of GC structs that fill clock gaps: `client → [from clock, length]`. A GC
 * struct stands for content that is gone; with it, a client's later changes no longer wait for the lost
 * ones (Yjs needs each client's clocks without gaps) and every one that does not build on them applies.
 */
function gapFiller(gaps: ReadonlyMap<number, readonly [number, number]>): Uint8Array {
  const out: number[] = []
  writeVarUint(out, gaps.size)
  for (const [client, [clock, length]] of gaps) {
    writeVarUint(out, 1) // one struct
    writeVarUint(out, client)
    writeVarUint(out, clock)
    out.push(0) // info 0: GC
    writeVarUint(out, length)
  }
  writeVarUint(out, 0) // empty delete set
  return Uint8Array.from(out)
}

/**
 * One clean state from updates that may have gaps: every update that applies is applied; an update that
 * does not is counted as unusable; a clock gap left by a lost record is filled with a GC struct so that
 * the same writer's later changes still apply; changes that build on lost content (Yjs's remaining
 * pending structs and deletes) are left out, so the state never depends on data that is not in it.
 */
export function recoverState(updates: readonly Uint8Array[]): {
  state: Uint8Array
  unusable: number
  leftOut: boolean
} {
  const doc = new Y.Doc()
  let unusable = 0
  for (const u of updates) {
    try {
      Y.applyUpdate(doc, u)
    } catch {
      unusable++
    }
  }
  const store = doc.store as unknown as {
    pendingStructs: { update: Uint8Array } | null
    pendingDs: Uint8Array | null
  }
  for (let round = 0; round < 1000 && store.pendingStructs; round++) {
    const sv = Y.decodeStateVector(Y.encodeStateVector(doc))
    const gaps = new Map<number, [number, number]>()
    // Yjs keeps pending structs as one v2-encoded update
    for (const st of Y.decodeUpdateV2(store.pendingStructs.update).structs) {
      const { client, clock } = st.id
      const have = sv.get(client) ?? 0
      const gap = gaps.get(client)
      if (clock > have && (!gap || clock < gap[0] + gap[1])) gaps.set(client, [have, clock - have])
    }
    if (gaps.size === 0) break
    try {
      Y.applyUpdate(doc, gapFiller(gaps))
    } catch {
      break
    }
  }
  const leftOut = store.pendingStructs !== null || store.pendingDs !== null
  store.pendingStructs = null
  store.pendingDs = null
  try {
    return { state: Y.encodeStateAsUpdate(doc), unusable, leftOut }
  } finally {
    doc.destroy()
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
  await removeTempFiles(dir, [files.log, files.snapshot])
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

/**
 * Removes the temp files an interrupted atomic write of `files` left behind (`.<name>.<random>.tmp`).
 * Only those: another write in this process (the manifest, when the session is renamed while its board
 * opens) may have its own temp file in the folder right now.
 */
export async function removeTempFiles(dir: string, files: readonly string[]): Promise<void> {
  const prefixes = files.map((f) => `.${path.basename(f)}.`)
  for (const name of await readdir(dir).catch(() => [] as string[]))
    if (name.endsWith('.tmp') && prefixes.some((p) => name.startsWith(p)))
      await rm(path.join(dir, name), { force: true })
}
