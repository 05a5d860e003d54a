import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { WebSocket, type ClientOptions } from 'ws'
import { MemoryPersistence } from '../../../src/core/node/relay'
import { startStandaloneRelay } from '../../helpers/standaloneRelay'
import { waitFor } from '../../helpers/wait'
import { stockProvider } from '../../helpers/yclient'
import { FACILITATOR_TOKEN, SESSION, startTestRelay, testAuthorize } from './helpers'

let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copro-relay-tls-'))
})
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('startStandaloneRelay', () => {
  it('answers plain requests and refuses upgrades outside /sync/', async () => {
    const relay = await startTestRelay()
    try {
      const http = relay.url.replace(/^ws/, 'http').replace(/\/sync$/, '')
      const ok = await fetch(`${http}/health`)
      expect(ok.status).toBe(200)
      expect(await ok.text()).toContain('/sync/')
      expect((await fetch(`${http}/elsewhere`)).status).toBe(404)
      const ws = new WebSocket(`${http.replace(/^http/, 'ws')}/elsewhere/${SESSION}`)
      const err = await new Promise<Error>((resolve) => ws.on('error', resolve))
      expect(err.message).toContain('404')
    } finally {
      await relay.close()
    }
  })

  it('serves wss:// with a certificate; a stock client syncs over TLS', async () => {
    const key = path.join(dir, 'key.pem')
    const cert = path.join(dir, 'cert.pem')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    )
    const pem = { cert: fs.readFileSync(cert), key: fs.readFileSync(key) }
    const persistence = new MemoryPersistence()
    persistence.create(SESSION)
    const relay = await startStandaloneRelay({ port: 0, persistence, authorize: testAuthorize, tls: pem })
    // The provider constructs `new WebSocketPolyfill(url, protocols)`; trust our test CA through a subclass.
    class TrustingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { ca: pem.cert } satisfies ClientOptions)
      }
    }
    const docs = [new Y.Doc(), new Y.Doc()]
    const providers = docs.map((doc) =>
      stockProvider(relay.url, SESSION, doc, { token: FACILITATOR_TOKEN, ws: TrustingWebSocket }),
    )
    try {
      expect(relay.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/sync$/)
      await waitFor(() => providers.every((p) => p.synced), 'both synced over TLS')
      docs[0]?.getMap('cards').set('tls', 'yes')
      await waitFor(() => docs[1]?.getMap('cards').get('tls') === 'yes', 'card over TLS')
    } finally {
      for (const p of providers) p.destroy()
      await relay.close()
    }
  })

  it('refuses to start on a port that is taken', async () => {
    const a = await startTestRelay()
    try {
      await expect(
        startStandaloneRelay({
          port: a.port,
          persistence: new MemoryPersistence(),
          authorize: testAuthorize,
        }),
      ).rejects.toThrow(/EADDRINUSE/)
    } finally {
      await a.close()
    }
  })
})
