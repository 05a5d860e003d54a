import type { IncomingMessage, ServerResponse } from 'node:http'
import { SessionId } from '../../../shared/model/session'
import { MAX_ASSET_BYTES } from '../storage/sessionAssets'
import type { RelayAuthResult } from '../relay'
import type { AssetBackend } from './backend'
import { json, readBodyBytes } from './http'
import { authorizeToken, isOwnerToken, tokenFrom, type TokenAuthority } from './tokens'

/** Where a session's images are uploaded (POST) and served (GET `<prefix>/<sessionId>/<assetId>`). */
export const ASSET_PATH_PREFIX = '/api/assets/'

const ASSET_CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
  'access-control-allow-headers': 'authorization',
  'access-control-max-age': '600',
}

export interface AssetRoutesDeps {
  /** Null when the backend keeps no files (MemoryBackend): every asset request is then 404. */
  assets: AssetBackend | undefined
  authority: TokenAuthority
  /**
   * Who a token is in a session, when the grants are not in `authority` (a cluster node reads them from
   * PostgreSQL); `authorizeToken(authority, …)` by default.
   */
  authorize?: (sessionId: string, token: string | null) => Promise<RelayAuthResult | null>
}

/**
 * Images as assets (issue 16 item 5), on the server the board is on (CoproServer: `copro serve`, the
 * desktop app's local server, sharing listeners):
 * - `POST /api/assets/<sessionId>` (raw bytes; token as bearer or `?token=`): anyone who may write the
 *   board (facilitator, participants; not observers) stores a PNG, JPEG, WebP or GIF of at most 10 MiB,
 *   recognised by its first bytes → 201 `{assetId, src}`; 413 too large, 415 not such an image.
 * - `GET` (or `HEAD`) `/api/assets/<sessionId>/<assetId>?token=…`: anyone who may read the board gets it back with its
 *   sniffed type (never one the uploader chose), `nosniff`, a sandboxing CSP and `inline` disposition.
 * The facilitator token is refused on sharing listeners, as for sync.
 */
export class AssetRoutes {
  constructor(private readonly deps: AssetRoutesDeps) {}

  /** Answers the request if it is an asset request; false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, via: 'main' | 'share'): Promise<boolean> {
    if (!url.pathname.startsWith(ASSET_PATH_PREFIX)) return false
    // Bearer tokens, never cookies: any origin may ask (the desktop page is file://, origin "null").
    for (const [k, v] of Object.entries(ASSET_CORS)) res.setHeader(k, v)
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end()
      return true
    }
    const [sessionId = '', assetId, ...rest] = url.pathname.slice(ASSET_PATH_PREFIX.length).split('/')
    const token = tokenFrom(req.headers, url)
    if (via === 'share' && isOwnerToken(this.deps.authority, token)) {
      fail(res, 403, 'forbidden', 'The facilitator token is not accepted on a shared address.')
      return true
    }
    if (rest.length > 0 || !SessionId.safeParse(sessionId).success) {
      fail(res, 404, 'not_found', 'No such image.')
      return true
    }
    const auth = this.deps.authorize
      ? await this.deps.authorize(sessionId, token)
      : authorizeToken(this.deps.authority, sessionId, token)
    if (!auth) {
      fail(res, 401, 'unauthorized', 'A valid token is required.')
      return true
    }
    const assets = this.deps.assets
    if (assetId === undefined) {
      if (req.method !== 'POST') fail(res, 405, 'invalid_arguments', 'Use POST.')
      else if (auth.sessionRole === 'observer') fail(res, 403, 'forbidden', 'Observers cannot add images.')
      else if (!assets) fail(res, 404, 'not_found', 'This server keeps no images.')
      else await this.upload(req, res, assets, sessionId)
      return true
    }
    // HEAD: whether the server holds it, without the bytes (a publish mirrors only what is missing)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      fail(res, 405, 'invalid_arguments', 'Use GET.')
      return true
    }
    const found = assets ? await assets.get(sessionId, assetId) : null
    if (!found) {
      fail(res, 404, 'not_found', 'No such image.')
      return true
    }
    res.writeHead(200, {
      'content-type': found.type,
      'content-length': String(found.bytes.byteLength),
      'content-disposition': 'inline',
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=31536000, immutable',
    })
    res.end(found.bytes)
    return true
  }

  private async upload(
    req: IncomingMessage,
    res: ServerResponse,
    assets: AssetBackend,
    sessionId: string,
  ): Promise<void> {
    const bytes = await readBodyBytes(req, MAX_ASSET_BYTES)
    if (bytes === null)
      return fail(res, 413, 'invalid_arguments', 'This image is too large: the limit is 10 MB.')
    const stored = await assets.put(sessionId, bytes)
    if (stored === null) return fail(res, 404, 'not_found', 'That session does not exist.')
    if (!stored.ok)
      return stored.reason === 'too-large'
        ? fail(res, 413, 'invalid_arguments', 'This image is too large: the limit is 10 MB.')
        : fail(res, 415, 'invalid_arguments', 'Only PNG, JPEG, WebP and GIF images can be added.')
    json(res, 201, {
      assetId: stored.assetId,
      src: `${ASSET_PATH_PREFIX}${sessionId}/${stored.assetId}`,
      type: stored.type,
    })
  }
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  json(res, status, { ok: false, error: { code, message } })
}
