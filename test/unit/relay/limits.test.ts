import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS, RateLimiter, resolveLimits } from '../../../src/core/node/relay/limits'

describe('relay limits', () => {
  it('fills defaults and validates overrides', () => {
    expect(resolveLimits(undefined)).toEqual(DEFAULT_LIMITS)
    expect(resolveLimits({ maxConnectionsPerSession: 5 }).maxConnectionsPerSession).toBe(5)
    expect(resolveLimits({ maxConnectionsPerSession: undefined })).toEqual(DEFAULT_LIMITS)
    expect(() => resolveLimits({ maxMessageBytes: 10 })).toThrow(/maxMessageBytes/)
    expect(() => resolveLimits({ maxMessagesPerSecond: -1 })).toThrow(/maxMessagesPerSecond/)
    expect(() => resolveLimits({ maxConnectionsPerSession: 1.5 })).toThrow()
  })

  it('RateLimiter allows a second’s worth at once, then refills continuously', () => {
    let t = 0
    const r = new RateLimiter(10, () => t)
    for (let i = 0; i < 10; i++) expect(r.take()).toBe(true)
    expect(r.take()).toBe(false)
    t += 100 // one token back
    expect(r.take()).toBe(true)
    expect(r.take()).toBe(false)
    t += 60_000 // never more than the bucket holds
    for (let i = 0; i < 10; i++) expect(r.take()).toBe(true)
    expect(r.take()).toBe(false)
  })

  it('RateLimiter ignores a clock that goes backwards', () => {
    let t = 1000
    const r = new RateLimiter(2, () => t)
    expect(r.take()).toBe(true)
    expect(r.take()).toBe(true)
    t = 0
    expect(r.take()).toBe(false)
  })
})
