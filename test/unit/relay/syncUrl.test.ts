import { describe, expect, it } from 'vitest'
import { parseSyncUrl } from '../../../src/core/node/relay/syncUrl'
import { RelayAuthResult } from '../../../src/core/node/relay/options'
import { CLOSE_CODES, isPermanentCloseCode, closeReasonFor } from '../../../src/core/node/relay/closeCodes'

describe('relay url parsing', () => {
  it('reads the session id and token', () => {
    expect(parseSyncUrl('/sync/session-1?token=abc')).toEqual({
      ok: true,
      sessionId: 'session-1',
      token: 'abc',
      acks: false,
    })
    const bare = { ok: true, sessionId: 'session-1', token: null, acks: false }
    expect(parseSyncUrl('/sync/session-1')).toEqual(bare)
    expect(parseSyncUrl('/sync/session-1?token=')).toEqual(bare)
    // durability acknowledgements only for a client that asks (shared/api/durability.ts)
    expect(parseSyncUrl('/sync/session-1?token=abc&acks=1')).toMatchObject({ acks: true })
    expect(parseSyncUrl('/sync/session-1?token=abc&acks=yes')).toMatchObject({ acks: false })
    expect(parseSyncUrl('/sync/session-1?token=a%20b&x=1')).toMatchObject({ token: 'a b' })
  })

  it('refuses what is not a session path', () => {
    expect(parseSyncUrl(undefined)).toEqual({ ok: false, reason: 'bad-path' })
    expect(parseSyncUrl('/other/session-1')).toEqual({ ok: false, reason: 'bad-path' })
    for (const p of ['/sync/', '/sync/a', '/sync/session-1/extra', '/sync/sess%2Fion', '/sync/sess.ion1']) {
      expect(parseSyncUrl(p), p).toEqual({ ok: false, reason: 'bad-session-id' })
    }
    expect(parseSyncUrl('/sync/session-1?token=a&token=b')).toEqual({ ok: false, reason: 'bad-token' })
    expect(parseSyncUrl(`/sync/session-1?token=${'x'.repeat(513)}`)).toEqual({
      ok: false,
      reason: 'bad-token',
    })
  })

  it('validates what authorize returns', () => {
    expect(RelayAuthResult.safeParse({ sessionRole: 'observer', tokenId: 't' }).success).toBe(true)
    expect(RelayAuthResult.safeParse({ sessionRole: 'owner', tokenId: 't' }).success).toBe(false)
    expect(RelayAuthResult.safeParse({ sessionRole: 'participant', tokenId: '' }).success).toBe(false)
  })
})

describe('relay close codes', () => {
  it('refusals are permanent for y-websocket 3, load conditions are not', () => {
    for (const c of [
      'TOKEN_MISSING',
      'TOKEN_REFUSED',
      'UNKNOWN_SESSION',
      'MALFORMED_MESSAGE',
      'TOKEN_REVOKED',
      'SESSION_CLOSED',
    ] as const) {
      expect(isPermanentCloseCode(CLOSE_CODES[c]), c).toBe(true)
    }
    for (const c of [
      'PROTOCOL_ERROR',
      'INVALID_PAYLOAD',
      'ADMISSION_TIMEOUT',
      'RATE_LIMITED',
      'SESSION_FULL',
      'MESSAGE_TOO_BIG',
      'GOING_AWAY',
      'INTERNAL_ERROR',
      'SLOW_CONSUMER',
    ] as const) {
      expect(isPermanentCloseCode(CLOSE_CODES[c]), c).toBe(false)
    }
  })

  it('codes are distinct and reasons fit a close frame', () => {
    const codes = Object.values(CLOSE_CODES)
    expect(new Set(codes).size).toBe(codes.length)
    for (const c of codes) expect(new TextEncoder().encode(closeReasonFor(c)).length).toBeLessThanOrEqual(123)
  })
})
