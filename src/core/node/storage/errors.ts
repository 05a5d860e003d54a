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
