import { writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { CoproServer, MemoryBackend } from '../../../src/core/node/server'
import { pickEncoding } from '../../../src/core/node/server/compressedAssets'
import { serverPerFile, writeRenderer } from '../../helpers/server'

let server: CoproServer
let rendererDir: string
const bundle = `export const words = ${JSON.stringify(Array.from({ length: 4000 }, (_, i) => `card ${i}`))}\n`

/** A raw GET (Node's fetch would decode the body itself). */
function get(path: string, acceptEncoding?: string, method = 'GET') {
  return new Promise<{
    status: number
    headers: Record<string, string | string[] | undefined>
    body: Buffer
  }>((resolve, reject) => {
    const req = request(
      `${server.baseUrl}${path}`,
      { method, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        )
      },
    )
    req.on('error', reject)
    req.end()
  })
}

serverPerFile(async (tempDir) => {
  rendererDir = writeRenderer(tempDir('copro-renderer-'), {
    'index.html': `<!doctype html><title>Copro</title>${'<p>x</p>'.repeat(300)}`,
    'assets/Board-abc123.js': bundle,
    'assets/tiny.js': 'console.log(1)',
    'assets/font.woff2': Buffer.alloc(4096, 7),
  })
  server = await CoproServer.start({ port: 0, backend: new MemoryBackend(), rendererDir })
  return server
})

describe('the static server compresses the renderer for browsers that accept it', () => {
  it('sends brotli when accepted, and the bytes decode to the file', async () => {
    const r = await get('/assets/Board-abc123.js', 'gzip, deflate, br')
    expect(r.status).toBe(200)
    expect(r.headers['content-encoding']).toBe('br')
    expect(r.headers['vary']).toBe('accept-encoding')
    expect(Number(r.headers['content-length'])).toBe(r.body.byteLength)
    expect(r.body.byteLength).toBeLessThan(bundle.length / 4)
    expect(brotliDecompressSync(r.body).toString()).toBe(bundle)
    expect(r.headers['content-security-policy']).toContain("script-src 'self'")
  })

  it('sends gzip to a browser without brotli, and the file as it is to one that accepts neither', async () => {
    const gz = await get('/assets/Board-abc123.js', 'gzip')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString()).toBe(bundle)
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get('/assets/Board-abc123.js', accept)
      expect(plain.headers['content-encoding'], String(accept)).toBeUndefined()
      expect(plain.body.toString()).toBe(bundle)
    }
  })

  it('leaves small files and already-compressed types alone', async () => {
    const tiny = await get('/assets/tiny.js', 'br')
    expect(tiny.headers['content-encoding']).toBeUndefined()
    expect(tiny.body.toString()).toBe('console.log(1)')
    const font = await get('/assets/font.woff2', 'br')
    expect(font.headers['content-encoding']).toBeUndefined()
    expect(font.body.byteLength).toBe(4096)
  })

  it('answers HEAD with the compressed length and no body', async () => {
    const full = await get('/assets/Board-abc123.js', 'br')
    const head = await get('/assets/Board-abc123.js', 'br', 'HEAD')
    expect(head.headers['content-encoding']).toBe('br')
    expect(head.headers['content-length']).toBe(full.headers['content-length'])
    expect(head.body.byteLength).toBe(0)
  })

  it('lets browsers keep content-hashed assets for good, but always re-fetch index.html', async () => {
    expect((await get('/assets/Board-abc123.js', 'br')).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    )
    const index = await get('/', 'gzip')
    expect(index.headers['cache-control']).toBe('no-store')
    expect(gunzipSync(index.body).toString()).toContain('<title>Copro</title>')
  })

  it('serves a file that changed on disk afresh (the cache follows size and modification time)', async () => {
    const next = bundle.replace('card 1"', 'card one"')
    writeFileSync(join(rendererDir, 'assets', 'Board-abc123.js'), next)
    const r = await get('/assets/Board-abc123.js', 'br')
    expect(brotliDecompressSync(r.body).toString()).toBe(next)
    writeFileSync(join(rendererDir, 'assets', 'Board-abc123.js'), bundle)
  })
})

describe('pickEncoding', () => {
  it('prefers brotli, falls back to gzip, and honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(pickEncoding('gzip;q=1.0, br;q=0')).toBe('gzip')
    expect(pickEncoding('*')).toBe('gzip')
    expect(pickEncoding('deflate')).toBeNull()
    expect(pickEncoding('')).toBeNull()
    expect(pickEncoding(undefined)).toBeNull()
  })
})
