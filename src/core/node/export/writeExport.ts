import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { EXPORT_FORMATS, renderFormat, type ExportFormat } from '../../common/export/formats'
import type { ExportModel } from '../../common/export/schema'
import { writeFileAtomic } from '../storage/fsAtomic'
import { docxReport, OFFICE_FORMATS, xlsxWorkbook, type OfficeFormat } from './office'
import { youSaidWeDidHtml } from '../../common/export/formats/easyRead'
import { collectPhotos, reportImages, type ReadAsset } from './photoFiles'
import { readLogo } from './logo'

/** Every format a file export can write: the text formats and the office documents. */
export const WRITE_FORMATS = [...EXPORT_FORMATS, ...OFFICE_FORMATS, 'easyread'] as const
export type WriteFormat = ExportFormat | OfficeFormat | 'easyread'

/** Where the session's images are read from (its folder, a .copro file): absent, no photos/ folder. */
export interface ExportAssets {
  readonly readAsset?: ReadAsset
}

export interface WrittenFile {
  readonly path: string
  readonly bytes: number
}

/**
 * Renders the chosen formats and writes each file atomically into outDir (created if missing) with
 * writeFileAtomic (storage/fsAtomic.ts): a temporary file in the same folder is written and fsynced,
 * then renamed over the target, then the folder is fsynced. A reader never sees a half-written export; on failure no temp file is left.
 * All files are rendered before the first is written, so a rendering error writes nothing.
 */
export async function writeExport(
  model: ExportModel,
  formats: readonly WriteFormat[],
  outDir: string,
  opts: ExportAssets = {},
): Promise<WrittenFile[]> {
  for (const f of formats)
    if (!(WRITE_FORMATS as readonly string[]).includes(f))
      throw new Error(`unknown export format: ${String(f)}`)
  const unique = [...new Set(formats)]
  const files: Array<{ name: string; data: Uint8Array }> = []
  // photo cards and pictures: their files go to photos/ beside the export; the reports embed them
  const photos = opts.readAsset ? await collectPhotos(model, opts.readAsset) : new Map<string, Uint8Array>()
  const logo = await readLogo(model, opts.readAsset)
  const images = reportImages(photos, logo)
  for (const f of unique) {
    if (f === 'docx') files.push({ name: 'report.docx', data: await docxReport(model, { photos, logo }) })
    else if (f === 'xlsx') files.push({ name: 'export.xlsx', data: await xlsxWorkbook(model) })
    else if (f === 'easyread')
      files.push({ name: 'you-said-we-did.html', data: Buffer.from(youSaidWeDidHtml(model, images), 'utf8') })
    else
      for (const t of renderFormat(model, f, images))
        files.push({ name: t.name, data: Buffer.from(t.text, 'utf8') })
  }
  for (const [name, data] of photos) files.push({ name, data })
  await mkdir(outDir, { recursive: true })
  if (photos.size > 0) await mkdir(join(outDir, 'photos'), { recursive: true })
  const written: WrittenFile[] = []
  for (const file of files) {
    const path = join(outDir, file.name)
    const data = file.data
    await writeFileAtomic(path, data)
    written.push({ path, bytes: data.length })
  }
  return written
}
