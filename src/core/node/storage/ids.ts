import { randomBytes } from 'node:crypto'

/** A random URL-safe id: 16 bytes → 22 characters of base64url. */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url')
}

/** A random URL-safe checkpoint id (12 bytes → 16 characters). */
export function newCheckpointId(): string {
  return randomBytes(12).toString('base64url')
}
