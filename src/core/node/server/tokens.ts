import { randomBytes, timingSafeEqual } from 'node:crypto'

/** A fresh random token: 24 bytes (192 bits), URL-safe base64. */
export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Constant-time comparison of two tokens. */
export function sameToken(a: string | null | undefined, b: string): boolean {
  if (typeof a !== 'string') return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Reads a bearer token from an Authorization header or a `token` query parameter. */
export function tokenFrom(headers: Record<string, string | string[] | undefined>, url: URL): string | null {
  const auth = headers['authorization']
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim()
  return url.searchParams.get('token')
}
