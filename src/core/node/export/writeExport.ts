import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { EXPORT_FORMATS, renderFormat, type ExportFormat } from '../../common/export/formats'
import type { ExportModel } from '../../common/export/schema'
import { writeFileAtomic } from '../storage/fsAtomic'

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
  formats: readonly ExportFormat[],
  outDir: string,
): Promise<WrittenFile[]> {
  for (const f of formats)
    if (!(EXPORT_FORMATS as readonly string[]).includes(f))
      throw new Error(`unknown export format: ${String(f)}`)
  const unique = [...new Set(formats)]
  const files = unique.flatMap((f) => renderFormat(model, f))
  await mkdir(outDir, { recursive: true })
  const written: WrittenFile[] = []
  for (const file of files) {
    const path = join(outDir, file.name)
    const data = Buffer.from(file.text, 'utf8')
    await writeFileAtomic(path, data)
    written.push({ path, bytes: data.length })
  }
  return written
}
