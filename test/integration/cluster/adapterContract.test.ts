import { readFileSync } from 'node:fs'
import { AuthMessageType } from '@hocuspocus/common'
import { MessageType } from '@hocuspocus/server'
import { describe, expect, it } from 'vitest'
import { HP, HP_AUTH } from '../../../src/core/node/cluster/hocuspocusWire'

/** The adapter speaks Hocuspocus's internal wire protocol: pin it to the installed version. */
describe('Hocuspocus adapter contract', () => {
  it('runs against the pinned @hocuspocus/server and extension-redis 4.7.0', () => {
    for (const p of ['server', 'extension-redis', 'common']) {
      const pkg = JSON.parse(readFileSync(`node_modules/@hocuspocus/${p}/package.json`, 'utf8')) as {
        version: string
      }
      expect(pkg.version, p).toBe('4.7.0')
    }
  })
  it('uses the message and auth types of that version', () => {
    for (const [name, value] of Object.entries(HP)) {
      const key = name === 'Close' ? 'CLOSE' : name
      expect((MessageType as unknown as Record<string, number>)[key], name).toBe(value)
    }
    expect(AuthMessageType.Token).toBe(HP_AUTH.Token)
    expect(AuthMessageType.PermissionDenied).toBe(HP_AUTH.PermissionDenied)
    expect(AuthMessageType.Authenticated).toBe(HP_AUTH.Authenticated)
  })
})
