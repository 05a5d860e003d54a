import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { SessionSummary } from '../../../shared/model/session'
import { encodeSnapshot } from './binaryFormats'
import { StorageError, errorMessage } from './errors'
import { fsyncDir, pathExists, writeFileAtomic } from './fsAtomic'
import { writeAssets } from './sessionAssets'
import { newCheckpointId, newSessionId, nowIso } from './ids'
import { type DataLayout, sessionFiles } from './layout'
import type { CheckpointMeta } from './schemas'
import { writeManifest } from './sessionManifest'
import { writeFreshState } from './sessionState'

/** What SessionStore.create takes: a blank session, or one from a template's first board. */
export interface CreateSessionInput {
  readonly title: string
  readonly templateId?: string | null
  /** A Yjs update to start from (e.g. a laid-out template). It must apply to an empty document. */
  readonly initialUpdate?: Uint8Array
}

/** The content of a session about to be created (blank, from a template, a duplicate, a checkpoint, an import). */
export interface NewSessionInput {
  title: string
  templateId: string | null
  createdAt?: string
  state: Uint8Array
  checkpoints: { meta: Omit<CheckpointMeta, 'id'>; state: Uint8Array }[]
  /** The session's images (storage/sessionAssets.ts): an import's, a duplicate's. */
  assets?: readonly { id: string; bytes: Uint8Array }[]
  /** The board's counts for the index when known (a duplicate has its source's); else 0 until recounted. */
  counts?: { cardCount: number; participantCount: number }
}

/**
 * Writes a complete new session in tmp/ and renames it into sessions/ (so a failure leaves nothing
 * behind). Its id is fresh: neither `isTaken` by the index nor a folder in sessions/. The caller records
 * the returned summary in the index.
 */
export async function writeNewSessionFolder(
  layout: DataLayout,
  input: NewSessionInput,
  isTaken: (id: string) => boolean,
): Promise<SessionSummary> {
  let id = newSessionId()
  while (isTaken(id) || (await pathExists(layout.session(id)))) id = newSessionId()
  const now = nowIso()
  const summary: SessionSummary = SessionSummary.parse({
    id,
    title: input.title,
    templateId: input.templateId,
    createdAt: input.createdAt ?? now,
    updatedAt: now,
    participantCount: input.counts?.participantCount ?? 0,
    cardCount: input.counts?.cardCount ?? 0,
    deletedAt: null,
  })
  const staging = path.join(layout.tmp, id)
  try {
    await mkdir(sessionFiles(staging).checkpoints, { recursive: true })
    const checkpoints: CheckpointMeta[] = []
    for (const c of input.checkpoints) {
      const cid = newCheckpointId()
      await writeFileAtomic(sessionFiles(staging).checkpoint(cid), encodeSnapshot(c.state))
      checkpoints.push({ ...c.meta, id: cid, size: c.state.length })
    }
    await writeAssets(staging, input.assets ?? [])
    await writeFreshState(staging, input.state)
    await writeManifest(staging, { formatVersion: 1, summary, checkpoints })
    await rename(staging, layout.session(id))
    await fsyncDir(layout.sessions)
  } catch (e) {
    await rm(staging, { recursive: true, force: true })
    throw e instanceof StorageError
      ? e
      : new StorageError('io', `Could not create the session: ${errorMessage(e)}`, { cause: e })
  }
  return summary
}
