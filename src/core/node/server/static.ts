import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { CompressedAssets, isCompressible, pickEncoding } from './compressedAssets'
import { setSecurityHeaders } from './http'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

/** Kept here for the code that imports it with serveStatic; defined with the other headers in http.ts. */
export { RENDERER_CSP } from './http'

const compressed = new CompressedAssets()

/** The participant screen for phones (issue 15, ADR 0036): its own small page, without the canvas. */
export const PARTICIPANT_PAGE = 'participant.html'

/**
 * Which page `/` is: a join link (`/?join=…`) opens the participant screen (participant.html), which
 * hands wide screens on to the full canvas (`/?join=…&view=board`, index.html); anything else is the
 * workbench (index.html).
 */
export function rootPage(search: URLSearchParams): string {
  return search.has('join') && search.get('view') !== 'board' ? PARTICIPANT_PAGE : 'index.html'
}

/**
 * Serves files from `root` (the built renderer); `/` is index.html, or participant.html for a join
 * link (rootPage). Never leaves `root`. Text files go out brotli- or gzip-compressed when the browser
 * accepts it.
 */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!res.hasHeader('content-security-policy')) setSecurityHeaders(res)
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end()
    return
  }
  let pathname: string
  let search: URLSearchParams
  try {
    const url = new URL(req.url ?? '/', 'http://x')
    pathname = decodeURIComponent(url.pathname)
    search = url.searchParams
  } catch {
    res.writeHead(400).end('Bad request')
    return
  }
  if (pathname.includes('\0')) {
    res.writeHead(400).end('Bad request')
    return
  }
  // `/join` is the app's join-code page (sharing.ts JOIN_CODE_PAGE); it sends the person on to the join link.
  const rel =
    pathname === '/'
      ? rootPage(search)
      : pathname === '/join'
        ? 'index.html'
        : normalize(pathname).replace(/^([/\\])+/, '')
  const file = join(root, rel)
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
    res.writeHead(403).end('Forbidden')
    return
  }
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(file)
    if (!info.isFile()) throw new Error('not a file')
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
    return
  }
  const ext = extname(file).toLowerCase()
  const compressible = isCompressible(ext, info.size)
  const encoding = compressible ? pickEncoding(req.headers['accept-encoding']) : null
  let body: Buffer | null = null
  if (encoding) {
    try {
      body = await compressed.get(file, info.size, info.mtimeMs, encoding)
    } catch {
      body = null // send it as it is
    }
  }
  res.writeHead(200, {
    'content-type': MIME[ext] ?? 'application/octet-stream',
    'content-length': body ? body.byteLength : info.size,
    'cache-control': cacheControl(rel),
    ...(compressible ? { vary: 'accept-encoding' } : {}),
    ...(body && encoding ? { 'content-encoding': encoding } : {}),
  })
  if (req.method === 'HEAD') res.end()
  else if (body) res.end(body)
  else createReadStream(file).pipe(res)
}

/** The HTML pages always fresh; Vite's content-hashed files under assets/ never change; the rest for an hour. */
function cacheControl(rel: string): string {
  if (rel === 'index.html' || rel === PARTICIPANT_PAGE) return 'no-store'
  if (rel.startsWith('assets/') || rel.startsWith(`assets${sep}`))
    return 'public, max-age=31536000, immutable'
  return 'public, max-age=3600'
}
