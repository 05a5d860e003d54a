import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { crossSiteRefusal, isAllowedHost, isAppOrigin } from '../../../src/core/node/server/requestOrigin'

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage

describe('requestOrigin: Host (DNS rebinding)', () => {
  it('takes IP literals, localhost and the bound name; refuses any other name', () => {
    for (const host of [
      '127.0.0.1:4455',
      '192.168.1.20:80',
      '[::1]:4455',
      '[fe80::1]',
      'localhost:1',
      'a.localhost',
    ])
      expect(isAllowedHost(host, '127.0.0.1'), host).toBe(true)
    for (const host of [
      'evil.example',
      'evil.example:4455',
      'localhost.evil.example',
      '127.0.0.1.evil.example',
      'localhost.',
      '',
      'a b',
      'x@127.0.0.1',
    ])
      expect(isAllowedHost(host, '127.0.0.1'), host).toBe(false)
    expect(isAllowedHost(undefined, '127.0.0.1')).toBe(false)
    expect(isAllowedHost('laptop.local:8080', 'laptop.local')).toBe(true)
    expect(isAllowedHost('laptop.local:8080', '0.0.0.0')).toBe(false)
  })
})

describe('requestOrigin: Origin', () => {
  it('lets the app in — no Origin, its own, file://, null, a page on this computer — and no other website', () => {
    const host = { host: '127.0.0.1:4455' }
    for (const origin of [
      undefined,
      'http://127.0.0.1:4455',
      'file://',
      'null',
      'http://localhost:5173',
      'http://[::1]:3000',
    ])
      expect(isAppOrigin(req(origin === undefined ? host : { ...host, origin })), String(origin)).toBe(true)
    for (const origin of [
      'https://evil.example',
      'http://127.0.0.1.evil.example',
      'http://localhost.evil.example',
      'chrome-extension://abc',
      'not a url',
    ])
      expect(isAppOrigin(req({ ...host, origin })), origin).toBe(false)
  })

  it('a state-changing call must be JSON from the app', () => {
    const ok = { host: '127.0.0.1:1', 'content-type': 'application/json; charset=utf-8' }
    expect(crossSiteRefusal(req(ok))).toBeNull()
    expect(crossSiteRefusal(req({ ...ok, origin: 'https://evil.example' }))?.status).toBe(403)
    expect(crossSiteRefusal(req({ ...ok, 'content-type': 'text/plain' }))?.status).toBe(415)
    expect(crossSiteRefusal(req({ ...ok, 'content-type': 'application/jsonx' }))?.status).toBe(415)
  })
})
