import { createContext, useContext } from 'react'
import type * as Y from 'yjs'
import { readBoardImages } from '../../../core/common/photos/boardImages'
import { readRecords } from '../../../core/common/session/read'
import { useDocValue } from '../../session/useDoc'
import { useT } from '../../device/i18n'
import { RetryingImage } from '../../device/RetryingImage'

/**
 * Photos in the outline (issue 17 item 6): a photo card's image as a thumbnail whose text alternative
 * is its caption, and the board's other pictures (pasted or dropped on the canvas) in a list of their
 * own. Where an image is fetched from is the board's business (`imageUrl`), given through context so
 * the memoised card rows need no new prop.
 */
export type ImageUrl = (ref: { photoId: string } | { src: string }) => string | null
export const OutlineImageUrl = createContext<ImageUrl | null>(null)

export function OutlinePhoto({ assetId, caption }: { assetId: string; caption: string }) {
  const url = useContext(OutlineImageUrl)?.({ photoId: assetId }) ?? null
  return url ? (
    <RetryingImage
      className="outline-photo"
      src={url}
      alt={caption}
      loading="lazy"
      data-testid="outline-photo"
    />
  ) : null
}

/** The board's pictures that are not photo cards; nothing when there are none. */
export function OutlinePictures({ doc }: { doc: Y.Doc }) {
  const pictures = useDocValue(doc, (d) => readBoardImages(readRecords(d)), [], 500) ?? []
  const imageUrl = useContext(OutlineImageUrl)
  const t = useT()
  if (pictures.length === 0) return null
  return (
    <section className="outline-zone" aria-labelledby="outline-pictures" data-testid="outline-pictures">
      <h3 id="outline-pictures" className="outline-subtitle">
        {t('outline.pictures.heading', { count: pictures.length })}
      </h3>
      <p className="muted">{t('outline.pictures.help')}</p>
      <ul className="outline-cards">
        {pictures.map((p) => {
          const url = p.assetId ? imageUrl?.({ photoId: p.assetId }) : null
          return (
            <li key={p.id} className="outline-card">
              {url && (
                <RetryingImage className="outline-photo" src={url} alt={p.description} loading="lazy" />
              )}
              <p className="outline-card-text">{p.description}</p>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
