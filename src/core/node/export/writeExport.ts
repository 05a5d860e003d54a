import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { EXPORT_FORMATS, renderFormat, type ExportFormat } from '../../common/export/formats'
import type { ExportModel } from '../../common/export/schema'

export interface WrittenFile {
  readonly path: string
  readonly bytes: number
}

/**
 * Renders the chosen formats and writes each file atomically into outDir (created if missing): a
 * temporary file in the same folder is written and fsynced, then renamed over the target, then the
 * folder is fsynced. A reader never sees a half-written export; on failure no temp file is left.
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
    const bytes = await writeFileAtomic(path, file.text)
    written.push({ path, bytes })
  }
  await fsyncDir(outDir)
  return written
}

export async function writeFileAtomic(path: string, text: string): Promise<number> {
  const data = Buffer.from(text, 'utf8')
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  try {
    const fh = await open(tmp, 'wx', 0o644)
    try {
      await fh.writeFile(data)
      await fh.sync()
    } finally {
      await fh.close()
    }
    await rename(tmp, path)
  } catch (e) {
    await rm(tmp, { force: true })
    throw e
  }
  return data.length
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r')
    try {
      await fh.sync()
    } finally {
      await fh.close()
    }
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the renames are still atomic.
  }
}
