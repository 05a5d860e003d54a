import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { PassThrough } from 'node:stream'
import { ExcelWorkbookWriter } from './excel'
import { COPRO_ROLES } from '../../../shared/model/roles'
import { actionsRows, cardsRows, themesRows } from '../../common/export/formats/csv'
import {
  authorLabel,
  byRoleSplit,
  cardIndex,
  cellLabel,
  checkpointReason,
  plural,
  rankedPains,
  roleShort,
  shows,
  whoTookPart,
} from '../../common/export/formats/common'
import type { ExportModel } from '../../common/export/schema'
import { docxLogo, docxPhotos, type DocxImages } from './officePhotos'

/**
 * Office documents from the export model: an editable Word report (.docx, `docx` 9.15.2) with the
 * facilitator's text and the chosen sections, and a workbook (.xlsx, `exceljs` 4.4.0) with one sheet per
 * table. Like every format, they render the model only, so consent rules hold; no internal ids appear
 * in the Word report. Spreadsheet cells are typed strings or numbers, never formulas.
 */
export const OFFICE_FORMATS = ['docx', 'xlsx'] as const
export type OfficeFormat = (typeof OFFICE_FORMATS)[number]

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const para = (text: string): Paragraph[] =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map(
      (p) =>
        new Paragraph({
          children: p.split('\n').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })),
        }),
    )

const heading = (text: string, level: 1 | 2 = 1): Paragraph =>
  new Paragraph({ text, heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 })

/**
 * Rows a table in the Word report shows: a report to circulate lists the most important ones (tables
 * are already ranked); every row is in the workbook (.xlsx) and the CSV files.
 */
export const DOCX_TABLE_ROWS = 100

function table(
  header: readonly string[],
  all: readonly (readonly string[])[],
  numeric: number[] = [],
): Table {
  const rows =
    all.length > DOCX_TABLE_ROWS
      ? [...all.slice(0, DOCX_TABLE_ROWS), moreRow(header.length, all.length)]
      : all
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: numeric.includes(i) ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: head })],
        }),
      ],
    })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, i, false)) })),
    ],
  })
}

const moreRow = (cols: number, n: number): string[] => [
  `… and ${n - DOCX_TABLE_ROWS} more: every row is in the spreadsheet export.`,
  ...Array.from({ length: cols - 1 }, () => ''),
]

