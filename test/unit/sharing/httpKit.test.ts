import { createServer, request, type Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { closeServer, hostForUrl, json, listen, readBody } from '../../../src/core/node/server/http'

// The http kit CoproServer and the hosted relay share (src/core/node/server/http.ts).

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map(closeServer))
})

function serve(handler: Parameters<typeof createServer>[1]): Server {
  const server = createServer(handler)
  servers.push(server)
  return server
}

function post(
  port: number,
  body: string,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString(),
        }),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('http kit', () => {
  it('listens on a free port and answers JSON that is never cached or sniffed', async () => {
    const server = serve((_req, res) => json(res, 201, { ok: true }, { 'access-control-allow-origin': '*' }))
    const port = await listen(server, 0, '127.0.0.1')
    expect(port).toBeGreaterThan(0)
    const r = await post(port, '')
    expect(r.status).toBe(201)
    expect(JSON.parse(r.text)).toEqual({ ok: true })
    expect(r.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
    })
  })

  it('rejects when the port is taken', async () => {
    const first = serve(() => {})
    const port = await listen(first, 0, '127.0.0.1')
    await expect(
      listen(
        serve(() => {}),
        port,
        '127.0.0.1',
      ),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })

  it('reads a body up to its limit and answers null past it', async () => {
    const server = serve((req, res) => {
      void readBody(req, 8).then((body) => json(res, 200, { body }))
    })
    const port = await listen(server, 0, '127.0.0.1')
    expect(JSON.parse((await post(port, '12345678')).text)).toEqual({ body: '12345678' })
    expect(JSON.parse((await post(port, '123456789')).text)).toEqual({ body: null })
  })

  it('brackets IPv6 literals for URLs', () => {
    expect(hostForUrl('::1')).toBe('[::1]')
    expect(hostForUrl('127.0.0.1')).toBe('127.0.0.1')
  })
})
