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
import { commentsRows, meTooRows, threadsByCard } from '../../common/export/formats/comments'
import { decisionsRows, decisionTables, hasDecisions } from '../../common/export/formats/decisions'
import {
  authorLabel,
  byRoleSplit,
  cardIndex,
  cellLabel,
  checkpointReason,
  rankedPains,
  shows,
  whoTookPart,
} from '../../common/export/formats/common'
import type { ExportModel } from '../../common/export/schema'
import { wordsOf, type Words } from '../../common/export/formats/words'
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
  const w = wordsOf(m)
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
        w.t('report.subtitle'),
        m.session.createdAt ? w.t('report.heldOnCap', { date: m.session.createdAt.slice(0, 10) }) : '',
        w.t('report.countsLine', {
          participants: m.participants.length,
          cards: m.cards.length,
          votes,
          actions: m.actions.length,
        }),
      ]
        .filter(Boolean)
        .join('\n'),
    ),
  )
  if (r.summary) body.push(heading(w.t('report.section.summary')), ...para(r.summary))
  const roles = whoTookPart(m, w)
  const who = [r.whoTookPart, ...(roles ? w.each('report.byRole', { roles }) : [])]
    .filter(Boolean)
    .join('\n\n')
  const context = (
    [
      [w.t('report.section.purpose'), r.purpose],
      [w.t('report.section.whoTookPart'), who],
      [w.t('report.section.nextSteps'), r.nextSteps],
    ] as const
  ).filter(([, v]) => v)
  if (context.length) {
    body.push(heading(w.t('report.section.about')))
    for (const [k, v] of context) body.push(heading(k, 2), ...para(v))
  }
  if (shows(m, 'board')) body.push(...docxPhotos(m, images))
  if (shows(m, 'themes') && m.themes.length) {
    body.push(heading(w.t('report.section.themes')))
    for (const t of m.themes) {
      body.push(heading(t.name, 2))
      body.push(
        ...para(
          w.t('report.themeMeta', {
            cards: w.t('report.cards', { count: t.cardIds.length }),
            byRole: byRoleSplit(t.cardIds.length, t.cardsByRole, w),
            votes: byRoleSplit(t.votes.total, t.votes.byRole, w),
          }),
        ),
      )
      for (const id of t.cardIds) {
        const c = cards.get(id)
        if (c) body.push(new Paragraph({ text: `${w.kind(c.kind)}: ${c.text}`, bullet: { level: 0 } }))
      }
    }
  }
  if (shows(m, 'pains')) {
    body.push(heading(w.t('report.section.pains')))
    const pains = rankedPains(m)
    body.push(
      pains.length
        ? table(
            [
              '#',
              w.t('report.col.pain'),
              w.t('report.col.where'),
              w.t('report.col.votes'),
              ...COPRO_ROLES.map((role) => w.roleShort(role)),
            ],
            pains.map((c, i) => [
              String(i + 1),
              c.text,
              cellLabel(c.cell, w),
              String(c.votes.total),
              ...COPRO_ROLES.map((role) => String(c.votes.byRole[role])),
            ]),
            [0, 3, ...COPRO_ROLES.map((_, i) => i + 4)],
          )
        : new Paragraph(w.t('report.empty.pains')),
    )
  }
  if (shows(m, 'decisions') && hasDecisions(m)) {
    body.push(heading(w.t('report.section.decisions')))
    for (const t of decisionTables(m, COPRO_ROLES, w)) {
      body.push(heading(t.title, 2), ...para(t.about), table(t.header, t.rows, t.numeric))
    }
  }
  if (shows(m, 'contributions')) {
    const list = m.cards.filter((c) => c.kind === 'contribution')
    body.push(heading(w.t('report.section.contributions')))
    body.push(
      list.length
        ? table(
            [
              w.t('report.col.contribution'),
              w.t('report.col.offeredBy'),
              w.t('report.col.author'),
              w.t('report.col.where'),
              w.t('report.col.votes'),
            ],
            list.map((c) => [
              c.text,
              w.role(c.author.coproRole),
              authorLabel(c.author, w),
              cellLabel(c.cell, w),
              String(c.votes.total),
            ]),
            [4],
          )
        : new Paragraph(w.t('report.empty.contributions')),
    )
  }
  if (shows(m, 'actions')) {
    body.push(heading(w.t('report.section.actions')))
    body.push(
      m.actions.length
        ? table(
            [
              w.t('report.col.action'),
              w.t('report.col.owner'),
              w.t('report.col.due'),
              w.t('report.col.addresses'),
              w.t('report.col.where'),
              w.t('report.col.votes'),
            ],
            m.actions.map((a) => [
              a.text,
              a.owner || w.t('report.unassigned'),
              a.due || '—',
              a.addressesPainIds.map((id) => cards.get(id)?.text ?? '').join('; ') || '—',
              cellLabel(a.cell, w),
              String(a.votes.total),
            ]),
            [5],
          )
        : new Paragraph(w.t('report.empty.actions')),
    )
  }
  if (shows(m, 'comments')) body.push(...commentsDocx(m, w))
  if (shows(m, 'voice')) {
    body.push(heading(w.t('report.section.voice')))
    body.push(
      table(
        [
          w.t('report.col.role'),
          w.t('report.col.people'),
          w.t('report.col.cards'),
          w.t('report.col.votes'),
          w.t('report.col.words'),
        ],
        m.voiceBalance.byRole.map((t) => [
          w.role(t.coproRole),
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
    body.push(heading(w.t('report.section.checkpoints')))
    body.push(
      table(
        [w.t('report.col.checkpoint'), w.t('report.col.saved'), w.t('report.col.reason')],
        m.checkpoints.map((c) => [
          c.name,
          c.createdAt.replace('T', ' ').slice(0, 16),
          checkpointReason(c.reason, w),
        ]),
      ),
    )
  }
  body.push(heading(w.t('report.section.aboutReport')))
  body.push(...para(w.each('report.about.pseudonyms').join('\n\n')))
  const doc = new Document({
    creator: 'Copro Studio',
    title: m.session.title,
    description: w.t('report.subtitle'),
    sections: [{ children: body }],
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}

/** Columns whose values are numbers (by header name) in the workbook's sheets. */
const NUMERIC = /^(Votes|Cards|People|Words|Me too|Value|Answers)(:|$)/

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
      ws.addRow(r.map((v, i) => (numeric[i] && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v))).commit()
    ws.commit()
  }
  sheet('Cards', cardsRows(m))
  sheet('Actions', actionsRows(m))
  if (m.themes.length) sheet('Themes', themesRows(m))
  if (m.comments.length) sheet('Comments', commentsRows(m))
  if (m.meToo.length) sheet('Me too', meTooRows(m))
  if (hasDecisions(m)) sheet('Voting results', decisionsRows(m))
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

/** The report's "Comments and me too" section: per card discussed, its "me too"s by role and its threads. */
function commentsDocx(m: ExportModel, w: Words): Paragraph[] {
  const ids = new Set([...m.comments.map((c) => c.cardId), ...m.meToo.map((n) => n.cardId)])
  const discussed = m.cards.filter((c) => ids.has(c.id))
  if (!discussed.length) return []
  const threads = threadsByCard(m)
  const meToo = new Map(m.meToo.map((n) => [n.cardId, n]))
  const out: Paragraph[] = [heading(w.t('report.section.comments'))]
  const line = (c: ExportModel['comments'][number], level: 0 | 1) =>
    new Paragraph({
      text: `${authorLabel(c.author, w)} (${w.role(c.author.coproRole)}): ${c.text}`,
      bullet: { level },
    })
  for (const card of discussed) {
    out.push(heading(`${w.kind(card.kind)}: ${card.text}`, 2))
    const n = meToo.get(card.id)
    if (n) out.push(...para(w.t('report.meToo', { split: byRoleSplit(n.total, n.byRole, w) })))
    for (const t of threads.get(card.id) ?? []) {
      out.push(line(t.comment, 0))
      for (const r of t.replies) out.push(line(r, 1))
    }
  }
  return out
}
