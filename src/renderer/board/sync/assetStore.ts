import type { TLAssetStore } from 'tldraw'

/** What the server accepts (src/core/node/storage/sessionAssets.ts): the board offers only these. */
export const BOARD_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const
export const MAX_BOARD_IMAGE_BYTES = 10 * 1024 * 1024

const ASSET_PATH_PREFIX = '/api/assets/'

/** The http(s) origin of a sync server URL (`ws://host:port/sync` → `http://host:port`). */
export function httpOriginOf(syncUrl: string): string {
  const u = new URL(syncUrl)
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:'
  return u.origin
}

/**
 * tldraw's asset store for a board (issue 16 item 5): a pasted, dropped or photographed image is uploaded
 * to the server the board syncs with (`POST /api/assets/<sessionId>`) and the document keeps only its
 * path (`/api/assets/<sessionId>/<sha256>.<ext>`), never base64 — so no edit carries megabytes. The path
 * has no host and no secret: `resolve` adds this server's origin and this client's token when drawing it.
 * Images of other origins (older boards: data: URLs) are drawn as they are.
 */
export function boardAssetStore(opts: { syncUrl: string; sessionId: string; token: string }): TLAssetStore {
  const origin = httpOriginOf(opts.syncUrl)
  return {
    async upload(_asset, file, abortSignal) {
      if (file.size > MAX_BOARD_IMAGE_BYTES) throw new Error('This image is too large: the limit is 10 MB.')
      const res = await fetch(`${origin}${ASSET_PATH_PREFIX}${encodeURIComponent(opts.sessionId)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.token}` },
        body: file,
        signal: abortSignal ?? null,
      })
      const body = (await res.json().catch(() => null)) as {
        src?: unknown
        error?: { message?: unknown }
      } | null
      if (!res.ok || typeof body?.src !== 'string' || !body.src.startsWith(ASSET_PATH_PREFIX)) {
        const why = typeof body?.error?.message === 'string' ? body.error.message : `error ${res.status}`
        throw new Error(`The image could not be added: ${why}`)
      }
      return { src: body.src }
    },
    resolve(asset) {
      const src = asset.props.src
      if (!src) return null
      if (!src.startsWith(ASSET_PATH_PREFIX)) return src
      return `${origin}${src}?token=${encodeURIComponent(opts.token)}`
    },
  }
}
