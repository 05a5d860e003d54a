import Papa from 'papaparse'
import { CARD_KIND_INFO, CARD_KINDS, CARD_LIMITS, type CardKind } from '../cards/card'
import { COPRO_ROLE_INFO, COPRO_ROLES, type CoproRole } from '../../../shared/model/roles'
import type { BoardStructure, CellRef } from '../../../shared/model/structure'
import { cleanText, oneLine } from '../text/sanitize'

/**
 * Bulk input: many cards at once, checked before anything is written.
 *
 * - `splitCardLines`: pasted text, one card per line (list bullets and numbers dropped).
 * - `parseCardTable`: a CSV or tab-separated table (a spreadsheet saved as CSV, or cells copied from
 *   one) with a header row naming its columns: text (required), kind, stage, lane, zone, role, name.
 *   Each data row becomes a card or an error that names its row number as a spreadsheet shows it
 *   (the header is row 1). Nothing here writes: the caller shows the preview and writes on confirm
 *   (bulk/write.ts).
 */
export const BULK_MAX_CARDS = 2000

export interface ImportedCard {
  /** Row number as a spreadsheet shows it (header = 1), or line number for pasted lines. */
  readonly row: number
  readonly kind: CardKind
  readonly text: string
  readonly cell: CellRef | null
  readonly role: CoproRole
  /** A name the person agreed to show; '' = anonymous. */
  readonly name: string
}

/**
 * What is wrong, as a code with its values: the renderer words it with t(`bulk.problem.<code>`, values);
 * `text` is the English the CLI prints.
 */
export type BulkProblemCode =
  | 'textEmpty'
  | 'textTooLong'
  | 'unknownKind'
  | 'unknownRole'
  | 'nameTooLong'
  | 'noStage'
  | 'noLane'
  | 'noZone'
  | 'stageNeedsLane'
  | 'laneNeedsStage'
  | 'noStructure'
  | 'unreadable'
  | 'fileEmpty'
  | 'noTextColumn'
  | 'tooMany'
export interface BulkProblem {
  readonly code: BulkProblemCode
  readonly values: Readonly<Record<string, string | number>>
  readonly text: string
}
const problem = (
  code: BulkProblemCode,
  text: string,
  values: Record<string, string | number> = {},
): BulkProblem => ({
  code,
  values,
  text,
})

export interface RowError {
  readonly row: number
  /** English, for the CLI: "Row 3: the text is empty." */
  readonly message: string
  /** The same, translatable: the renderer words each with t (bulk.row, bulk.problem.*). */
  readonly problems: readonly BulkProblem[]
}

export interface ParsedTable {
  readonly cards: readonly ImportedCard[]
  readonly errors: readonly RowError[]
  /** Problems with the file as a whole (no header, no text column …): nothing can be imported. */
  readonly fatal: string | null
  /** `fatal` as a code with values, for the renderer's t(`bulk.problem.<code>`). */
  readonly fatalProblem?: BulkProblem
}

/** Lines of pasted text as card texts: blank lines dropped, "- ", "• ", "1. " and "1)" stripped. */
export function splitCardLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/^\s*(?:[-*•‣◦▪·]|\d{1,3}[.)])\s+/u, '').trim())
    .filter((l) => l !== '')
    .map((l) => l.slice(0, CARD_LIMITS.textMax))
    .slice(0, BULK_MAX_CARDS)
}

const COLUMN_NAMES: Record<string, readonly string[]> = {
  text: ['text', 'card', 'card text', 'comment', 'response', 'answer', 'testun'],
  kind: ['kind', 'type', 'card kind', 'math'],
  stage: ['stage', 'step', 'cam'],
  lane: ['lane', 'row'],
  zone: ['zone', 'area', 'lane or zone', 'parth'],
  role: ['role', 'co-production role', 'author role', 'rôl', 'rol'],
  name: ['name', 'consented name', 'author', 'author name', 'enw'],
}

const norm = (s: string): string => oneLine(s).trim().toLowerCase().replace(/\s+/g, ' ')

function kindOf(v: string): CardKind | null {
  const k = norm(v)
  for (const kind of CARD_KINDS)
    if (k === kind || k === norm(CARD_KIND_INFO[kind].label) || k === norm(CARD_KIND_INFO[kind].phrase))
      return kind
  return null
}

function roleOf(v: string): CoproRole | null {
  const r = norm(v)
  for (const role of COPRO_ROLES) {
    const info = COPRO_ROLE_INFO[role]
    if (r === role || r === norm(info.label) || r === norm(info.short)) return role
  }
  if (r === 'staff') return 'frontline-staff'
  if (r === 'carer' || r === 'family') return 'carer-family'
  if (r === 'manager' || r === 'commissioner') return 'manager-commissioner'
  if (r === 'volunteer' || r === 'community') return 'community-volunteer'
  return null
}

export interface TableOptions {
  /** Kind of rows with no kind column or an empty kind. */
  readonly defaultKind: CardKind
  /** Role of rows with no role. */
  readonly defaultRole: CoproRole
}

/** A row of a table: its number as a spreadsheet shows it (header = 1) and its cells as text. */
export interface TableRow {
  readonly row: number
  readonly cells: readonly string[]
}

/** Parses a CSV / TSV table of cards against the board's structure. */
export function parseCardTable(
  csv: string,
  structure: BoardStructure | null,
  opts: TableOptions,
): ParsedTable {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' })
  const result = parseCardRows(
    parsed.data.map((cells, i) => ({ row: i + 1, cells })),
    structure,
    opts,
  )
  if (result.fatal) return result
  const errors = [...result.errors]
  for (const e of parsed.errors) {
    const row = (e.row ?? -1) + 1
    if (row > 1 && !errors.some((x) => x.row === row))
      errors.push({
        row,
        message: `Row ${row}: ${e.message}.`,
        problems: [problem('unreadable', e.message, { detail: e.message })],
      })
  }
  errors.sort((a, b) => a.row - b.row)
  return { ...result, errors }
}

