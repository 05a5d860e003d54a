import { PHOTO_MAX_SIDE, assetIdOfSrc, type CardPhoto } from '../../core/common/photos/photo'
import { AssetRequestError, assetUrl, storeAsset } from './assetEndpoint'
import { uiT } from './i18n/uiT'

/**
 * Photos from this device (issue 17 item 6): shrink a big photo before it leaves the device, and upload
 * it to the asset store of the server the board is on (`POST /api/assets/<sessionId>`; ADR 0044, amended). Used
 * by the phone screen's "Add a photo" and the desktop's "Add photo".
 */

/** What the server stores (core/node/storage/sessionAssets.ts). */
export const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
/** Photos at most this big and PHOTO_MAX_SIDE wide and high are sent as they are. */
const KEEP_BYTES = 1_500_000

/** The errors this module throws, in this person's interface language (the phone's words). */
export const PHOTO_COPY = {
  get tooBig() {
    return uiT('phone.photo.tooBig')
  },
  get notImage() {
    return uiT('phone.photo.notImage')
  },
  get offline() {
    return uiT('phone.photo.offline')
  },
  failed: (why: string) => uiT('phone.photo.failed', { why }),
}

export interface ReadyPhoto {
  readonly blob: Blob
  readonly w: number
  readonly h: number
}

/**
 * The photo as it will be sent: unchanged when it is small enough, otherwise redrawn as a JPEG whose
 * longer side is at most PHOTO_MAX_SIDE (a phone camera's 4,000 × 3,000 photo of 4 MB becomes about
 * 2,000 × 1,500 and a few hundred kB). A picture the browser cannot read is refused.
 */
export async function preparePhoto(file: Blob, maxSide = PHOTO_MAX_SIDE): Promise<ReadyPhoto> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    throw new Error(PHOTO_COPY.notImage)
  }
  try {
    const { width, height } = bitmap
    const scale = Math.min(1, maxSide / Math.max(width, height))
    const accepted = (PHOTO_TYPES as readonly string[]).includes(file.type)
    if (scale === 1 && accepted && file.size <= KEEP_BYTES) return { blob: file, w: width, h: height }
    const w = Math.max(1, Math.round(width * scale))
    const h = Math.max(1, Math.round(height * scale))
    const canvas = document.createElement('canvas')
    canvas.width = w
    canvas.height = h
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error(PHOTO_COPY.notImage)
    ctx.fillStyle = '#fff' // a transparent PNG becomes a JPEG on white, not on black
    ctx.fillRect(0, 0, w, h)
    ctx.drawImage(bitmap, 0, 0, w, h)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85))
    if (!blob) throw new Error(PHOTO_COPY.notImage)
    return { blob, w, h }
  } finally {
    bitmap.close()
  }
}

/** Uploads a prepared photo; resolves to the card's photo (asset id and size) or throws in plain words. */
export async function uploadPhoto(opts: {
  origin: string
  sessionId: string
  token: string
  photo: ReadyPhoto
}): Promise<CardPhoto> {
  if (opts.photo.blob.size > MAX_PHOTO_BYTES) throw new Error(PHOTO_COPY.tooBig)
  let src: string
  try {
    src = await storeAsset(opts, opts.photo.blob)
  } catch (err) {
    throw new Error(err instanceof AssetRequestError ? PHOTO_COPY.failed(err.message) : PHOTO_COPY.offline, {
      cause: err,
    })
  }
  const assetId = assetIdOfSrc(src)
  if (assetId === null) throw new Error(PHOTO_COPY.failed('no image id'))
  return { assetId, w: opts.photo.w, h: opts.photo.h }
}

/** Where this device shows a session's photo: the server's path plus the token (images need no cookie). */
export function photoUrl(origin: string, sessionId: string, token: string, assetId: string): string {
  return assetUrl({ origin, sessionId, token }, assetId)
}
