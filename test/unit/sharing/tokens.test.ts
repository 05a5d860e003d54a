import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  TokenRegistry,
  authorizeToken,
  bearerToken,
  newToken,
  sameToken,
  tokenFrom,
  type TokenGrant,
} from '../../../src/core/node/server/tokens'

describe('TokenRegistry', () => {
  it('issues ≥128-bit URL-safe secrets with a separate public tokenId', () => {
    const reg = new TokenRegistry()
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const t = reg.issue({ role: i % 2 ? 'participant' : 'observer', sessionId: 'session-a' })
      expect(t.token).toMatch(/^[A-Za-z0-9_-]{32}$/) // 24 bytes = 192 bits
      expect(t.tokenId).toMatch(/^tk_[A-Za-z0-9_-]{12}$/)
      expect(t.tokenId).not.toContain(t.token)
      expect(seen.has(t.token)).toBe(false)
      seen.add(t.token)
    }
  })

  it('verifies a token to its grant, and refuses unknown, altered and hostile strings', () => {
    const reg = new TokenRegistry()
    const t = reg.issue({ role: 'participant', sessionId: 'session-a' })
    expect(reg.verify(t.token)).toEqual({
      tokenId: t.tokenId,
      role: 'participant',
      sessionId: 'session-a',
      expiresAt: null,
    })
    const flipped = (t.token[0] === 'A' ? 'B' : 'A') + t.token.slice(1)
    for (const bad of [
      flipped,
      t.token + 'x',
      t.token.slice(1),
      t.tokenId,
      '',
      null,
      undefined,
      'x'.repeat(10_000),
    ])
      expect(reg.verify(bad)).toBeNull()
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (s) => {
        if (s !== t.token) expect(reg.verify(s)).toBeNull()
      }),
    )
  })

  it('revokes one token or a whole session and reports each once', () => {
    const invalidated: [TokenGrant, string][] = []
    const reg = new TokenRegistry({ onInvalidated: (g, why) => invalidated.push([g, why]) })
    const a1 = reg.issue({ role: 'participant', sessionId: 'session-a' })
    const a2 = reg.issue({ role: 'observer', sessionId: 'session-a' })
    const b1 = reg.issue({ role: 'participant', sessionId: 'session-b' })
    expect(reg.revoke(a1.tokenId)).toBe(true)
    expect(reg.revoke(a1.tokenId)).toBe(false)
    expect(reg.verify(a1.token)).toBeNull()
    expect(reg.verify(a2.token)).not.toBeNull()
    expect(reg.revokeSession('session-a')).toEqual([a2.tokenId])
    expect(reg.verify(a2.token)).toBeNull()
    expect(reg.verify(b1.token)?.sessionId).toBe('session-b')
    expect(invalidated.map(([g, why]) => [g.tokenId, why])).toEqual([
      [a1.tokenId, 'revoked'],
      [a2.tokenId, 'revoked'],
    ])
  })

  it('refuses a token once its expiry has passed (injected clock) and reports it expired', () => {
    let now = 1_000_000
    const invalidated: string[] = []
    const reg = new TokenRegistry({
      now: () => now,
      onInvalidated: (g, why) => invalidated.push(`${g.tokenId}:${why}`),
    })
    const t = reg.issue({ role: 'observer', sessionId: 'session-a', ttlMs: 60_000 })
    expect(t.expiresAt).toBe(1_060_000)
    now = 1_059_999
    expect(reg.verify(t.token)).not.toBeNull()
    now = 1_060_000
    expect(reg.verify(t.token)).toBeNull()
    expect(invalidated).toEqual([`${t.tokenId}:expired`])
    expect(reg.list()).toEqual([])
    expect(() => reg.issue({ role: 'observer', sessionId: 's', ttlMs: 0 })).toThrow(RangeError)
    reg.clear()
  })

  it('expires live: the timer reports an expired token without anyone asking', async () => {
    const expired: string[] = []
    const reg = new TokenRegistry({ onInvalidated: (g, why) => why === 'expired' && expired.push(g.tokenId) })
    const t = reg.issue({ role: 'participant', sessionId: 'session-a', ttlMs: 30 })
    const keep = reg.issue({ role: 'participant', sessionId: 'session-a' })
    for (let i = 0; i < 500 && expired.length === 0; i++) await new Promise((r) => setTimeout(r, 10))
    expect(expired).toEqual([t.tokenId])
    expect(reg.list().map((g) => g.tokenId)).toEqual([keep.tokenId])
    reg.clear()
  })
})

describe('sameToken', () => {
  it('compares in constant time by digest, any length', () => {
    const t = newToken()
    expect(sameToken(t, t)).toBe(true)
    expect(sameToken(t.slice(0, -1), t)).toBe(false)
    expect(sameToken(null, t)).toBe(false)
    expect(sameToken('', t)).toBe(false)
    expect(sameToken('y'.repeat(100_000), t)).toBe(false)
  })
})

describe('the one authorize rule (authorizeToken)', () => {
  const grants = new TokenRegistry()
  const owner = 'owner-token-0123456789abcdef'
  const authority = { ownerToken: owner, ownerTokenId: 'facilitator', grants }
  const guest = grants.issue({ role: 'observer', sessionId: 'session-a' })

  it('makes the owner a facilitator of any session and a guest its role in its own session only', () => {
    expect(authorizeToken(authority, 'session-z', owner)).toEqual({
      sessionRole: 'facilitator',
      tokenId: 'facilitator',
    })
    expect(authorizeToken(authority, 'session-a', guest.token)).toEqual({
      sessionRole: 'observer',
      tokenId: guest.tokenId,
    })
    expect(authorizeToken(authority, 'session-b', guest.token)).toBeNull()
    expect(authorizeToken(authority, 'session-a', null)).toBeNull()
    expect(authorizeToken(authority, 'session-a', `${owner}x`)).toBeNull()
  })

  it('reads tokens from a bearer header first, then the query; admin reads the header only', () => {
    const url = new URL('http://h/api/x?token=from-query')
    expect(tokenFrom({ authorization: 'Bearer from-header ' }, url)).toBe('from-header')
    expect(tokenFrom({}, url)).toBe('from-query')
    expect(bearerToken({})).toBeNull()
    expect(bearerToken({ authorization: 'Basic abc' })).toBeNull()
    expect(bearerToken({ authorization: 'Bearer abc' })).toBe('abc')
  })
})
