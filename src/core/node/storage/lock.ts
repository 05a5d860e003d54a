import { link, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import os from 'node:os'
import { z } from 'zod'
import { randomBytes } from 'node:crypto'
import { StorageError, isErrnoCode } from './errors'

const LockInfo = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  startedAt: z.string(),
  app: z.string().optional(),
})
export type LockInfo = z.infer<typeof LockInfo>

/** A lock file younger than this with unreadable contents is assumed to be mid-write by a live owner. */
const UNREADABLE_GRACE_MS = 5_000

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return isErrnoCode(e, 'EPERM')
  }
}

export function lockMessage(info: LockInfo, dataDir: string): string {
  const where = info.hostname === os.hostname() ? '' : ` on ${info.hostname}`
  return (
    `This data folder is in use by Copro Studio (pid ${info.pid}${where}) since ${info.startedAt}: ${dataDir}. ` +
    `Close that Copro Studio first, or use another --data-dir. (If no Copro Studio is running, the process ` +
    `number has been reused: delete ${path.join(dataDir, 'copro.lock')}.)`
  )
}

/** Reads the lock's owner, or null when no lock exists or it is stale (owner gone). */
export async function readLiveLock(lockPath: string): Promise<LockInfo | null> {
  let text: string
  try {
    text = await readFile(lockPath, 'utf8')
  } catch (e) {
    if (isErrnoCode(e, 'ENOENT')) return null
    throw e
  }
  let info: LockInfo | null
  try {
    info = LockInfo.parse(JSON.parse(text))
  } catch {
    info = null
  }
  if (!info) {
    const age = Date.now() - (await stat(lockPath).catch(() => ({ mtimeMs: 0 }))).mtimeMs
    return age < UNREADABLE_GRACE_MS ? { pid: 0, hostname: '?', startedAt: 'just now' } : null
  }
  // A lock from another machine (a shared folder) cannot be checked: respect it.
  if (info.hostname !== os.hostname()) return info
  return isProcessAlive(info.pid) ? info : null
}

export class DataDirLock {
  private released = false

  private constructor(
    readonly path: string,
    readonly info: LockInfo,
  ) {}

  /** Takes the lock or throws StorageError('locked') naming the owner. A stale lock (dead pid) is taken over. */
  static async acquire(lockPath: string, dataDir: string): Promise<DataDirLock> {
    const info: LockInfo = {
      pid: process.pid,
      hostname: os.hostname(),
      startedAt: new Date().toISOString(),
      app: 'copro-studio',
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const fh = await open(lockPath, 'wx')
        try {
          await fh.writeFile(JSON.stringify(info))
          await fh.sync()
        } finally {
          await fh.close()
        }
        return new DataDirLock(lockPath, info)
      } catch (e) {
        if (!isErrnoCode(e, 'EEXIST')) throw e
      }
      const owner = await readLiveLock(lockPath)
      if (owner) throw new StorageError('locked', lockMessage(owner, dataDir))
      // Stale: move it aside under a unique name (only one contender can rename it), then retry.
      const aside = `${lockPath}.stale-${randomBytes(4).toString('hex')}`
      const moved = await rename(lockPath, aside).then(
        () => true,
        (e: unknown) => {
          if (!isErrnoCode(e, 'ENOENT')) throw e
          return false
        },
      )
      // Another contender may have replaced the stale lock with its live one between our read and our
      // rename: if what we moved is live, put it back and give way.
      const movedOwner = moved ? await readLiveLock(aside) : null
      if (movedOwner && movedOwner.pid !== 0) {
        await link(aside, lockPath).catch(() => undefined)
        await rm(aside, { force: true })
        throw new StorageError('locked', lockMessage(movedOwner, dataDir))
      }
      await rmStale(lockPath)
    }
    throw new StorageError('locked', `Could not take the lock on ${dataDir}: it keeps changing hands.`)
  }

  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    // Only remove the lock if it is still ours.
    try {
      const current = LockInfo.parse(JSON.parse(await readFile(this.path, 'utf8')))
      if (current.pid === this.info.pid && current.startedAt === this.info.startedAt)
        await rm(this.path, { force: true })
    } catch {
      // gone or unreadable: nothing of ours to remove
    }
  }
}

async function rmStale(lockPath: string): Promise<void> {
  const dir = path.dirname(lockPath)
  const base = path.basename(lockPath)
  for (const name of await readdir(dir).catch(() => [] as string[]))
    if (name.startsWith(`${base}.stale-`)) await rm(path.join(dir, name), { force: true })
}
