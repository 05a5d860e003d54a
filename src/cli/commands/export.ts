import { resolve } from 'node:path'
import type * as Y from 'yjs'
import { flagString, parseArgs, UsageError } from '../args'
import { buildExportModel } from '../../core/common/export/model'
import { EXPORT_FORMATS } from '../../core/common/export/formats'
import { WRITE_FORMATS, writeExport, type WriteFormat } from '../../core/node/export/writeExport'
import { Language } from '../../shared/i18n/languages'

export const EXPORT_USAGE =
  'copro export <session-id | file.copro> [--format json,csv,md,html,docx,xlsx,easyread] --out DIR [--data-dir D] [--names] [--language cy,en]'

const HELP = `Export a session's structured outputs.

Usage:
  ${EXPORT_USAGE}

Options:
  --format   comma-separated list of json, csv, md, html, docx, xlsx, easyread (default: json, csv, md, html)
             json → export.json   csv → cards.csv + actions.csv (+ themes.csv)   md → report.md
             html → report.html   docx → report.docx (Word)   xlsx → export.xlsx (one sheet per table)
             easyread → you-said-we-did.html (an easy-read one-pager for the people who took part)
  --out      folder to write into (created if missing; existing export files are replaced)
  --data-dir data folder holding the sessions (default: the app's data folder)
  --names    show the names of participants who agreed to be named (default: pseudonyms only)
  --language the report's language, or two side by side, the first leading: en, cy, ar, cy,en …
             (default: the facilitator's choice in the app, else the session's language). CSV, JSON
             and the spreadsheet are data: their column names stay English.`

export interface ExportCommandIo {
  out(s: string): void
  err(s: string): void
  /** Default data folder (overridden by --data-dir). */
  dataDir: string
  /** Loads a session document by id (from the data folder) or from a .copro file. */
  loadSessionDoc(
    idOrFile: string,
    opts: { dataDir: string },
  ): Promise<{
    doc: Y.Doc
    checkpoints?: readonly unknown[]
    /** The session's images: with it, photos go to a photos/ folder and into the reports. */
    readAsset?: (assetId: string) => Promise<Uint8Array | null>
  }>
  /** Stamped into the export; default '0.0.0'. */
  appVersion?: string
  /** Clock for generatedAt (tests pass a fixed one). */
  now?: () => Date
}

/** `copro export …`. Returns the process exit code: 0 done, 1 failed, 2 bad usage. */
export async function runExportCommand(args: string[], io: ExportCommandIo): Promise<number> {
  let target: string
  let formats: WriteFormat[]
  let outDir: string
  let dataDir: string
  let includeNames: boolean
  let languages: Language[]
  try {
    const p = parseArgs(args, {
      values: ['format', 'out', 'data-dir', 'language'],
      booleans: ['names', 'help'],
    })
    if (p.flags.has('help')) {
      io.out(HELP)
      return 0
    }
    if (p.positionals.length !== 1) throw new UsageError('Give exactly one session id or .copro file.')
    target = p.positionals[0]!
    formats = parseFormats(flagString(p, 'format'))
    const out = flagString(p, 'out')
    if (!out) throw new UsageError('--out DIR is required.')
    outDir = resolve(out)
    dataDir = resolve(flagString(p, 'data-dir') ?? io.dataDir)
    includeNames = p.flags.has('names')
    languages = parseLanguages(flagString(p, 'language'))
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\nUsage: ${EXPORT_USAGE}`)
      return 2
    }
    throw e
  }
  try {
    const { doc, checkpoints, readAsset } = await io.loadSessionDoc(target, { dataDir })
    const model = buildExportModel(doc, {
      checkpoints: checkpoints ?? [],
      includeNames,
      generatedAt: (io.now?.() ?? new Date()).toISOString(),
      appVersion: io.appVersion ?? '0.0.0',
      languages,
    })
    const written = await writeExport(model, formats, outDir, readAsset ? { readAsset } : {})
    io.out(
      `Exported "${model.session.title}" (${model.cards.length} cards, ${model.actions.length} actions) to ${outDir}:`,
    )
    for (const f of written) io.out(`  ${f.path}  ${f.bytes} bytes`)
    return 0
  } catch (e) {
    io.err(`Export failed: ${e instanceof Error ? e.message : String(e)}`)
    return 1
  }
}

function parseLanguages(v: string | undefined): Language[] {
  if (v === undefined) return []
  const list = [...new Set(v.split(',').map((s) => s.trim().toLowerCase()))].filter((s) => s !== '')
  if (list.length < 1 || list.length > 2)
    throw new UsageError('--language takes one language or two side by side, e.g. --language cy,en.')
  for (const l of list)
    if (!Language.safeParse(l).success)
      throw new UsageError(`Unknown language "${l}": choose from ${Language.options.join(', ')}.`)
  return list as Language[]
}

function parseFormats(v: string | undefined): WriteFormat[] {
  if (v === undefined) return [...EXPORT_FORMATS]
  const list = v
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '')
  if (!list.length) throw new UsageError('--format needs at least one of json, csv, md, html.')
  for (const f of list)
    if (!(WRITE_FORMATS as readonly string[]).includes(f))
      throw new UsageError(`Unknown format "${f}": choose from ${WRITE_FORMATS.join(', ')}.`)
  return [...new Set(list)] as WriteFormat[]
}
