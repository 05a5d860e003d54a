/**
 * The audit of issue 16 item 7 (docs/security.md, "Audit 2026-12"): the static server's path handling
 * with hand-made request lines (fetch would normalise them first), and the security headers on every
 * kind of response, on the app's server and on `copro relay`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CoproServer, MemoryBackend } from '../../../src/core/node/server'
import { startHostedRelay, type HostedRelay } from '../../../src/core/node/server/hostedRelay'
import { writeRenderer } from '../../helpers/server'

const SECRET = 'the-secret-beside-the-renderer'
let base = ''
let server: CoproServer
let relay: HostedRelay
let relayDir = ''

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'copro-static-'))
  writeFileSync(path.join(base, 'secret.txt'), SECRET)
  const rendererDir = path.join(base, 'renderer')
  mkdirSync(rendererDir)
  writeRenderer(rendererDir, { 'index.html': '<!doctype html><title>Copro</title>', 'assets/app.js': '1' })
  server = await CoproServer.start({ port: 0, backend: new MemoryBackend(), rendererDir })
  relayDir = await mkdtemp(path.join(tmpdir(), 'copro-static-relay-'))
  relay = await startHostedRelay({ dataDir: relayDir, port: 0, rendererDir })
})

afterAll(async () => {
  await server.close()
  await relay.close()
  rmSync(base, { recursive: true, force: true })
  await rm(relayDir, { recursive: true, force: true })
})

/** Sends a request line exactly as written; resolves with the status and the whole response. */
function rawRequest(port: number, target: string, extra = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let text = ''
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')))
    socket.on('error', () => {})
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }))
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n${extra}\r\n`)
  })
}

const HOSTILE_PATHS = [
  '/../secret.txt',
  '/../../../../etc/passwd',
  '/assets/../../secret.txt',
  '/%2e%2e/secret.txt',
  '/%2e%2e%2fsecret.txt',
  '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
  '/%252e%252e/secret.txt', // double encoding
  '/..%5csecret.txt', // backslash, encoded
  '/..\\secret.txt', // backslash, raw
  '/%c0%ae%c0%ae/secret.txt', // overlong UTF-8 for '.'
  '/%e0%80%ae%e0%80%ae/secret.txt',
  '/%ff',
  '/%00',
  '/index.html%00.png',
  '//etc/passwd',
  `/${'a/'.repeat(4000)}x`, // very long (8 kB)
  `/${'%2e%2e/'.repeat(2000)}secret.txt`,
]

describe('static files: hostile paths never leave the renderer folder', () => {
  for (const [name, port] of [
    ['the app server', () => server.port],
    ['copro relay', () => relay.port],
  ] as const) {
    it(`${name}: traversal, odd encodings, NUL and very long paths`, async () => {
      for (const target of HOSTILE_PATHS) {
        const r = await rawRequest(port(), target)
        expect(r.text, target).not.toContain(SECRET)
        expect(r.text, target).not.toContain('root:')
        expect([400, 403, 404, 414, 431], target).toContain(r.status)
      }
      // still serving
      expect((await rawRequest(port(), '/assets/app.js')).status).toBe(200)
    })
  }

  it('a request line past Node’s header limit (16 KiB) is refused, not parsed', async () => {
    const r = await rawRequest(server.port, `/${'a'.repeat(20_000)}`)
    expect([0, 431]).toContain(r.status) // 431, or the socket destroyed by clientError
    expect(r.text).not.toContain(SECRET)
  })
})

describe('security headers on every kind of response', () => {
  const HEADERS = ['x-content-type-options: nosniff', "frame-ancestors 'none'", 'x-frame-options: deny']

  it('the app server: page, asset, 400, 401, 403, 404 and 421', async () => {
    const port = server.port
    const cases: [string, string][] = [
      ['/', ''],
      ['/assets/app.js', ''],
      ['/missing', ''],
      ['/%ff', ''],
      ['/../secret.txt', ''],
      ['/api/health', 'Origin: https://evil.example\r\n'],
      ['/api/call/sessions.list', ''],
      ['/api/assets/s_abcdefgh/x.png', ''],
    ]
    for (const [target, extra] of cases) {
      const r = await rawRequest(port, target, extra)
      for (const h of HEADERS) expect(r.text.toLowerCase(), `${target}: ${h}`).toContain(h)
    }
    const rebound = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      let text = ''
      socket.on('data', (d: Buffer) => (text += d.toString()))
      socket.on('close', () => resolve(text))
      socket.write('GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n')
    })
    expect(rebound).toMatch(/^HTTP\/1\.1 421/)
    for (const h of HEADERS) expect(rebound.toLowerCase()).toContain(h)
  })

  it('copro relay: page, health, admin refusal, 404', async () => {
    for (const target of ['/', '/health', '/admin/sessions', '/api/nothing', '/missing']) {
      const r = await rawRequest(relay.port, target)
      for (const h of HEADERS) expect(r.text.toLowerCase(), `${target}: ${h}`).toContain(h)
    }
  })
})
