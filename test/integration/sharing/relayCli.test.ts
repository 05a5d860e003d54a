import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cardTexts, postCard } from '../../helpers/guestCards'
import { WebSocket, type ClientOptions } from 'ws'
import { CLOSE_CODES } from '../../../src/core/node/relay'
import { closeOf, stockClient, waitFor, type Guest } from './helpers'

const hasOpenssl = spawnSync('which', ['openssl']).status === 0
if (!hasOpenssl)
  console.warn('relayCli.test: skipped — `openssl` is not installed, so no certificate can be made')

const dir = mkdtempSync(join(tmpdir(), 'copro-relay-cli-'))
const dataDir = join(dir, 'data')
const certFile = join(dir, 'cert.pem')
const keyFile = join(dir, 'key.pem')
const children: ChildProcess[] = []
const clients: Guest[] = []
let ca: Buffer

afterAll(() => {
  for (const c of clients) c.destroy()
  for (const c of children) c.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

/** ws with the test CA trusted: real certificate and host-name verification, no NODE_TLS_REJECT_UNAUTHORIZED. */
function trusting(caCert: Buffer): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[], opts?: ClientOptions) {
      super(url, protocols, { ...opts, ca: caCert })
    }
  } as typeof WebSocket
}

function startRelay(extra: string[], env: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/index.ts', 'relay', '--port', '0', '--data-dir', dataDir, ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  )
  children.push(child)
  let out = ''
  let err = ''
  child.stdout!.on('data', (d) => (out += String(d)))
  child.stderr!.on('data', (d) => (err += String(d)))
  const ready = new Promise<{ url: string; adminToken: string | null; out: string }>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /running at (\S+)/.exec(out)
      if (m && /Health: /.test(out)) {
        const t = /Admin token \(keep it secret\): (\S+)/.exec(out)
        resolve({ url: m[1]!, adminToken: t ? t[1]! : null, out })
      }
    })
    child.on('exit', (code) => reject(new Error(`relay exited ${code}: ${err}`)))
  })
  ready.catch(() => {})
  const exited = new Promise<{ code: number | null; err: string }>((r) =>
    child.on('exit', (code) => r({ code, err })),
  )
  return { child, ready, exited }
}

/** An HTTPS request that trusts only the test CA. */
function httpsJson(
  url: string,
  opts: { method?: string; token?: string; body?: unknown; ca?: Buffer },
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: opts.method ?? 'GET',
        ca: opts.ca ?? ca,
        headers: {
          'content-type': 'application/json',
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        },
      },
      (res) => {
        let text = ''
        res.on('data', (d) => (text += String(d)))
        res.on('end', () => {
          let body: unknown = text
          try {
            body = JSON.parse(text)
          } catch {
            /* plain text */
          }
          resolve({ status: res.statusCode ?? 0, body })
        })
      },
    )
    req.on('error', reject)
    if (opts.body !== undefined) req.write(JSON.stringify(opts.body))
    req.end()
  })
}

