import { COPRO_ROLES, type CoproRole } from '../../../../shared/model/roles'
import type { ExportModel } from '../schema'
import { areaLabel, authorLabel, cardIndex } from './common'
import { wordsFor } from './words'

/**
 * CSV files are data: their column names, codes and the words the app adds stay in English whatever
 * the report's language (docs/formats/export.md), so spreadsheets and planning tools that read them
 * keep working. People's own words are as written.
 */
const EN = wordsFor(['en'])
const roleShort = (r: CoproRole): string => EN.roleShort(r)

/** Byte order mark: Excel reads the file as UTF-8 only with it. */
export const BOM = '\uFEFF'

/**
 * Spreadsheet formula injection: a cell starting with = + - @ tab or CR could run as a formula in
 * Excel, LibreOffice or Google Sheets. Such cells get a leading apostrophe, which spreadsheets show
 * as text (OWASP "CSV Injection"). Spreadsheets also skip leading white space and invisible characters
 * and read the full-width forms ＝ ＋ － ＠ (and the minus sign −) as operators, so a formula sign after
 * any run of white space (spaces, NBSP, U+2028/2029, …) or invisible characters (ZWSP, ZWNJ, ZWJ, word
 * joiner, BOM, soft hyphen) counts too.
 */
const FORMULA_START =
  /^[\s\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\u2212\uFE62\uFE63\uFE6B]|^[\t\r]/

export function neutraliseCell(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s
}

/** RFC 4180: fields with a quote, comma, CR or LF are quoted, quotes doubled; lines end with CRLF. */
export function quoteCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Rows (header first) to CSV text with BOM; every cell is neutralised then quoted. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((r) => r.map((c) => quoteCell(neutraliseCell(c))).join(',')).join('\r\n') + '\r\n'
}

export const CARDS_HEADER = [
  'Card ID',
  'Kind',
  'Text',
  'Stage',
  'Lane',
  'Zone',
  'Author role',
  'Author',
  'Votes',
  ...COPRO_ROLES.map((r) => `Votes: ${roleShort(r)}`),
  'Links to',
  'Linked from',
  'Owner',
  'Due date',
  'Created at',
  'Theme',
  'Photo file',
] as const

/** cards.csv rows before neutralising/quoting (header first): one row per card, in board order. */
export function cardsRows(m: ExportModel): string[][] {
  const actions = new Map(m.actions.map((a) => [a.cardId, a]))
  const themeOf = new Map(m.themes.flatMap((t) => t.cardIds.map((id) => [id, t.name] as const)))
  const rows: string[][] = [[...CARDS_HEADER]]
  for (const c of m.cards) {
    const a = actions.get(c.id)
    rows.push([
      c.id,
      c.kindLabel,
      c.text,
      c.cell.type === 'cell' ? c.cell.stageLabel : '',
      c.cell.type === 'cell' ? c.cell.laneLabel : '',
      c.cell.type === 'zone' ? c.cell.zoneLabel : '',
      c.author.coproRoleLabel,
      authorLabel(c.author, EN),
      String(c.votes.total),
      ...COPRO_ROLES.map((r) => String(c.votes.byRole[r])),
      c.linksTo.join('; '),
      c.linkedFrom.join('; '),
      a?.owner ?? '',
      a?.due ?? '',
      c.createdAt,
      themeOf.get(c.id) ?? '',
      c.photo?.file ?? '',
    ])
  }
  return rows
}

export const PICTURES_HEADER = ['Picture ID', 'Description', 'Stage', 'Lane', 'Zone', 'File'] as const

/** pictures.csv rows (header first): the board's pictures that are not photo cards, in board order. */
export function picturesRows(m: ExportModel): string[][] {
  return [
    [...PICTURES_HEADER],
    ...(m.images ?? []).map((i) => [
      i.id,
      i.description,
      i.cell.type === 'cell' ? i.cell.stageLabel : '',
      i.cell.type === 'cell' ? i.cell.laneLabel : '',
      i.cell.type === 'zone' ? i.cell.zoneLabel : '',
      i.file ?? '',
    ]),
  ]
}

/**
 * actions.csv: one header set that the Jira, Trello and Microsoft Planner importers can map
 * (see docs/formats/export.md for the mapping per tool).
 */
export const ACTIONS_HEADER = [
  'Summary',
  'Description',
  'Assignee',
  'Due date',
  'Labels',
  'Bucket',
  'Stage',
  'Lane',
  'Zone',
  'Votes',
  'Pains addressed',
  'Card ID',
] as const

export const ACTION_LABEL = 'co-production'
const SUMMARY_MAX = 255

export function actionsRows(m: ExportModel): string[][] {
  const cards = cardIndex(m)
  const rows: string[][] = [[...ACTIONS_HEADER]]
  for (const a of m.actions) {
    const firstLine = a.text.split('\n').find((l) => l.trim() !== '') ?? ''
    const summary = truncate(firstLine.trim() || '(untitled action)', SUMMARY_MAX)
    const pains = a.addressesPainIds.map((id) => cards.get(id)!).filter(Boolean)
    const where = a.cell.type === 'unplaced' ? 'Unplaced' : areaLabel(a.cell, EN)
    const card = cards.get(a.cardId)!
    const description = [
      a.text,
      '',
      ...(pains.length
        ? ['Addresses:', ...pains.map((p) => `* ${p.text.replace(/\n+/g, ' ')} (${p.votes.total} votes)`), '']
        : []),
      `Where: ${a.cell.type === 'cell' ? `${a.cell.stageLabel} / ${a.cell.laneLabel}` : where}`,
      `Proposed by: ${card.author.coproRoleLabel}`,
      `Votes: ${a.votes.total}`,
      `From Copro Studio session "${m.session.title}" (card ${a.cardId})`,
    ].join('\n')
    rows.push([
      summary,
      description,
      a.owner,
      a.due,
      ACTION_LABEL,
      where,
      a.cell.type === 'cell' ? a.cell.stageLabel : '',
      a.cell.type === 'cell' ? a.cell.laneLabel : '',
      a.cell.type === 'zone' ? a.cell.zoneLabel : '',
      String(a.votes.total),
      pains.map((p) => p.text.replace(/\n+/g, ' ')).join('; '),
      a.cardId,
    ])
  }
  return rows
}

/** themes.csv: one row per theme, with its votes and cards by role (most-voted first). */
export const THEMES_HEADER = [
  'Theme',
  'Cards',
  ...COPRO_ROLES.map((r) => `Cards: ${roleShort(r)}`),
  'Votes',
  ...COPRO_ROLES.map((r) => `Votes: ${roleShort(r)}`),
  'Card texts',
  'Card IDs',
] as const

export function themesRows(m: ExportModel): string[][] {
  const cards = cardIndex(m)
  const rows: string[][] = [[...THEMES_HEADER]]
  for (const t of m.themes)
    rows.push([
      t.name,
      String(t.cardIds.length),
      ...COPRO_ROLES.map((r) => String(t.cardsByRole[r])),
      String(t.votes.total),
      ...COPRO_ROLES.map((r) => String(t.votes.byRole[r])),
      t.cardIds.map((id) => (cards.get(id)?.text ?? '').replace(/\n+/g, ' ')).join('; '),
      t.cardIds.join('; '),
    ])
  return rows
}

export function themesCsv(m: ExportModel): string {
  return toCsv(themesRows(m))
}

function truncate(s: string, max: number): string {
  const chars = Array.from(s)
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`
}

export function cardsCsv(m: ExportModel): string {
  return toCsv(cardsRows(m))
}

export function actionsCsv(m: ExportModel): string {
  return toCsv(actionsRows(m))
}
