import { z } from 'zod'
import { readBoardImages } from './boardImages'
import { assetIdOfSrc, CardPhoto } from './photo'

const PhotoCard = z.object({
  typeName: z.literal('shape'),
  props: z.object({ photo: CardPhoto }),
})
const StoredImage = z.object({
  typeName: z.literal('asset'),
  type: z.literal('image'),
  props: z.object({ src: z.string().nullable() }),
})

/**
 * Every asset of the session's asset store that the document's records use: photo cards' images and
 * the canvas's pictures, once each, sorted. What a copy of the session elsewhere (a hosted relay, the
 * facilitator's laptop) must also hold for the board to show every picture (share/assetMirror.ts).
 */
export function referencedAssetIds(records: Iterable<unknown>): string[] {
  const list = [...records]
  const ids = new Set<string>()
  for (const r of list) {
    const card = PhotoCard.safeParse(r)
    if (card.success) ids.add(card.data.props.photo.assetId)
  }
  for (const image of readBoardImages(list)) if (image.assetId) ids.add(image.assetId)
  return [...ids].sort()
}

/**
 * The store's asset one record names by itself, or null: a photo card's image, or an image asset
 * whose src is in the store (for following a document's changes record by record).
 */
export function assetIdOfRecord(record: unknown): string | null {
  const card = PhotoCard.safeParse(record)
  if (card.success) return card.data.props.photo.assetId
  const image = StoredImage.safeParse(record)
  return image.success && image.data.props.src ? assetIdOfSrc(image.data.props.src) : null
}
