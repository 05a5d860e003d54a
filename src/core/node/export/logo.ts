import type { ExportModel } from '../../common/export/schema'
import { PHOTO_ASSET_ID } from '../../common/photos/photo'
import type { ReadAsset } from './photoFiles'

/** The report's logo (report settings, issue 17 item 7): its asset id and bytes, or undefined. */
export async function readLogo(
  model: Pick<ExportModel, 'report'>,
  readAsset: ReadAsset | undefined,
): Promise<{ assetId: string; bytes: Uint8Array } | undefined> {
  const file = model.report.logo
  if (!file || !readAsset) return undefined
  const assetId = file.slice('photos/'.length)
  if (!PHOTO_ASSET_ID.test(assetId)) return undefined
  const bytes = await readAsset(assetId)
  return bytes ? { assetId, bytes } : undefined
}
