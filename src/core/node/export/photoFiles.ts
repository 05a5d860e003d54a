import { exportedPhotoFiles } from '../../common/export/photos'
import type { ExportModel } from '../../common/export/schema'
import type { ReportImages } from '../../common/export/formats/photosHtml'
import { photoMediaType, PHOTO_ASSET_ID } from '../../common/photos/photo'

/**
 * The files of an export's `photos/` folder (issue 17 item 6): the bytes of every photo card's and
 * picture's asset the model names, read from where the session keeps them (its folder, a .copro file,
 * the server's asset store). An asset that cannot be read is left out (the export still names it).
 */
export type ReadAsset = (assetId: string) => Promise<Uint8Array | null>

/** `photos/<assetId>` → bytes, for every file the model names that could be read. */
export async function collectPhotos(
  model: Pick<ExportModel, 'cards' | 'images' | 'report'>,
  readAsset: ReadAsset,
): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>()
  for (const file of exportedPhotoFiles(model)) {
    const assetId = file.slice('photos/'.length)
    if (!PHOTO_ASSET_ID.test(assetId)) continue
    const bytes = await readAsset(assetId)
    if (bytes) out.set(file, bytes)
  }
  return out
}

/** A data: URL of an asset's bytes (the reports allow only data: images). */
export function dataUrl(assetId: string, bytes: Uint8Array): string {
  return `data:${photoMediaType(assetId)};base64,${Buffer.from(bytes).toString('base64')}`
}

/** What the HTML reports embed: every collected photo, and the logo when there is one. */
export function reportImages(
  photos: ReadonlyMap<string, Uint8Array>,
  logo?: { assetId: string; bytes: Uint8Array },
): ReportImages {
  const map = new Map<string, string>()
  for (const [file, bytes] of photos) map.set(file, dataUrl(file.slice('photos/'.length), bytes))
  return { photos: map, ...(logo ? { logo: dataUrl(logo.assetId, logo.bytes) } : {}) }
}
