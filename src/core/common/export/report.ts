import type * as Y from 'yjs'
import { z } from 'zod'
import { sessionMap, WORKSHOP_KEYS } from '../session/docSchema'
import { plain } from '../session/read'
import { Language } from '../../../shared/i18n/languages'
import { PHOTO_ASSET_ID } from '../photos/photo'

/**
 * What the facilitator writes and chooses for the report to circulate: the organisation's name, a
 * summary, the context (purpose, who took part, next steps) and which sections to include. Stored in
 * the document (`workshop.report`) so every facilitator of the session sees and edits the same text;
 * an absent or invalid value reads as the defaults (every section, no text).
 */
export const REPORT_SECTIONS = [
  'board',
  'themes',
  'pains',
  'decisions',
  'contributions',
  'actions',
  'comments',
  'voice',
  'checkpoints',
] as const
export type ReportSection = (typeof REPORT_SECTIONS)[number]

export const REPORT_SECTION_LABELS: Readonly<Record<ReportSection, string>> = {
  board: 'The board (journey matrix or zones)',
  themes: 'Themes',
  pains: 'Pains ranked by votes',
  decisions: 'Voting results by round',
  contributions: 'Contributions ledger',
  actions: 'Action plan',
  comments: 'Comments and “me too”',
  voice: 'Voice balance',
  checkpoints: 'Checkpoints',
}

export const ReportSettings = z.object({
  organisation: z.string().max(200).default(''),
  summary: z.string().max(5000).default(''),
  purpose: z.string().max(2000).default(''),
  whoTookPart: z.string().max(2000).default(''),
  nextSteps: z.string().max(5000).default(''),
  /** Sections left out of the report (so new sections appear by default). */
  hidden: z.array(z.enum(REPORT_SECTIONS)).max(REPORT_SECTIONS.length).default(['checkpoints']),
  /**
   * The report's language(s): one, or two side by side (the first leads, e.g. ['cy', 'en']). Empty:
   * the session's language.
   */
  languages: z.array(Language).max(2).default([]),
  /** The organisation's logo: an image in the session's asset store (its asset id), or '' for none. */
  logo: z.union([z.string().regex(PHOTO_ASSET_ID), z.literal('')]).default(''),
})
export type ReportSettings = z.infer<typeof ReportSettings>

export const DEFAULT_REPORT: ReportSettings = ReportSettings.parse({})

export function parseReportSettings(v: unknown): ReportSettings {
  const p = ReportSettings.safeParse(v ?? {})
  return p.success ? p.data : DEFAULT_REPORT
}

export function readReportSettings(doc: Y.Doc): ReportSettings {
  return parseReportSettings(plain(sessionMap(doc, 'workshop').get(WORKSHOP_KEYS.report)))
}

export function writeReportSettings(doc: Y.Doc, s: ReportSettings, origin: unknown = null): void {
  const v = ReportSettings.parse(s)
  doc.transact(() => sessionMap(doc, 'workshop').set(WORKSHOP_KEYS.report, v), origin)
}