/** The report as an editable Word document. */
export async function docxReport(m: ExportModel, images: DocxImages = {}): Promise<Uint8Array> {
  const r = m.report
  const cards = cardIndex(m)
  const body: Array<Paragraph | Table> = [...docxLogo(m, images)]
  if (r.organisation)
    body.push(new Paragraph({ children: [new TextRun({ text: r.organisation, bold: true })] }))
  body.push(new Paragraph({ text: m.session.title, heading: HeadingLevel.TITLE }))
  const votes = m.cards.reduce((n, c) => n + c.votes.total, 0)
  body.push(
    ...para(
      [
        'Co-production workshop report',
        m.session.createdAt ? `Held ${m.session.createdAt.slice(0, 10)}` : '',
        `${plural(m.participants.length, 'participant')} · ${plural(m.cards.length, 'card')} · ${plural(votes, 'vote')} · ${plural(m.actions.length, 'action')}`,
      ]
        .filter(Boolean)
        .join('\n'),
    ),
  )
  if (r.summary) body.push(heading('Summary'), ...para(r.summary))
  const roles = whoTookPart(m)
  const who = [r.whoTookPart, roles ? `By role: ${roles}.` : ''].filter(Boolean).join('\n\n')
  const context = (
    [
      ['Purpose', r.purpose],
      ['Who took part', who],
      ['Next steps', r.nextSteps],
    ] as const
  ).filter(([, v]) => v)
  if (context.length) {
    body.push(heading('About the workshop'))
    for (const [k, v] of context) body.push(heading(k, 2), ...para(v))
  }
  if (shows(m, 'board')) body.push(...docxPhotos(m, images))
  if (shows(m, 'themes') && m.themes.length) {
    body.push(heading('Themes'))
    for (const t of m.themes) {
      body.push(heading(t.name, 2))
      body.push(
        ...para(
          `${plural(t.cardIds.length, 'card')} — by role: ${byRoleSplit(t.cardIds.length, t.cardsByRole)}; votes: ${byRoleSplit(t.votes.total, t.votes.byRole)}`,
        ),
      )
      for (const id of t.cardIds) {
        const c = cards.get(id)
        if (c) body.push(new Paragraph({ text: `${c.kindLabel}: ${c.text}`, bullet: { level: 0 } }))
      }
    }
  }
  if (shows(m, 'pains')) {
    body.push(heading('Pains ranked by votes'))
    const pains = rankedPains(m)
    body.push(
      pains.length
        ? table(
            ['#', 'Pain', 'Where', 'Votes', ...COPRO_ROLES.map(roleShort)],
            pains.map((c, i) => [
              String(i + 1),
              c.text,
              cellLabel(c.cell),
              String(c.votes.total),
              ...COPRO_ROLES.map((role) => String(c.votes.byRole[role])),
            ]),
            [0, 3, ...COPRO_ROLES.map((_, i) => i + 4)],
          )
        : new Paragraph('No pains recorded.'),
    )
  }
  if (shows(m, 'contributions')) {
    const list = m.cards.filter((c) => c.kind === 'contribution')
    body.push(heading('Contributions ledger'))
    body.push(
      list.length
        ? table(
            ['Contribution', 'Offered by', 'Author', 'Where', 'Votes'],
            list.map((c) => [
              c.text,
              c.author.coproRoleLabel,
              authorLabel(c.author),
              cellLabel(c.cell),
              String(c.votes.total),
            ]),
            [4],
          )
        : new Paragraph('No contributions recorded.'),
    )
  }
  if (shows(m, 'actions')) {
    body.push(heading('Action plan'))
    body.push(
      m.actions.length
        ? table(
            ['Action', 'Owner', 'Due', 'Addresses', 'Where', 'Votes'],
            m.actions.map((a) => [
              a.text,
              a.owner || 'unassigned',
              a.due || '—',
              a.addressesPainIds.map((id) => cards.get(id)?.text ?? '').join('; ') || '—',
              cellLabel(a.cell),
              String(a.votes.total),
            ]),
            [5],
          )
        : new Paragraph('No actions recorded.'),
    )
  }
  if (shows(m, 'voice')) {
    body.push(heading('Voice balance'))
    body.push(
      table(
        ['Role', 'People', 'Cards', 'Votes', 'Words'],
        m.voiceBalance.byRole.map((t) => [
          t.coproRoleLabel,
          String(t.participants),
          String(t.cards),
          String(t.votes),
          String(t.words),
        ]),
        [1, 2, 3, 4],
      ),
    )
  }
  if (shows(m, 'checkpoints') && m.checkpoints.length) {
    body.push(heading('Checkpoints'))
    body.push(
      table(
        ['Checkpoint', 'Saved', 'Reason'],
        m.checkpoints.map((c) => [
          c.name,
          c.createdAt.replace('T', ' ').slice(0, 16),
          checkpointReason(c.reason),
        ]),
      ),
    )
  }
  body.push(heading('About this report'))
  body.push(
    ...para(
      'Participants appear as pseudonyms unless they agreed to be named. Anonymous cards never show who wrote them, only the co-production role.',
    ),
  )
  const doc = new Document({
    creator: 'Copro Studio',
    title: m.session.title,
    description: 'Co-production workshop report',
    sections: [{ children: body }],
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}

/** Columns whose values are numbers (by header name) in the workbook's sheets. */
const NUMERIC = /^(Votes|Cards|People|Words)(:|$)/

/** The export's tables as a workbook, one sheet per table (streamed: fast for thousands of rows). */
export async function xlsxWorkbook(m: ExportModel): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  const stream = new PassThrough()
  stream.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve)
    stream.on('error', reject)
  })
  const wb = new ExcelWorkbookWriter({
    stream,
    useSharedStrings: false,
    useStyles: true,
    zip: { zlib: { level: 1 } },
  })
  wb.creator = 'Copro Studio'
  wb.title = m.session.title
  const sheet = (name: string, rows: readonly (readonly string[])[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
    const header = rows[0] ?? []
    const numeric = header.map((h) => NUMERIC.test(h))
    ws.columns = header.map((h) => ({ width: Math.min(60, Math.max(10, h.length + 2)) }))
    const head = ws.addRow([...header])
    head.font = { bold: true }
    head.commit()
    for (const r of rows.slice(1))
      ws.addRow(r.map((v, i) => (numeric[i] && /^\d+$/.test(v) ? Number(v) : v))).commit()
    ws.commit()
  }
  sheet('Cards', cardsRows(m))
  sheet('Actions', actionsRows(m))
  if (m.themes.length) sheet('Themes', themesRows(m))
  sheet('Participants', [
    ['Participant', 'Name', 'Role', 'Cards', 'Votes'],
    ...m.participants.map((p) => [
      p.pseudonym,
      p.name ?? '',
      p.coproRoleLabel,
      String(p.cards),
      String(p.votes),
    ]),
  ])
  sheet('Voice balance', [
    ['Role', 'People', 'Cards', 'Votes', 'Words'],
    ...m.voiceBalance.byRole.map((t) => [
      t.coproRoleLabel,
      String(t.participants),
      String(t.cards),
      String(t.votes),
      String(t.words),
    ]),
  ])
  await wb.commit()
  await done
  return new Uint8Array(Buffer.concat(chunks))
}
