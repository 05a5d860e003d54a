import { resolve } from 'node:path'
import type * as Y from 'yjs'
import { flagString, parseArgs, UsageError } from '../args'
import { buildExportModel } from '../../core/common/export/model'
import { EXPORT_FORMATS } from '../../core/common/export/formats'
import { WRITE_FORMATS, writeExport, type WriteFormat } from '../../core/node/export/writeExport'
import { Language } from '../../shared/i18n/languages'
import { w } from '../words'

export const EXPORT_USAGE =
  'copro export <session-id | file.copro> [--format json,csv,md,html,docx,xlsx,easyread] --out DIR [--data-dir D] [--names] [--language cy,en]'

const HELP = (): string => `${w('cli.export.help.title')}

${w('cli.usageHeading')}
  ${EXPORT_USAGE}

${w('cli.optionsHeading')}
  --format   ${w('cli.export.help.format')}
             json → export.json   csv → cards.csv + actions.csv (+ themes.csv)   md → report.md
             html → report.html   docx → report.docx (Word)   xlsx → export.xlsx
             ${w('cli.export.help.easyread')}
  --out      ${w('cli.export.help.out')}
  --data-dir ${w('cli.export.help.dataDir')}
  --names    ${w('cli.export.help.names')}
  --language ${w('cli.export.help.language')}`

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
      io.out(HELP())
      return 0
    }
    if (p.positionals.length !== 1) throw new UsageError(w('cli.export.oneTarget'))
    target = p.positionals[0]!
    formats = parseFormats(flagString(p, 'format'))
    const out = flagString(p, 'out')
    if (!out) throw new UsageError(w('cli.export.needsOut'))
    outDir = resolve(out)
    dataDir = resolve(flagString(p, 'data-dir') ?? io.dataDir)
    includeNames = p.flags.has('names')
    languages = parseLanguages(flagString(p, 'language'))
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${w('cli.usage', { usage: EXPORT_USAGE })}`)
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
      w('cli.export.done', {
        title: model.session.title,
        cards: model.cards.length,
        actions: model.actions.length,
        dir: outDir,
      }),
    )
    for (const f of written) io.out(`  ${w('cli.export.bytes', { path: f.path, bytes: f.bytes })}`)
    return 0
  } catch (e) {
    io.err(w('cli.export.failed', { message: e instanceof Error ? e.message : String(e) }))
    return 1
  }
}

function parseLanguages(v: string | undefined): Language[] {
  if (v === undefined) return []
  const list = [...new Set(v.split(',').map((s) => s.trim().toLowerCase()))].filter((s) => s !== '')
  if (list.length < 1 || list.length > 2) throw new UsageError(w('cli.export.languageCount'))
  for (const l of list)
    if (!Language.safeParse(l).success)
      throw new UsageError(w('cli.unknownLanguage', { language: l, languages: Language.options.join(', ') }))
  return list as Language[]
}

function parseFormats(v: string | undefined): WriteFormat[] {
  if (v === undefined) return [...EXPORT_FORMATS]
  const list = v
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '')
  if (!list.length) throw new UsageError(w('cli.export.needsFormat'))
  for (const f of list)
    if (!(WRITE_FORMATS as readonly string[]).includes(f))
      throw new UsageError(w('cli.export.unknownFormat', { format: f, formats: WRITE_FORMATS.join(', ') }))
  return [...new Set(list)] as WriteFormat[]
}
