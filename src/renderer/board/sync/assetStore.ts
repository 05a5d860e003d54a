import type { Editor, TLAsset, TLAssetContext, TLAssetStore } from 'tldraw'
import { assetIdOfSrc, PHOTO_ASSET_ID, type CardPhoto } from '../../../core/common/photos/photo'
import { assetUrl, storeAsset, type AssetEndpoint } from '../../device/assetEndpoint'
import { preparePhoto } from '../../device/photos'
import { uiT } from '../../device/i18n/uiT'

/** What the server accepts (src/core/node/storage/sessionAssets.ts): the board offers only these. */
export const BOARD_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const
export const MAX_BOARD_IMAGE_BYTES = 10 * 1024 * 1024

const ASSET_PATH_PREFIX = '/api/assets/'

/**
 * The src a photo card's image is resolved through (`resolve` below): photo cards keep only the asset
 * id (core/common/photos/photo.ts), and this board's store knows the session and token.
 */
export const PHOTO_SRC_PREFIX = 'copro-photo:'

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
  const ep = boardAssetEndpoint(opts)
  return {
    async upload(_asset, file, abortSignal) {
      if (file.size > MAX_BOARD_IMAGE_BYTES) throw new Error(uiT('board.image.tooLarge'))
      try {
        return { src: await storeAsset(ep, file, abortSignal) }
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err)
        throw new Error(uiT('board.image.failed', { why }), { cause: err })
      }
    },
    resolve(asset) {
      const src = asset.props.src
      if (!src) return null
      if (src.startsWith(PHOTO_SRC_PREFIX)) {
        const assetId = src.slice(PHOTO_SRC_PREFIX.length)
        return PHOTO_ASSET_ID.test(assetId) ? assetUrl(ep, assetId) : null
      }
      if (!src.startsWith(ASSET_PATH_PREFIX)) return src
      return `${ep.origin}${src}?token=${encodeURIComponent(ep.token)}`
    },
  }
}

/** The asset store of the server a board syncs with, for its session and token (assetEndpoint.ts). */
export function boardAssetEndpoint(opts: {
  syncUrl: string
  sessionId: string
  token: string
}): AssetEndpoint {
  return { origin: httpOriginOf(opts.syncUrl), sessionId: opts.sessionId, token: opts.token }
}

/**
 * The URL this board shows an image at: a photo card's asset id, or a canvas image's stored src
 * (`/api/assets/…`), resolved by the board's asset store (its server and token). Null when the board
 * has no such store or it answers asynchronously.
 */
export function boardImageUrl(editor: Editor, ref: { photoId: string } | { src: string }): string | null {
  const src = 'photoId' in ref ? `${PHOTO_SRC_PREFIX}${ref.photoId}` : ref.src
  const asset = { props: { src } } as unknown as TLAsset
  const ctx = { screenScale: 1, steppedScreenScale: 1, dpr: 1, networkEffectiveType: null } as TLAssetContext
  const r = editor.store.props.assets.resolve?.(asset, ctx)
  return typeof r === 'string' ? r : null
}

/** A photo for a photo card, shrunk on this device and stored through the board's asset store. */
export async function uploadBoardPhoto(editor: Editor, file: Blob): Promise<CardPhoto> {
  const ready = await preparePhoto(file)
  const asset = { props: { src: null } } as unknown as TLAsset
  const stored = await editor.store.props.assets.upload(asset, new File([ready.blob], 'photo'))
  const assetId = assetIdOfSrc(stored.src)
  if (!assetId) throw new Error(uiT('board.photo.notStored'))
  return { assetId, w: ready.w, h: ready.h }
}
