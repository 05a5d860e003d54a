import type { ExportModel } from '../schema'
import { authorLabel, cellLabel } from './common'
import { escapeHtml as h } from './escape'
import { wordsOf } from './words'

/**
 * The report's photos (issue 17 item 6): a section with each photo card's image and its caption (the
 * caption is also the image's text alternative), then the board's other pictures. The report allows
 * only data: images (its CSP), so the caller passes each file's data: URL (`photos`); a file it did
 * not pass is named instead of shown (the file is in the export's `photos/` folder).
 */
export interface ReportImages {
  /** Export file name (`photos/<assetId>`) → a data: URL of its bytes. */
  readonly photos?: ReadonlyMap<string, string>
  /** The organisation's logo as a data: URL (report settings), shown on the first page. */
  readonly logo?: string
}

export const PHOTOS_CSS = `
section.photos figure { margin: 0 0 10pt; break-inside: avoid; page-break-inside: avoid; }
section.photos img { display: block; max-width: 100%; max-height: 90mm; object-fit: contain; border: 0.5pt solid #999; }
section.photos figcaption { margin-top: 2pt; }
section.photos .where { color: #444; font-size: 90%; }
img.logo { display: block; max-height: 18mm; max-width: 60mm; margin: 0 0 4pt; }
`

const isDataImage = (s: string | undefined): s is string =>
  typeof s === 'string' && /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/.test(s)

function figure(file: string | null, caption: string, where: string, images: ReportImages): string {
  const src = file ? images.photos?.get(file) : undefined
  const picture = isDataImage(src)
    ? `<img src="${src}" alt="${h(caption)}">`
    : `<p class="empty">Photo file: ${h(file ?? 'not stored with the session')}</p>`
  return `<figure>${picture}<figcaption><bdi dir="auto">${h(caption)}</bdi> <span class="where">${h(where)}</span></figcaption></figure>`
}

/** The Photos section, or '' when the board has no photo cards and no pictures. */
export function photosSection(m: ExportModel, images: ReportImages): string {
  const cards = m.cards.filter((c) => c.photo)
  const pictures = m.images ?? []
  if (cards.length === 0 && pictures.length === 0) return ''
  const figures = [
    ...cards.map((c) =>
      figure(
        c.photo!.file,
        c.text,
        `— ${cellLabel(c.cell, wordsOf(m))} · ${authorLabel(c.author, wordsOf(m))}`,
        images,
      ),
    ),
    ...pictures.map((p) => figure(p.file, p.description, `— ${cellLabel(p.cell, wordsOf(m))}`, images)),
  ]
  return `<section class="photos"><h2>${wordsOf(m).h('report.section.photos')}</h2>${figures.join('')}</section>`
}

/** The organisation's logo for the report's first page, or ''. */
export function logoHtml(images: ReportImages, organisation: string): string {
  return isDataImage(images.logo)
    ? `<img class="logo" src="${images.logo}" alt="${h(organisation ? `${organisation} logo` : 'Logo')}">`
    : ''
}
