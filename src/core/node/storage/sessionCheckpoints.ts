import { mkdir, readFile } from 'node:fs/promises'
import { readAssets } from './sessionAssets'
import * as Y from 'yjs'
import type { SessionSummary } from '../../../shared/model/session'
import { decodeSnapshot, encodeSnapshot } from './binaryFormats'
import { StorageError, isErrnoCode } from './errors'
import { writeFileAtomic } from './fsAtomic'
import { newCheckpointId, nowIso } from './ids'
import { sessionFiles } from './layout'
import type { NewSessionInput } from './newSessionFolder'
import { REVERT_ORIGIN, revertUpdate, withPresentWithdrawals } from './revertDoc'
import { type BoardCounts, type CheckpointMeta, CheckpointId, type CheckpointReason } from './schemas'
import type { SessionLog } from './sessionLog'
import { readManifest, writeManifest } from './sessionManifest'

/**
 * A session's checkpoints: named snapshots of its board kept in its folder (checkpoints/<id>.bin, listed
 * in manifest.json), which can be opened as a new session or reverted to. SessionStore's checkpoint
 * methods delegate here.
 */

export interface RevertOptions {
  /**
   * When the session's room is live, pass the relay's way of applying an update to its authoritative Y.Doc
   * (e.g. `u => Y.applyUpdate(room.doc, u, 'revert')`): the relay then broadcasts it and appends it here as
   * usual. Without it, the store applies the update to the live doc from setLiveDocs if the room is loaded,
   * and otherwise appends it to the log itself.
   */
  readonly applyToLiveDoc?: (update: Uint8Array) => void
}

/** What the checkpoint operations use of the SessionStore. */
export interface CheckpointContext {
  /** The session's index entry; throws StorageError if there is none (or it is, or is not, in the trash). */
  requireSession(id: string, opts?: { deleted?: boolean }): SessionSummary
  /** The session's folder, in sessions/ or trash/. */
  dirOf(s: SessionSummary): string
  /** The session's current board as one update (SessionStore.readState). */
  readState(id: string): Promise<Uint8Array>
  /** Runs fn after the session's earlier manifest read-modify-writes, and before later ones. */
  withSession<T>(id: string, fn: () => Promise<T>): Promise<T>
  /** Creates a session (new id) with this content and records it in the index. */
  materialize(input: NewSessionInput): Promise<SessionSummary>
  /** The session's live document, when setLiveDocs is in use and its room is loaded. */
  liveDoc(id: string): Y.Doc | undefined
  /** Runs fn on the session's log, opening it for the while (then closing it) if it was not open. */
  withOpenLog(s: SessionSummary, fn: (log: SessionLog) => Promise<void>): Promise<void>
  /** A board's counts (undefined when the store does not count boards), and recording them. */
  countBoard(updates: readonly Uint8Array[]): BoardCounts | undefined
  setCounts(s: SessionSummary, counts: BoardCounts): void
}

export async function createCheckpoint(
  ctx: CheckpointContext,
  id: string,
  name: string,
  reason: CheckpointReason,
): Promise<CheckpointMeta> {
  const s = ctx.requireSession(id, { deleted: false })
  const cleanName = name.trim().slice(0, 200) || 'Checkpoint'
  const state = await ctx.readState(id)
  return ctx.withSession(id, async () => {
    const dir = ctx.dirOf(s)
    const files = sessionFiles(dir)
    await mkdir(files.checkpoints, { recursive: true })
    const meta: CheckpointMeta = {
      id: newCheckpointId(),
      name: cleanName,
      reason,
      createdAt: nowIso(),
      size: state.length,
    }
    await writeFileAtomic(files.checkpoint(meta.id), encodeSnapshot(state))
    const m = await readManifest(dir, s)
    await writeManifest(dir, { ...m, summary: { ...s }, checkpoints: [...m.checkpoints, meta] })
    return meta
  })
}

/** A session's checkpoints in the order they were taken (oldest first; the API reverses for display). */
export async function listCheckpoints(ctx: CheckpointContext, id: string): Promise<CheckpointMeta[]> {
  const s = ctx.requireSession(id)
  return [...(await readManifest(ctx.dirOf(s), s)).checkpoints]
}

/** A checkpoint's Yjs state (an update that rebuilds the board as it was). */
export async function readCheckpointState(
  ctx: CheckpointContext,
  id: string,
  checkpointId: string,
): Promise<Uint8Array> {
  const s = ctx.requireSession(id)
  if (!CheckpointId.safeParse(checkpointId).success)
    throw new StorageError('invalid-argument', `“${checkpointId}” is not a checkpoint id`)
  const cps = await listCheckpoints(ctx, id)
  if (!cps.some((c) => c.id === checkpointId))
    throw new StorageError('not-found', `Session ${id} has no checkpoint ${checkpointId}`)
  try {
    return decodeSnapshot(await readFile(sessionFiles(ctx.dirOf(s)).checkpoint(checkpointId)), 'checkpoint')
  } catch (e) {
    if (isErrnoCode(e, 'ENOENT'))
      throw new StorageError('not-found', `The checkpoint file of ${checkpointId} is missing`)
    throw e
  }
}

/** A new session with the checkpoint's board (keeping withdrawals made since), titled after both. */
export async function restoreCheckpointAsNewSession(
  ctx: CheckpointContext,
  id: string,
  checkpointId: string,
): Promise<SessionSummary> {
  const s = ctx.requireSession(id)
  const cp = (await listCheckpoints(ctx, id)).find((c) => c.id === checkpointId)
  const state = withPresentWithdrawals(
    await readCheckpointState(ctx, id, checkpointId),
    await ctx.readState(id),
  )
  return ctx.materialize({
    title: `${s.title} — ${cp?.name ?? 'checkpoint'}`.slice(0, 200),
    templateId: s.templateId,
    state,
    checkpoints: [],
    // a checkpoint's images are the session's (assets are never deleted while it exists)
    assets: await readAssets(ctx.dirOf(s)),
  })
}

/**
 * Reverts a session's board to a checkpoint. First takes a 'before-revert' checkpoint of the present (so
 * the revert can itself be undone), then computes ONE Yjs update that turns the present board into the
 * checkpoint's content (revertUpdate: changed records deleted and re-set, see revertDoc.ts) and either
 * hands it to `applyToLiveDoc` (live room: the relay applies, broadcasts and appends it) or appends it.
 */
export async function revertToCheckpoint(
  ctx: CheckpointContext,
  id: string,
  checkpointId: string,
  opts: RevertOptions,
): Promise<{ beforeRevert: CheckpointMeta; update: Uint8Array }> {
  const s = ctx.requireSession(id, { deleted: false })
  const target = await readCheckpointState(ctx, id, checkpointId)
  const cp = (await listCheckpoints(ctx, id)).find((c) => c.id === checkpointId)
  const beforeRevert = await createCheckpoint(
    ctx,
    id,
    `Before reverting to “${cp?.name ?? checkpointId}”`.slice(0, 200),
    'before-revert',
  )
  const current = await ctx.readState(id)
  const update = revertUpdate(current, target)
  const live = ctx.liveDoc(id)
  if (opts.applyToLiveDoc) opts.applyToLiveDoc(update)
  else if (live) Y.applyUpdate(live, update, REVERT_ORIGIN)
  else {
    await ctx.withOpenLog(s, async (log) => {
      log.append(update)
      await log.flush()
    })
    // a live board is counted by its server as it changes; a closed one is counted here
    const counts = ctx.countBoard([current, update])
    if (counts) ctx.setCounts(s, counts)
  }
  return { beforeRevert, update }
}
