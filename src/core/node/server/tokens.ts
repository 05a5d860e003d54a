import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import type { RelayAuthResult } from '../relay'

/**
 * Every token check of the server and the hosted relay lives here: minting, constant-time comparison,
 * reading a token from a request, guest grants (TokenRegistry) and the one authorize rule for sync
 * connections (authorizeToken), and the exchange of a shared link for a device's personal token
 * (exchangeForDevice). See docs/adr/0005-sharing-and-tokens.md, 0013-http-kit-and-tokens.md and
 * 0038-per-device-identity-and-join-codes.md.
 */

/** A fresh random token: 24 bytes (192 bits), URL-safe base64. */
export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Constant-time comparison of two tokens (their SHA-256 digests, so not even the length leaks). */
export function sameToken(a: string | null | undefined, b: string): boolean {
  if (typeof a !== 'string' || a.length > 512) return false
  return timingSafeEqual(digestOf(a), digestOf(b))
}

type Headers = Record<string, string | string[] | undefined>

/** Reads a bearer token from an Authorization header only (the hosted relay's admin endpoints). */
export function bearerToken(headers: Headers): string | null {
  const auth = headers['authorization']
  return typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7).trim() : null
}

/** Reads a bearer token from an Authorization header or a `token` query parameter. */
export function tokenFrom(headers: Headers, url: URL): string | null {
  return bearerToken(headers) ?? url.searchParams.get('token')
}

/** Who may do what: the owner's token (any session, as facilitator) and the guest grants. */
export interface TokenAuthority {
  /** CoproServer's facilitator token, or a hosted relay's admin token. */
  readonly ownerToken: string
  /** The tokenId the owner's sync connections carry ('facilitator', 'admin'). */
  readonly ownerTokenId: string
  readonly grants: Pick<TokenRegistry, 'verify'>
}

/** Whether `token` is the owner's token (constant time). */
export function isOwnerToken(authority: TokenAuthority, token: string | null | undefined): boolean {
  return sameToken(token, authority.ownerToken)
}

/** A guest token's grant, only for its own session; null for any other token or session. */
export function guestGrant(
  grants: Pick<TokenRegistry, 'verify'>,
  sessionId: string,
  token: string | null,
): TokenGrant | null {
  const grant = grants.verify(token)
  return grant && grant.sessionId === sessionId ? grant : null
}

/**
 * The one authorize rule for a sync connection to `sessionId`: the owner's token makes a facilitator of
 * any session; a guest token its role in its own session; anything else is refused (null).
 */
export function authorizeToken(
  authority: TokenAuthority,
  sessionId: string,
  token: string | null,
): RelayAuthResult | null {
  if (isOwnerToken(authority, token)) return { sessionRole: 'facilitator', tokenId: authority.ownerTokenId }
  const grant = guestGrant(authority.grants, sessionId, token)
  return grant ? grantAuth(grant) : null
}

/** What a guest grant lets its sync connection do (also a cluster node's, whose grants are in PostgreSQL). */
export function grantAuth(grant: TokenGrant): RelayAuthResult {
  return {
    sessionRole: grant.role,
    tokenId: grant.tokenId,
    ...(grant.participantId !== undefined ? { participantId: grant.participantId } : {}),
    ...(grant.linkId !== undefined ? { linkId: grant.linkId } : {}),
  }
}

/**
 * The join exchange (src/shared/api/guestJoin.ts): a shared link's guest token (`token`) is exchanged for
 * this device's personal token, bound to one participant id. Returns, in order of preference:
 * - the same personal token, when `deviceToken` is a valid personal token of the same link (a reload);
 * - a new personal token of this link with the SAME participant id, when `deviceToken` is a valid personal
 *   token of the same session from another link (the device switched from the observer to the participant
 *   link, say);
 * - otherwise a new personal token with a new participant id.
 * A personal token sent as `token` stands for itself (the device reloading with only its own token).
 * Null when `token` is not a valid token of `sessionId`, or the link already has `maxDevicesPerLink` devices.
 */
export function exchangeForDevice(
  grants: TokenRegistry,
  req: { sessionId: string; token: string; deviceToken?: string | undefined },
): IssuedToken | null {
  const presented = guestGrant(grants, req.sessionId, req.token)
  const device = req.deviceToken ? guestGrant(grants, req.sessionId, req.deviceToken) : null
  const step = exchangeStep(presented, device, req)
  if (step.kind === 'refuse') return null
  if (step.kind === 'keep') return step.issued
  return grants.issueDevice(step.link, step.participantId)
}

/** What the join exchange does (the rule of exchangeForDevice, for any place grants are kept). */
export type ExchangeStep =
  | { kind: 'refuse' }
  /** The token presented (or the device's own token) is the answer. */
  | { kind: 'keep'; issued: IssuedToken }
  /** A new personal token of `link`, for `participantId` (a new one when undefined). */
  | { kind: 'issue'; link: TokenGrant; participantId: string | undefined }

