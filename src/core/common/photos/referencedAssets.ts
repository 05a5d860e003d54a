import { z } from 'zod'
import { readBoardImages } from './boardImages'
import { CardPhoto } from './photo'

const PhotoCard = z.object({
  typeName: z.literal('shape'),
  props: z.object({ photo: CardPhoto }),
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
