import { exportedPhotoFiles } from '../../../core/common/export/photos'
import type { ExportModel, ReportImages } from '../../../core/common/export'

/** Where the open board shows an image (BoardApi.imageUrl). */
export type ImageUrl = (ref: { photoId: string }) => string | null

/**
 * The photos and logo the HTML/PDF report embeds, fetched from the board's server as data: URLs (the
 * report allows only data: images). An image that cannot be fetched is named instead of shown.
 */
export async function fetchReportImages(
  model: ExportModel,
  imageUrl: ImageUrl | undefined,
): Promise<ReportImages> {
  if (!imageUrl) return {}
  const photos = new Map<string, string>()
  for (const file of exportedPhotoFiles(model)) {
    const url = imageUrl({ photoId: file.slice('photos/'.length) })
    if (!url) continue
    try {
      const res = await fetch(url)
      if (res.ok) photos.set(file, await blobToDataUrl(await res.blob()))
    } catch {
      // offline or gone: the report names the file instead
    }
  }
  const logo = model.report.logo ? photos.get(model.report.logo) : undefined
  return { photos, ...(logo ? { logo } : {}) }
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'))
    reader.readAsDataURL(blob)
  })
}