/**
 * The join exchange's rule, on grants already looked up: `presented` is the grant of `req.token` in
 * `req.sessionId` and `device` that of `req.deviceToken` (null when invalid or absent). See
 * exchangeForDevice; a cluster node (cluster/clusterTokens.ts) follows the same rule on PostgreSQL.
 */
export function exchangeStep(
  presented: TokenGrant | null,
  device: TokenGrant | null,
  req: { token: string; deviceToken?: string | undefined },
): ExchangeStep {
  if (!presented) return { kind: 'refuse' }
  if (presented.participantId !== undefined)
    return { kind: 'keep', issued: { ...presented, token: req.token } }
  if (device?.participantId !== undefined && req.deviceToken !== undefined) {
    if (device.linkId === presented.tokenId)
      return { kind: 'keep', issued: { ...device, token: req.deviceToken } }
    return { kind: 'issue', link: presented, participantId: device.participantId }
  }
  return { kind: 'issue', link: presented, participantId: undefined }
}

/** A new device's participant id (issueDevice). */
export function newParticipantId(): string {
  return `p${randomBytes(12).toString('base64url')}`
}

/** A new token id: a public handle, `tk_` + 72 random bits. */
export function newTokenId(): string {
  return `tk_${randomBytes(9).toString('base64url')}`
}

/** The join code alphabet: no 0/O or 1/I (shared/api/guestJoin.ts JoinCode). */
const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A fresh six-character join code (32^6 ≈ 10^9 codes, looked up under a per-address rate limit). */
export function newJoinCode(): string {
  let code = ''
  for (let i = 0; i < 6; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]
  return code
}

/** What a token grants: the facilitator capability, or one role in one session. */
export type TokenRole = 'participant' | 'observer'

export interface IssuedToken {
  /** The secret: 192 random bits, URL-safe. Only ever returned once, from `issue`. */
  readonly token: string
  /** A public handle for revocation and logs; reveals nothing about the secret. */
  readonly tokenId: string
  readonly role: TokenRole
  readonly sessionId: string
  /** Epoch ms after which the token is refused; null = until revoked (or the server stops). */
  readonly expiresAt: number | null
  /** A device's personal token: the participant it is bound to (absent on a shared link's token). */
  readonly participantId?: string
  /** A device's personal token: the tokenId of the shared link it was exchanged from; revoked with it. */
  readonly linkId?: string
}

export type TokenGrant = Omit<IssuedToken, 'token'>

/** A grant as a hosted relay keeps it on disk: the SHA-256 digest (hex) of the secret, never the secret. */
export interface StoredGrant extends TokenGrant {
  readonly digest: string
}

export interface TokenRegistryOptions {
  /** Clock in ms; Date.now by default. */
  now?: () => number
  /** Called once when a token stops being valid (revoked or expired), to close its live connections. */
  onInvalidated?: (grant: TokenGrant, why: 'revoked' | 'expired') => void
  /** Called after every issue, revocation or expiry (a hosted relay saves its tokens then). */
  onChange?: () => void
  /** Personal (device) tokens one shared link may be exchanged for; 500 by default. */
  maxDevicesPerLink?: number
}

export const DEFAULT_MAX_DEVICES_PER_LINK = 500

const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * Guest tokens (participant / observer, one session each): shared links' tokens and the personal tokens
 * devices exchanged them for (issueDevice), which die with their link. In memory; a hosted relay saves
 * `snapshot()` so its tokens survive a restart, CoproServer does not (sharing ends with the app). Secrets are stored as SHA-256 digests; lookup is by digest and the digest is
 * compared again in constant time, so neither the map nor the comparison leaks the secret.
 */
export class TokenRegistry {
  private readonly byDigest = new Map<string, TokenGrant & { digest: Buffer }>()
  private readonly byId = new Map<string, string>()
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly now: () => number

  constructor(private readonly opts: TokenRegistryOptions = {}) {
    this.now = opts.now ?? Date.now
  }

  issue(input: { role: TokenRole; sessionId: string; ttlMs?: number | null }): IssuedToken {
    const tokenId = newTokenId()
    const ttl = input.ttlMs ?? null
    if (ttl !== null && !(Number.isFinite(ttl) && ttl > 0)) throw new RangeError('ttlMs must be positive')
    const expiresAt = ttl === null ? null : this.now() + ttl
    const grant: TokenGrant = { tokenId, role: input.role, sessionId: input.sessionId, expiresAt }
    return this.add(grant, ttl)
  }

  /**
   * A personal token for one device, exchanged from the shared link `link` (see exchangeForDevice): same
   * session, role and expiry, bound to `participantId` (a new one by default). Null when the link is no
   * longer valid or already has `maxDevicesPerLink` devices.
   */
  issueDevice(link: TokenGrant, participantId?: string): IssuedToken | null {
    if (link.linkId !== undefined || !this.byId.has(link.tokenId)) return null
    const max = this.opts.maxDevicesPerLink ?? DEFAULT_MAX_DEVICES_PER_LINK
    if (this.devicesOf(link.tokenId).length >= max) return null
    const grant: TokenGrant = {
      tokenId: newTokenId(),
      role: link.role,
      sessionId: link.sessionId,
      expiresAt: link.expiresAt,
      participantId: participantId ?? newParticipantId(),
      linkId: link.tokenId,
    }
    const ttl = link.expiresAt === null ? null : Math.max(1, link.expiresAt - this.now())
    return this.add(grant, ttl)
  }

