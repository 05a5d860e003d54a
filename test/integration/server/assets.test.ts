/**
 * Images as assets (issue 16 item 5): uploaded to the server the board is on, checked by size and by
 * their first bytes, stored in the session folder, served back with the sniffed type and nosniff;
 * observers cannot upload; the facilitator token is refused on a shared address.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CoproServer, StoreBackend } from '../../../src/core/node/server'
import { MAX_ASSET_BYTES, sniffImage } from '../../../src/core/node/storage/sessionAssets'
import type { ShareLinks } from '../../../src/shared/api'
import { callApi, serverPerFile } from '../../helpers/server'
import { fromJoinUrl } from '../sharing/helpers'

let server: CoproServer
let dataDir = ''

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([4, 0, 0, 0]), Buffer.from('WEBPVP8 ')])
const HTML = Buffer.from('<!doctype html><script>alert(1)</script>')
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')

function call(method: string, args: unknown) {
  return callApi(server.baseUrl, method, args, server.token)
}
async function newSession(title: string): Promise<string> {
  return (await call('sessions.create', { title })).body.value.id as string
}
function upload(
  sessionId: string,
  body: Uint8Array,
  token: string | null = server.token,
  base = server.baseUrl,
) {
  return fetch(`${base}/api/assets/${sessionId}`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: new Uint8Array(body),
  })
}

serverPerFile(async (tempDir) => {
  dataDir = tempDir('copro-assets-')
  server = await CoproServer.start({ port: 0, backend: await StoreBackend.open(dataDir, { batchMs: 20 }) })
  return server
})

describe('sniffImage', () => {
  it('knows PNG, JPEG, GIF and WebP by their first bytes, and nothing else', () => {
    expect([PNG, JPEG, GIF, WEBP].map((b) => sniffImage(b))).toEqual([
      'image/png',
      'image/jpeg',
      'image/gif',
      'image/webp',
    ])
    expect([HTML, SVG, Buffer.alloc(0), Buffer.from('RIFF0000AVI ')].map((b) => sniffImage(b))).toEqual([
      null,
      null,
      null,
      null,
    ])
  })
})

describe('POST and GET /api/assets', () => {
  it('stores an image in the session folder and serves it with its sniffed type and nosniff', async () => {
    const id = await newSession('Photos')
    const res = await upload(id, PNG)
    expect(res.status).toBe(201)
    const body = (await res.json()) as { assetId: string; src: string; type: string }
    expect(body.assetId).toMatch(/^[0-9a-f]{64}\.png$/)
    expect(body.src).toBe(`/api/assets/${id}/${body.assetId}`)
    expect(existsSync(join(dataDir, 'sessions', id, 'assets', body.assetId))).toBe(true)
    // the same bytes again: the same asset
    expect(((await (await upload(id, PNG)).json()) as { assetId: string }).assetId).toBe(body.assetId)

    const got = await fetch(`${server.baseUrl}${body.src}?token=${server.token}`)
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(got.headers.get('x-content-type-options')).toBe('nosniff')
    expect(got.headers.get('content-security-policy')).toContain('sandbox')
    expect(Buffer.from(await got.arrayBuffer())).toEqual(PNG)
    // a declared type is ignored: a JPEG sent as image/png is stored and served as a JPEG
    const jpeg = (await (await upload(id, JPEG)).json()) as { assetId: string; type: string }
    expect(jpeg).toMatchObject({ type: 'image/jpeg' })
    expect(jpeg.assetId).toMatch(/\.jpg$/)
  })

  it('refuses what is not a small image, and requests without a token of the session', async () => {
    const id = await newSession('Refusals')
    expect((await upload(id, HTML)).status).toBe(415)
    expect((await upload(id, SVG)).status).toBe(415)
    const huge = Buffer.concat([PNG, Buffer.alloc(MAX_ASSET_BYTES)])
    const tooBig = await upload(id, huge)
    expect(tooBig.status).toBe(413)
    expect(((await tooBig.json()) as any).error.message).toContain('10 MB')
    expect((await upload(id, PNG, null)).status).toBe(401)
    expect((await upload(id, PNG, 'not-a-token')).status).toBe(401)
    const stored = (await (await upload(id, PNG)).json()) as { src: string }
    expect((await fetch(`${server.baseUrl}${stored.src}`)).status).toBe(401)
    expect(
      (await fetch(`${server.baseUrl}/api/assets/${id}/${'0'.repeat(64)}.png?token=${server.token}`)).status,
    ).toBe(404)
    expect(
      (await fetch(`${server.baseUrl}/api/assets/${id}/..%2Fmanifest.json?token=${server.token}`)).status,
    ).toBe(404)
    // a trashed session keeps its images but serves none
    await call('sessions.delete', { id })
    expect((await upload(id, PNG)).status).toBe(404)
  })

  it('participants upload with their device token, observers only read, the facilitator token stays home', async () => {
    const id = await newSession('Shared photos')
    const links = (await call('share.start', { sessionId: id, address: '127.0.0.2' })).body
      .value as ShareLinks
    const p = fromJoinUrl(links.participantUrl)
    const o = fromJoinUrl(links.observerUrl)
    const join = async (token: string) =>
      (
        (await (
          await fetch(`${p.origin}/api/guest/join`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ sessionId: id, token }),
          })
        ).json()) as { deviceToken: string }
      ).deviceToken
    const participant = await join(p.token)
    const observer = await join(o.token)
    const res = await upload(id, GIF, participant, p.origin)
    expect(res.status).toBe(201)
    const { src } = (await res.json()) as { src: string }
    expect((await upload(id, GIF, observer, p.origin)).status).toBe(403)
    expect((await fetch(`${p.origin}${src}?token=${observer}`)).status).toBe(200)
    expect((await upload(id, GIF, server.token, p.origin)).status).toBe(403)
    await call('share.stop', { sessionId: id })
    expect((await fetch(`${server.baseUrl}${src}?token=${participant}`)).status).toBe(401)
  })
})
