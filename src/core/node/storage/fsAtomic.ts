import { randomBytes } from 'node:crypto'
import { open, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { isErrnoCode } from './errors'

/** fsyncs a directory so that a rename or a new file inside it survives a power cut (no-op where unsupported). */
export async function fsyncDir(dir: string): Promise<void> {
  let fh
  try {
    fh = await open(dir, 'r')
    await fh.sync()
  } catch (e) {
    // Windows cannot open directories; some filesystems refuse fsync on them. The rename is still atomic.
    if (
      !isErrnoCode(e, 'EISDIR') &&
      !isErrnoCode(e, 'EPERM') &&
      !isErrnoCode(e, 'EINVAL') &&
      !isErrnoCode(e, 'EBADF')
    )
      throw e
  } finally {
    await fh?.close()
  }
}

/**
 * Writes `data` to a new temp file beside `file` (created exclusively), fsyncs it, renames it over `file`
 * and fsyncs the folder: a reader sees the old file or the new one, never half of one, and a failure
 * leaves no temp file. The one atomic write of the app (storage, templates, relay state, exports).
 */
export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(file)
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  const fh = await open(tmp, 'wx', 0o644)
  try {
    await fh.writeFile(data)
    await fh.sync()
  } catch (e) {
    await fh.close()
    await rm(tmp, { force: true })
    throw e
  }
  await fh.close()
  try {
    await rename(tmp, file)
  } catch (e) {
    await rm(tmp, { force: true })
    throw e
  }
  await fsyncDir(dir)
}

export async function pathExists(p: string): Promise<boolean> {
  try {
    await stat(p)
    return true
  } catch (e) {
    if (isErrnoCode(e, 'ENOENT')) return false
    throw e
  }
}

/** A file's size, or 0 when it does not exist. */
export async function fileSize(p: string): Promise<number> {
  try {
    return (await stat(p)).size
  } catch (e) {
    if (isErrnoCode(e, 'ENOENT')) return 0
    throw e
  }
}
