import type { CardPhoto } from '../photos/photo'
import { photoFileName, photoMediaType } from '../photos/photo'
import { readBoardImages, type BoardImage } from '../photos/boardImages'
import { cleanText } from '../text/sanitize'
import type { ExportCard, ExportCell, ExportImage } from './schema'

/**
 * Photos in the export model (issue 17 item 6): a photo card's image as a file name in the export's
 * `photos/` folder (the writer copies the files, core/node/export/photoFiles.ts), and the board's other
 * pictures with the cell they are in. Every format names the same file.
 */
export function exportPhoto(photo: CardPhoto | undefined): Pick<ExportCard, 'photo'> {
  if (!photo) return {}
  return {
    photo: {
      file: photoFileName(photo.assetId),
      mediaType: photoMediaType(photo.assetId),
      width: photo.w,
      height: photo.h,
    },
  }
}

/** The board's pictures that are not photo cards, each with its cell (by its middle, as cards are). */
export function exportImages(
  records: Iterable<unknown>,
  cellOf: (box: Pick<BoardImage, 'x' | 'y' | 'w' | 'h'>) => ExportCell,
): ExportImage[] {
  return readBoardImages(records).map((i) => ({
    id: i.id,
    description: cleanText(i.description),
    file: i.assetId ? photoFileName(i.assetId) : null,
    cell: cellOf(i),
  }))
}

/** Every asset an export's `photos/` folder holds: photo cards', the board's pictures' and the logo, once each. */
export function exportedPhotoFiles(model: {
  cards: readonly Pick<ExportCard, 'photo'>[]
  images?: readonly Pick<ExportImage, 'file'>[] | undefined
  report?: { logo?: string | undefined }
}): string[] {
  const files = new Set<string>()
  if (model.report?.logo) files.add(model.report.logo)
  for (const c of model.cards) if (c.photo) files.add(c.photo.file)
  for (const i of model.images ?? []) if (i.file) files.add(i.file)
  return [...files].sort()
}
