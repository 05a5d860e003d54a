import { StorageError } from './errors'

/** Plain-language reasons for the I/O errors that stop a data folder from opening (a full disk first). */
const START_FAILURES: Record<string, string> = {
  ENOSPC: 'the disk is full. Free some space on that disk, then start Copro Studio again.',
  EDQUOT: 'your disk quota is used up. Free some space, then start Copro Studio again.',
  EROFS: 'it is on a read-only disk. Choose a writable data folder (--data-dir).',
  EACCES: 'you do not have permission to write there. Choose another data folder (--data-dir).',
  EPERM: 'you do not have permission to write there. Choose another data folder (--data-dir).',
}

/** A plain-language reason, naming the folder, for an I/O error met while opening a data folder. */
export function startFailure(e: unknown, dataDir: string): unknown {
  if (e instanceof StorageError) return e
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined
  const why = typeof code === 'string' ? START_FAILURES[code] : undefined
  if (!why) return e
  return new StorageError('io', `Copro Studio cannot use its data folder ${dataDir}: ${why}`, { cause: e })
}
