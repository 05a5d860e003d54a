/** Why a storage operation failed; `code` is stable for callers (API error mapping, CLI exit codes). */
export type StorageErrorCode =
  'locked' | 'not-found' | 'invalid-argument' | 'invalid-file' | 'unsupported-version' | 'too-large' | 'io'

export class StorageError extends Error {
  readonly code: StorageErrorCode

  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'StorageError'
    this.code = code
  }
}

/** Something the user should be told about but that did not stop the data folder from opening. */
export interface StorageWarning {
  readonly kind:
    | 'index-rebuilt'
    | 'index-reconciled'
    | 'log-tail-dropped'
    | 'snapshot-unreadable'
    | 'checkpoint-unreadable'
    | 'session-recovered'
  readonly message: string
  readonly sessionId?: string
  readonly at: string
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

export function isErrnoCode(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code
}

const FRIENDLY: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the data folder is on a read-only disk',
  EACCES: 'no permission to write to the data folder',
  EPERM: 'no permission to write to the data folder',
  EIO: 'the disk reported a read/write error',
  EFBIG: 'the session file is too large for this disk or account (file size limit)',
  ENOENT: 'the session folder has disappeared',
  EBADF: 'the session file was closed unexpectedly',
}

/** A short reason for the status bar ("Not saved: the disk is full"), from an I/O error. */
export function saveFailureReason(e: unknown): string {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined
  return (typeof code === 'string' && FRIENDLY[code]) || errorMessage(e)
}
