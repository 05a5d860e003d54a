import { randomBytes } from 'node:crypto'

/** A random URL-safe id: 16 bytes → 22 characters of base64url. */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url')
}

/** A random URL-safe checkpoint id (12 bytes → 16 characters). */
export function newCheckpointId(): string {
  return randomBytes(12).toString('base64url')
}

/** The current time as an ISO 8601 string (timestamps of summaries, checkpoints and warnings). */
export function nowIso(): string {
  return new Date().toISOString()
}