  private add(grant: TokenGrant, ttl: number | null): IssuedToken {
    const token = newToken()
    const digest = digestOf(token)
    this.byDigest.set(digest.toString('hex'), { ...grant, digest })
    this.byId.set(grant.tokenId, digest.toString('hex'))
    if (ttl !== null) this.scheduleExpiry(grant.tokenId, ttl)
    this.opts.onChange?.()
    return { ...grant, token }
  }

  /** The personal tokens exchanged from one shared link. */
  devicesOf(linkId: string): TokenGrant[] {
    return this.list().filter((g) => g.linkId === linkId)
  }

  /** Every live grant with its digest, for saving (see StoredGrant). */
  snapshot(): StoredGrant[] {
    return [...this.byDigest.entries()].map(([hex, { digest: _d, ...g }]) => {
      void _d
      return { ...g, digest: hex }
    })
  }

  /** Adds saved grants (expired ones, and personal tokens whose link is gone, are skipped); malformed digests are ignored. */
  restore(grants: readonly StoredGrant[]): void {
    const links = new Set(grants.filter((g) => g.linkId === undefined).map((g) => g.tokenId))
    for (const g of grants) {
      if (!/^[0-9a-f]{64}$/.test(g.digest) || this.byId.has(g.tokenId)) continue
      if (g.expiresAt !== null && this.now() >= g.expiresAt) continue
      if (g.linkId !== undefined && !links.has(g.linkId)) continue
      const { digest, ...grant } = g
      this.byDigest.set(digest, { ...grant, digest: Buffer.from(digest, 'hex') })
      this.byId.set(g.tokenId, digest)
      if (g.expiresAt !== null) this.scheduleExpiry(g.tokenId, g.expiresAt - this.now())
    }
  }

  /** The grant of a valid (known, unexpired) token, else null. */
  verify(token: string | null | undefined): TokenGrant | null {
    if (typeof token !== 'string' || token.length === 0 || token.length > 512) return null
    const digest = digestOf(token)
    const entry = this.byDigest.get(digest.toString('hex'))
    if (!entry || !timingSafeEqual(entry.digest, digest)) return null
    if (entry.expiresAt !== null && this.now() >= entry.expiresAt) {
      this.drop(entry.tokenId, 'expired')
      return null
    }
    const { digest: _d, ...grant } = entry
    void _d
    return grant
  }

  /** Revokes one token; false if it was unknown. */
  revoke(tokenId: string): boolean {
    return this.drop(tokenId, 'revoked')
  }

  /** Revokes every token of a session; returns their ids. */
  revokeSession(sessionId: string): string[] {
    const ids = this.list(sessionId).map((g) => g.tokenId)
    for (const id of ids) this.drop(id, 'revoked')
    return ids
  }

  list(sessionId?: string): TokenGrant[] {
    const out: TokenGrant[] = []
    for (const { digest: _d, ...g } of this.byDigest.values()) {
      void _d
      if (sessionId === undefined || g.sessionId === sessionId) out.push(g)
    }
    return out
  }

  /** Stops the expiry timers without revoking anything (a hosted relay shutting down keeps its tokens). */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear()
  }

  /** Revokes everything and stops the expiry timers. */
  clear(): void {
    for (const id of [...this.byId.keys()]) this.drop(id, 'revoked')
  }

  private scheduleExpiry(tokenId: string, ttl: number): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(tokenId)
        const hex = this.byId.get(tokenId)
        const entry = hex === undefined ? undefined : this.byDigest.get(hex)
        if (!entry) return
        if (entry.expiresAt !== null && this.now() < entry.expiresAt)
          return this.scheduleExpiry(tokenId, entry.expiresAt - this.now())
        this.drop(tokenId, 'expired')
      },
      Math.min(ttl, MAX_TIMER_MS),
    )
    timer.unref()
    this.timers.set(tokenId, timer)
  }

  private drop(tokenId: string, why: 'revoked' | 'expired'): boolean {
    const hex = this.byId.get(tokenId)
    if (hex === undefined) return false
    // a shared link's personal tokens stop working with it (their connections are closed first)
    for (const device of this.devicesOf(tokenId)) this.drop(device.tokenId, 'revoked')
    const entry = this.byDigest.get(hex)
    this.byId.delete(tokenId)
    this.byDigest.delete(hex)
    clearTimeout(this.timers.get(tokenId))
    this.timers.delete(tokenId)
    if (entry) {
      const { digest: _d, ...grant } = entry
      void _d
      this.opts.onInvalidated?.(grant, why)
    }
    this.opts.onChange?.()
    return true
  }
}

export function digestOf(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest()
}
