import type * as Y from 'yjs'
import {
  buildExportModel,
  htmlReport,
  renderFormat,
  type ExportFormat,
  type ExportModel,
} from '../../../core/common/export'
import { safeFileName } from '../../../core/common/text/sanitize'
import type { ExportFrame } from '../../board/export/frames'
import { frameSlug } from '../../board/export/frames'
import type { AppHost } from '../../host/types'
import { fetchReportImages, type ImageUrl } from './reportImages'

/** What the person chose in the Export view. */
export interface ExportChoices {
  readonly json: boolean
  readonly csv: boolean
  readonly md: boolean
  readonly html: boolean
  readonly pdf: boolean
  /** Word report and Excel workbook, made by the app's server (export.office). */
  readonly docx: boolean
  readonly xlsx: boolean
  readonly png: boolean
  readonly svg: boolean
  /** For the pictures: one stage, lane or zone, or null for the whole board. */
  readonly frame: ExportFrame | null
  /** Show the names of participants who agreed to be named (off by default: pseudonyms). */
  readonly includeNames: boolean
}

export const DEFAULT_CHOICES: ExportChoices = {
  json: false,
  csv: true,
  md: false,
  html: true,
  pdf: false,
  docx: false,
  xlsx: false,
  png: false,
  svg: false,
  frame: null,
  includeNames: false,
}

export const TEXT_FORMATS: readonly { key: ExportFormat; label: string; help: string }[] = [
  { key: 'json', label: 'Data (JSON)', help: 'Everything, for other tools; follows a published schema.' },
  {
    key: 'csv',
    label: 'Spreadsheets (cards.csv, actions.csv, and themes.csv when there are themes)',
    help: 'Actions import into Jira, Trello or Planner.',
  },
  { key: 'md', label: 'Markdown report', help: 'Plain-text report for wikis and repositories.' },
  { key: 'html', label: 'HTML report', help: 'Report with charts; opens in any browser and prints on A4.' },
]

/** Word and Excel: made by the app's server, which ships docx and exceljs (ADR 0044, amended). */
export const OFFICE_FORMATS = [
  {
    key: 'docx',
    file: 'report.docx',
    label: 'Word report (.docx)',
    help: 'Editable report with the summary, tables, photos and logo.',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  {
    key: 'xlsx',
    file: 'export.xlsx',
    label: 'Excel workbook (.xlsx)',
    help: 'One sheet per table: cards, actions, themes, participants, voice balance.',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
] as const

export interface ExportSource {
  readonly doc: Y.Doc
  readonly sessionId: string
  readonly host: AppHost
  readonly appVersion: string
}

/**
 * The export model of the live session document, with the session's checkpoints. Names appear only
 * when asked for and only for people who agreed; anonymous cards never carry one (the model's rules).
 */
export async function loadModel(src: ExportSource, includeNames: boolean): Promise<ExportModel> {
  const cps = await src.host.call('checkpoints.list', { id: src.sessionId })
  return buildExportModel(src.doc, {
    checkpoints: cps.ok ? cps.value : [],
    includeNames,
    generatedAt: new Date().toISOString(),
    appVersion: src.appVersion,
  })
}

/** The session title made safe as the start of a file name on every system. */
export const fileBase = (title: string): string => safeFileName(title)

export interface SavedFile {
  readonly name: string
  readonly bytes: number
}

export interface SaveOutcome {
  readonly saved: SavedFile[]
  /** The PDF went to the browser's print dialog instead of a file. */
  readonly printed: boolean
  readonly problems: string[]
}

export interface SaveDeps extends ExportSource {
  readonly title: string
  readonly exportImage: (
    format: 'png' | 'svg',
    frame: ExportFrame | null,
    cards: ReadonlyMap<string, string>,
  ) => Promise<Blob>
  readonly printHtml: (html: string, title: string) => Promise<void>
  /** Where the board shows an image: with it, the HTML/PDF report embeds photos and the logo. */
  readonly imageUrl?: ImageUrl
}

/**
 * Renders and saves every chosen file, one by one: `<title>-cards.csv`, `<title>-report.html` …
 * host.saveFile is a download: in a browser it goes to the downloads folder; in the desktop app
 * Electron asks where to save each file with its native save dialog (its default for downloads).
 */
export async function saveExports(choices: ExportChoices, deps: SaveDeps): Promise<SaveOutcome> {
  const base = fileBase(deps.title)
  const saved: SavedFile[] = []
  const problems: string[] = []
  let printed = false
  const save = async (name: string, blob: Blob) => {
    await deps.host.saveFile(`${base}-${name}`, blob)
    saved.push({ name: `${base}-${name}`, bytes: blob.size })
  }

  const formats = TEXT_FORMATS.map((f) => f.key).filter((k) => choices[k])
  const model = await loadModel(deps, choices.includeNames)
  const images = choices.html || choices.pdf ? await fetchReportImages(model, deps.imageUrl) : {}
  for (const f of formats)
    for (const file of renderFormat(model, f, images))
      await save(file.name, new Blob([file.text], { type: file.mediaType }))
  for (const f of OFFICE_FORMATS) {
    if (!choices[f.key]) continue
    const r = await deps.host.call('export.office', {
      id: deps.sessionId,
      format: f.key,
      includeNames: choices.includeNames,
    })
    if (r.ok) await save(f.file, new Blob([base64ToBytes(r.value.base64)], { type: f.mediaType }))
    else problems.push(`${f.label}: ${r.error.message}`)
  }
  if (choices.pdf) {
    const html = htmlReport(model, images)
    const pdf = deps.host.kind === 'electron' ? await deps.host.call('export.pdf', { html }) : null
    if (pdf?.ok)
      await save('report.pdf', new Blob([base64ToBytes(pdf.value.base64)], { type: 'application/pdf' }))
    else if (!pdf || pdf.error.code === 'unavailable') {
      await deps.printHtml(html, `${base}-report`)
      printed = true
    } else problems.push(`PDF: ${pdf.error.message}`)
  }
  for (const fmt of ['png', 'svg'] as const) {
    if (!choices[fmt]) continue
    try {
      const picture = await deps.exportImage(fmt, choices.frame, pictureAuthors(model))
      await save(`${frameSlug(choices.frame)}.${fmt}`, picture)
    } catch (e) {
      problems.push(`${fmt.toUpperCase()}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return { saved, printed, problems }
}

/**
 * Consent for pictures, from the model: each kept card's author line (a consented name or the
 * pseudonym; nothing for anonymous cards). Withdrawn participants' cards are not in the model, so
 * they are left out of pictures too.
 */
export function pictureAuthors(model: ExportModel): Map<string, string> {
  return new Map(model.cards.map((c) => [c.id, c.author.name ?? c.author.pseudonym ?? '']))
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64)
  const out = new Uint8Array(new ArrayBuffer(bin.length))
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}
