import { describe, expect, it } from 'vitest'
import { needsAllowing, remembered } from '../../../src/renderer/features/share/remoteRelay'
import { isRelayOrigin, MAX_RELAYS } from '../../../src/shared/model/relayOrigin'

describe('the hosted relays the facilitator page may reach', () => {
  it('a relay on this computer needs nothing; a hosted one must be in the settings first', () => {
    expect(needsAllowing('http://127.0.0.1:4455', [])).toBe(false)
    expect(needsAllowing('http://localhost:4455', [])).toBe(false)
    expect(needsAllowing('https://relay.example.org', [])).toBe(true)
    expect(needsAllowing('https://relay.example.org', ['https://relay.example.org'])).toBe(false)
  })

  it('remembers the most recent first, once, and at most MAX_RELAYS', () => {
    expect(remembered('https://b.org', ['https://a.org', 'https://b.org'])).toEqual([
      'https://b.org',
      'https://a.org',
    ])
    const many = Array.from({ length: MAX_RELAYS }, (_, i) => `https://r${i}.org`)
    const r = remembered('https://new.org', many)
    expect(r).toHaveLength(MAX_RELAYS)
    expect(r[0]).toBe('https://new.org')
  })

  it('a relay address is an https origin, or http on this computer: nothing else gets into the CSP', () => {
    expect(isRelayOrigin('https://relay.example.org')).toBe(true)
    expect(isRelayOrigin('https://relay.example.org:8443')).toBe(true)
    expect(isRelayOrigin('http://127.0.0.1:4455')).toBe(true)
    for (const bad of [
      'http://relay.example.org',
      'https://relay.example.org/',
      'https:',
      'wss://x.org',
      "https://a.org 'self'",
      'javascript:alert(1)',
    ])
      expect(isRelayOrigin(bad), bad).toBe(false)
  })
})
