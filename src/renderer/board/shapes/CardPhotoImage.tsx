import type { Editor } from 'tldraw'
import { boardImageUrl } from '../sync/assetStore'
import { RetryingImage } from '../../device/RetryingImage'

/**
 * A photo card's picture on the canvas (issue 17 item 6): above the caption, scaled to fit; the caption
 * is its text alternative. The caption gets the card's lower part (photoCaptionHeight), the picture the rest.
 */
export function CardPhotoImage({
  editor,
  assetId,
  caption,
}: {
  editor: Editor
  assetId: string
  caption: string
}) {
  const src = boardImageUrl(editor, { photoId: assetId })
  return src ? (
    <RetryingImage
      className="copro-card__photo"
      data-testid="card-photo"
      src={src}
      alt={caption}
      draggable={false}
      decoding="async"
    />
  ) : (
    <div
      className="copro-card__photo copro-card__photo--missing"
      data-testid="card-photo"
      role="img"
      aria-label={caption}
    />
  )
}

/** The height fitCardText fits a photo card's caption into: a little over half the card, with its head and foot. */
export function photoCaptionHeight(cardHeight: number): number {
  return Math.max(48, Math.round(cardHeight * 0.55))
}