/**
 * Parses the rows of a table of cards (a CSV's, or a spreadsheet's first sheet — the server reads
 * .xlsx files, core/node/import/spreadsheet.ts): the first row names the columns.
 */
export function parseCardRows(
  input: readonly TableRow[],
  structure: BoardStructure | null,
  opts: TableOptions,
): ParsedTable {
  const rows = input.filter((r) => r.cells.some((c) => c.trim() !== ''))
  const header = rows[0]?.cells
  if (!header || header.length === 0)
    return {
      cards: [],
      errors: [],
      fatal: 'The file is empty.',
      fatalProblem: problem('fileEmpty', 'The file is empty.'),
    }
  const col: Partial<Record<keyof typeof COLUMN_NAMES, number>> = {}
  header.forEach((h, i) => {
    const n = norm(h)
    for (const [key, names] of Object.entries(COLUMN_NAMES))
      if (names.includes(n) && col[key as keyof typeof COLUMN_NAMES] === undefined)
        col[key as keyof typeof COLUMN_NAMES] = i
  })
  if (col.text === undefined) {
    const found = header.map((h) => `"${oneLine(h)}"`).join(', ')
    const fatal = `Row ${rows[0]!.row} must name the columns, with one called "text" (found: ${found}).`
    return {
      cards: [],
      errors: [],
      fatal,
      fatalProblem: problem('noTextColumn', fatal, { row: rows[0]!.row, found }),
    }
  }
  if (rows.length - 1 > BULK_MAX_CARDS) {
    const fatal = `At most ${BULK_MAX_CARDS} cards at once (this file has ${rows.length - 1}).`
    return {
      cards: [],
      errors: [],
      fatal,
      fatalProblem: problem('tooMany', fatal, { max: BULK_MAX_CARDS, count: rows.length - 1 }),
    }
  }

  const cards: ImportedCard[] = []
  const errors: RowError[] = []
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!.cells
    const row = rows[i]!.row
    const get = (k: keyof typeof COLUMN_NAMES): string => {
      const c = col[k]
      return c === undefined ? '' : (r[c] ?? '').trim()
    }
    const problems: BulkProblem[] = []
    const text = cleanText(get('text')).trim()
    if (!text) problems.push(problem('textEmpty', 'the text is empty'))
    else if (text.length > CARD_LIMITS.textMax)
      problems.push(
        problem('textTooLong', `the text is longer than ${CARD_LIMITS.textMax} characters`, {
          max: CARD_LIMITS.textMax,
        }),
      )
    const kindText = get('kind')
    const kind = kindText ? kindOf(kindText) : opts.defaultKind
    if (!kind)
      problems.push(
        problem('unknownKind', `unknown kind "${oneLine(kindText)}" (use ${CARD_KINDS.join(', ')})`, {
          value: oneLine(kindText),
          allowed: CARD_KINDS.join(', '),
        }),
      )
    const roleText = get('role')
    const role = roleText ? roleOf(roleText) : opts.defaultRole
    if (!role)
      problems.push(
        problem('unknownRole', `unknown role "${oneLine(roleText)}" (use ${COPRO_ROLES.join(', ')})`, {
          value: oneLine(roleText),
          allowed: COPRO_ROLES.join(', '),
        }),
      )
    const name = oneLine(get('name')).trim()
    if (name.length > CARD_LIMITS.nameMax)
      problems.push(
        problem('nameTooLong', `the name is longer than ${CARD_LIMITS.nameMax} characters`, {
          max: CARD_LIMITS.nameMax,
        }),
      )
    const cell = cellOf(structure, get('stage'), get('lane'), get('zone'), problems)
    if (problems.length > 0)
      errors.push({ row, message: `Row ${row}: ${problems.map((x) => x.text).join('; ')}.`, problems })
    else cards.push({ row, kind: kind!, text, cell, role: role!, name })
  }
  return { cards, errors, fatal: null }
}

/** The cell a row names by stage and lane (grid) or zone (zones board), by label or id. */
function cellOf(
  s: BoardStructure | null,
  stage: string,
  lane: string,
  zone: string,
  problems: BulkProblem[],
): CellRef | null {
  const find = <T extends { id: string; label: string }>(list: readonly T[], v: string) =>
    list.find((x) => x.id === v) ?? list.find((x) => norm(x.label) === norm(v))
  if (!stage && !lane && !zone) return null
  if (s?.type === 'grid') {
    const lv = lane || zone
    const st = stage ? find(s.stages, stage) : undefined
    const ln = lv ? find(s.lanes, lv) : undefined
    if (stage && !st)
      problems.push(problem('noStage', `no stage called "${oneLine(stage)}"`, { value: oneLine(stage) }))
    if (lv && !ln) problems.push(problem('noLane', `no lane called "${oneLine(lv)}"`, { value: oneLine(lv) }))
    if (st && !lv) problems.push(problem('stageNeedsLane', 'a stage needs a lane too'))
    if (ln && !stage) problems.push(problem('laneNeedsStage', 'a lane needs a stage too'))
    return st && ln ? { type: 'cell', stageId: st.id, laneId: ln.id } : null
  }
  if (s?.type === 'zones') {
    const zv = zone || lane || stage
    const z = find(s.zones, zv)
    if (!z) problems.push(problem('noZone', `no zone called "${oneLine(zv)}"`, { value: oneLine(zv) }))
    return z ? { type: 'zone', zoneId: z.id } : null
  }
  problems.push(problem('noStructure', 'this board has no stages, lanes or zones'))
  return null
}