describe.skipIf(!hasOpenssl)('copro relay with a self-signed certificate (real CLI, real wss)', () => {
  it(
    'serves wss to stock y-websocket clients: publish, mint, join, observe, revoke, restart',
    { timeout: 120_000 },
    async () => {
      execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', keyFile, '-out', certFile,
    ], { stdio: 'ignore' }) // prettier-ignore
      ca = readFileSync(certFile)
      const WS = trusting(ca)

      const first = startRelay(['--tls-cert', certFile, '--tls-key', keyFile])
      const { url, adminToken } = await first.ready
      expect(url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/sync$/)
      expect(adminToken).toMatch(/^[A-Za-z0-9_-]{32}$/)
      const origin = url.replace('wss://', 'https://').replace(/\/sync$/, '')

      // It really is TLS: a client that does not trust the certificate cannot connect.
      expect(await closeOf(`${url}/remote-session-1?token=${adminToken}`)).toEqual({
        error: expect.stringMatching(/self[- ]signed/i),
      })
      await expect(fetch(`${origin}/health`)).rejects.toThrow()
      expect((await httpsJson(`${origin}/health`, {})).status).toBe(200)

      // Minting for a session that nobody published yet is refused.
      const early = await httpsJson(`${origin}/admin/tokens`, {
        method: 'POST',
        token: adminToken!,
        body: { sessionId: 'remote-session-1', role: 'participant' },
      })
      expect(early.status).toBe(404)

      // The facilitator's app publishes by connecting with the admin token; the session is created.
      const fac = stockClient(url, 'remote-session-1', adminToken, { ws: WS })
      clients.push(fac)
      await waitFor(() => fac.provider.synced, 'admin synced')
      fac.doc.getMap('cards').set('welcome', 'hello from the hall')
      expect(
        (
          await httpsJson(`${origin}/admin/sessions`, {
            method: 'POST',
            token: adminToken!,
            body: { sessionId: 'remote-session-1', title: 'Remote repairs workshop' },
          })
        ).body,
      ).toEqual({ sessionId: 'remote-session-1', title: 'Remote repairs workshop' })

      const mint = async (role: string, token = adminToken!, sessionId = 'remote-session-1') =>
        httpsJson(`${origin}/admin/tokens`, { method: 'POST', token, body: { sessionId, role } })
      expect((await mint('participant', 'wrong-admin-token-0123456789')).status).toBe(401)
      expect((await mint('facilitator')).status).toBe(400)
      const p = await mint('participant')
      const o = await mint('observer')
      expect(p.status).toBe(200)
      expect(p.body).toMatchObject({ sessionId: 'remote-session-1', role: 'participant', expiresAt: null })
      expect(p.body.token).toMatch(/^[A-Za-z0-9_-]{32}$/)
      expect((await httpsJson(`${origin}/api/guest/session?token=${p.body.token}`, {})).body).toEqual({
        sessionId: 'remote-session-1',
        title: 'Remote repairs workshop',
        role: 'participant',
      })
      expect((await httpsJson(`${origin}/admin/sessions`, { token: p.body.token })).status).toBe(401)

      // A remote participant joins over wss and writes; an observer reads but cannot write.
      const guest = stockClient(url, 'remote-session-1', p.body.token, { ws: WS })
      const observer = stockClient(url, 'remote-session-1', o.body.token, { ws: WS })
      clients.push(guest, observer)
      await waitFor(() => guest.doc.getMap('cards').get('welcome') === 'hello from the hall', 'guest reads')
      postCard(guest.doc, 'home-guest', 'from-home', 'an idea from home')
      observer.doc.getMap('cards').set('observer', 'dropped')
      await waitFor(() => cardTexts(fac.doc).get('from-home') === 'an idea from home', 'admin sees guest')
      await waitFor(() => cardTexts(observer.doc).get('from-home') === 'an idea from home', 'observer reads')

      // Guest tokens reach only their session; a guest cannot publish a new one.
      const elsewhere = stockClient(url, 'remote-session-2', p.body.token, { ws: WS })
      clients.push(elsewhere)
      await waitFor(() => elsewhere.closed !== null, 'other session refused')
      expect(elsewhere.closed).toEqual({ code: CLOSE_CODES.TOKEN_REFUSED })

      // Revoking a token closes its live connection.
      const revoked = await httpsJson(`${origin}/admin/tokens/${o.body.tokenId}`, {
        method: 'DELETE',
        token: adminToken!,
      })
      expect(revoked.body).toEqual({ revoked: 1 })
      await waitFor(() => observer.closed !== null, 'observer closed')
      expect(observer.closed).toEqual({ code: CLOSE_CODES.TOKEN_REVOKED })

      // Restart on the same data folder with the admin token given: content and minted tokens survive.
      for (const c of clients.splice(0)) c.destroy()
      first.child.kill('SIGTERM')
      expect((await first.exited).code).toBe(0)
      const second = startRelay(['--tls-cert', certFile, '--tls-key', keyFile], {
        COPRO_RELAY_TOKEN: adminToken!,
      })
      const again = await second.ready
      expect(again.adminToken).toBeNull() // not printed when given
      const back = stockClient(again.url, 'remote-session-1', p.body.token, { ws: WS })
      clients.push(back)
      await waitFor(() => back.provider.synced, 'guest back after restart')
      expect(back.doc.getMap('cards').toJSON()).toEqual({ welcome: 'hello from the hall' })
      expect(cardTexts(back.doc).get('from-home')).toBe('an idea from home')
      const gone = stockClient(again.url, 'remote-session-1', o.body.token, { ws: WS })
      clients.push(gone)
      await waitFor(() => gone.closed !== null, 'revoked token stays revoked')
      expect(gone.closed).toEqual({ code: CLOSE_CODES.TOKEN_REFUSED })
      const relayJson = readFileSync(join(dataDir, 'relay.json'), 'utf8')
      expect(relayJson).not.toContain(p.body.token) // digests only, never secrets
      expect(relayJson).not.toContain(adminToken!)
      second.child.kill('SIGTERM')
      expect((await second.exited).code).toBe(0)
    },
  )

  it('refuses bad options with a usage message', { timeout: 120_000 }, async () => {
    const bad = [
      ['--port', '99999'],
      ['--tls-cert', certFile],
      ['--token', 'short'],
      ['--token', 'has spaces in it which are not allowed'],
    ]
    // All at once: each is a separate tsx start-up, slow on a loaded machine.
    const results = await Promise.all(bad.map((args) => startRelay(args).exited))
    results.forEach(({ code, err }, i) => {
      expect(code, bad[i]!.join(' ')).toBe(2)
      expect(err).toContain('copro relay')
    })
  })
})
