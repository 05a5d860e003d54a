import { z } from 'zod'

/**
 * A photo card (issue 17 item 6): a card whose content is an image and a caption. The image is an
 * asset of the session (the asset store of issue 16 item 5: `/api/assets/<sessionId>/<assetId>`,
 * core/node/storage/sessionAssets.ts); the card keeps only the asset's id and the picture's size, never
 * bytes, and never the session id (so a duplicated or imported session's photo cards still resolve).
 * The caption is the card's text: the same limits, consent, anonymity, placement and rights as every
 * card — a photo card IS a card (cards/card.ts `CardProps.photo`).
 */

/** An asset id: the SHA-256 of the bytes and the extension of their sniffed type (sessionAssets.ts ASSET_ID). */
export const PHOTO_ASSET_ID = /^[0-9a-f]{64}\.(png|jpg|webp|gif)$/

/** The largest side a phone sends: bigger photos are shrunk on the device first (shrinkPhoto). */
export const PHOTO_MAX_SIDE = 2000

/** The caption a photo card carries when its author wrote none. */
export const NO_CAPTION = 'No caption'

export const CardPhoto = z.object({
  assetId: z.string().regex(PHOTO_ASSET_ID),
  /** The picture's own size in pixels (for its aspect ratio; 0 when unknown). */
  w: z.number().int().min(0).max(100_000),
  h: z.number().int().min(0).max(100_000),
})
export type CardPhoto = z.infer<typeof CardPhoto>

/** The caption as stored: the text given, or "No caption". */
export function photoCaption(text: string): string {
  const t = text.trim()
  return t === '' ? NO_CAPTION : t
}

/** The server path of a session's asset (no host, no token: the caller adds both). */
export function assetPath(sessionId: string, assetId: string): string {
  return `/api/assets/${encodeURIComponent(sessionId)}/${encodeURIComponent(assetId)}`
}

/**
 * The asset id named by an image's stored src: `/api/assets/<any session>/<assetId>` (a tldraw image
 * asset on the canvas), or null for anything else (data: URLs of older boards, other hosts).
 */
export function assetIdOfSrc(src: string): string | null {
  const m = /^\/api\/assets\/[^/]+\/([^/?#]+)$/.exec(src)
  return m && PHOTO_ASSET_ID.test(m[1]!) ? m[1]! : null
}

/** The file name of an asset in an export's `photos/` folder. */
export function photoFileName(assetId: string): string {
  return `photos/${assetId}`
}

/** The media type an asset id's extension names. */
export function photoMediaType(assetId: string): 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' {
  const ext = assetId.slice(assetId.lastIndexOf('.') + 1)
  return ext === 'png'
    ? 'image/png'
    : ext === 'webp'
      ? 'image/webp'
      : ext === 'gif'
        ? 'image/gif'
        : 'image/jpeg'
}
