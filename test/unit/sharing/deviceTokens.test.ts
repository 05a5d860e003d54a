import { describe, expect, it } from 'vitest'
import { JoinCode } from '../../../src/shared/api/guestJoin'
import { CLOSE_CODES, connectionBudgetRefusal, resolveLimits } from '../../../src/core/node/relay'
import { IpRateLimit } from '../../../src/core/node/server/ipRateLimit'
import {
  authorizeToken,
  exchangeForDevice,
  newJoinCode,
  TokenRegistry,
  type TokenGrant,
} from '../../../src/core/node/server/tokens'

describe('personal (device) tokens', () => {
  it('are bound to a participant, carry it to the relay, and die with their link', () => {
    const invalidated: [string, string][] = []
    const reg = new TokenRegistry({ onInvalidated: (g, why) => invalidated.push([g.tokenId, why]) })
    const link = reg.issue({ role: 'participant', sessionId: 'session-a' })
    const other = reg.issue({ role: 'observer', sessionId: 'session-a' })
    const a = exchangeForDevice(reg, { sessionId: 'session-a', token: link.token })!
    expect(a.participantId).toMatch(/^p[A-Za-z0-9_-]{16}$/)
    expect(a.linkId).toBe(link.tokenId)
    const authority = { ownerToken: 'owner-secret', ownerTokenId: 'facilitator', grants: reg }
    expect(authorizeToken(authority, 'session-a', a.token)).toEqual({
      sessionRole: 'participant',
      tokenId: a.tokenId,
      participantId: a.participantId,
      linkId: link.tokenId,
    })
    expect(authorizeToken(authority, 'session-b', a.token)).toBeNull()
    // a shared link's own token carries no participant
    expect(authorizeToken(authority, 'session-a', link.token)).toEqual({
      sessionRole: 'participant',
      tokenId: link.tokenId,
    })
    const o = exchangeForDevice(reg, { sessionId: 'session-a', token: other.token })!
    reg.revoke(link.tokenId)
    expect(reg.verify(a.token)).toBeNull()
    expect(reg.verify(o.token)).not.toBeNull()
    expect(invalidated).toEqual([
      [a.tokenId, 'revoked'],
      [link.tokenId, 'revoked'],
    ])
    expect(exchangeForDevice(reg, { sessionId: 'session-a', token: link.token })).toBeNull()
  })

  it('a link gives at most maxDevicesPerLink devices', () => {
    const reg = new TokenRegistry({ maxDevicesPerLink: 2 })
    const link = reg.issue({ role: 'observer', sessionId: 'session-a' })
    const first = exchangeForDevice(reg, { sessionId: 'session-a', token: link.token })!
    expect(exchangeForDevice(reg, { sessionId: 'session-a', token: link.token })).not.toBeNull()
    expect(exchangeForDevice(reg, { sessionId: 'session-a', token: link.token })).toBeNull()
    // a known device still rejoins
    expect(
      exchangeForDevice(reg, { sessionId: 'session-a', token: link.token, deviceToken: first.token })?.token,
    ).toBe(first.token)
  })

  it('expire with their link', () => {
    let now = 1_000
    const reg = new TokenRegistry({ now: () => now })
    const link = reg.issue({ role: 'participant', sessionId: 'session-a', ttlMs: 60_000 })
    now += 30_000
    const a = exchangeForDevice(reg, { sessionId: 'session-a', token: link.token })!
    expect(a.expiresAt).toBe(link.expiresAt)
    now += 30_000
    expect(reg.verify(a.token)).toBeNull()
  })

  it('survive a snapshot and restore (the hosted relay) only while their link does', () => {
    const reg = new TokenRegistry()
    const link = reg.issue({ role: 'participant', sessionId: 'session-a' })
    const a = exchangeForDevice(reg, { sessionId: 'session-a', token: link.token })!
    const saved = reg.snapshot()
    const back = new TokenRegistry()
    back.restore(saved)
    expect(back.verify(a.token)).toMatchObject({ participantId: a.participantId, linkId: link.tokenId })
    const orphaned = new TokenRegistry()
    orphaned.restore(saved.filter((g) => g.tokenId !== link.tokenId))
    expect(orphaned.verify(a.token)).toBeNull()
  })
})

describe('join codes', () => {
  it('are six characters of the JoinCode alphabet; typed codes are normalised', () => {
    for (let i = 0; i < 200; i++) expect(JoinCode.safeParse(newJoinCode()).success).toBe(true)
    expect(JoinCode.parse(' abc-23x ')).toBe('ABC23X')
    expect(JoinCode.safeParse('ABC10O').success).toBe(false)
  })
})

describe('IpRateLimit', () => {
  it('allows perMinute requests per address, refills over time, and forgets the stalest address when full', () => {
    let now = 0
    const limit = new IpRateLimit(3, () => now, 2)
    expect([1, 2, 3, 4].map(() => limit.take('a'))).toEqual([true, true, true, false])
    expect(limit.take('b')).toBe(true)
    now += 20_000 // a third of a minute: one more
    expect([limit.take('a'), limit.take('a')]).toEqual([true, false])
    limit.take('c') // full: 'b' (stalest) is forgotten, 'a' kept
    expect(limit.take('a')).toBe(false)
  })
})

describe('connectionBudgetRefusal', () => {
  const limits = resolveLimits({
    maxConnectionsPerSession: 4,
    maxConnectionsPerToken: 3,
    maxConnectionsPerDevice: 2,
    participantReserve: 1,
    facilitatorReserve: 1,
  })
  type Auth = Pick<TokenGrant, 'tokenId' | 'participantId' | 'linkId'> & { sessionRole: string }
  const set = (...auths: Auth[]) => new Set(auths.map((auth) => ({ auth })))
  const dev = (id: string, link = 'obs', role = 'observer'): Auth => ({
    sessionRole: role,
    tokenId: `tk-${id}`,
    participantId: id,
    linkId: link,
  })

  it('counts a link’s devices against the link, and each device on its own', () => {
    expect(connectionBudgetRefusal(limits, set(dev('a'), dev('a')), dev('a'))).toBe(CLOSE_CODES.DEVICE_FULL)
    expect(connectionBudgetRefusal(limits, set(dev('a'), dev('a')), dev('b'))).toBeNull()
    expect(connectionBudgetRefusal(limits, set(dev('a'), dev('a'), dev('b')), dev('c'))).toBe(
      CLOSE_CODES.TOKEN_FULL,
    )
    const bare = { sessionRole: 'observer', tokenId: 'obs' }
    expect(connectionBudgetRefusal(limits, set(dev('a'), dev('a'), dev('b')), bare)).toBe(
      CLOSE_CODES.TOKEN_FULL,
    )
  })

  it('keeps a reserve for participants’ devices and the facilitator, not for bare links or observers', () => {
    const full = set(dev('a'), dev('b'), dev('c', 'p'), dev('d', 'p'))
    expect(connectionBudgetRefusal(limits, full, { sessionRole: 'participant', tokenId: 'p' })).toBe(
      CLOSE_CODES.SESSION_FULL,
    )
    expect(connectionBudgetRefusal(limits, full, dev('e', 'obs2'))).toBe(CLOSE_CODES.SESSION_FULL)
    expect(connectionBudgetRefusal(limits, full, dev('e', 'p', 'participant'))).toBeNull()
    expect(connectionBudgetRefusal(limits, full, { sessionRole: 'facilitator', tokenId: 'f' })).toBeNull()
  })
})
