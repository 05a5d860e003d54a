import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { buildExportModel } from '../../../src/core/common/export'
import { writeReportSettings, DEFAULT_REPORT } from '../../../src/core/common/export/report'
import { groupAsTheme } from '../../../src/core/common/themes/theme'
import { docxReport, xlsxWorkbook } from '../../../src/core/node/export/office'
import { buildGridSession, FIXTURE_CHECKPOINTS, FIXTURE_EXPORT_OPTS } from '../../fixtures/docs/buildDoc'

function model() {
  const { doc, ids } = buildGridSession()
  groupAsTheme(doc, { id: 't1', name: 'Telling my story', cardIds: [ids.c2!, ids.c5!], createdAt: 1 })
  writeReportSettings(doc, {
    ...DEFAULT_REPORT,
    organisation: 'Cyngor Sir Example Council',
    summary: 'People wait too long and repeat their story.\n\nWe will fix the letters first.',
    nextSteps: 'Meet again in March.',
  })
  return buildExportModel(doc, { ...FIXTURE_EXPORT_OPTS, checkpoints: FIXTURE_CHECKPOINTS })
}

/** The visible text of a .docx: every w:t run of word/document.xml, paragraphs on their own lines. */
async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes)
  const xml = await zip.file('word/document.xml')!.async('string')
  return xml
    .split('</w:p>')
    .map((p) =>
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) =>
          m[1]!
            .replace(/&amp;/g, '&')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&apos;/g, "'"),
        )
        .join(''),
    )
    .filter(Boolean)
    .join('\n')
}

describe('Word report (.docx)', () => {
  it('reads back with the facilitator text, the chosen sections, themes and cards, and no internal ids', async () => {
    const m = model()
    const text = await docxText(await docxReport(m))
    for (const s of [
      'Cyngor Sir Example Council',
      'Housing support journey',
      'Summary',
      'We will fix the letters first.',
      'Next steps',
      'Meet again in March.',
      'Themes',
      'Telling my story',
      'Pains ranked by votes',
      'I had to tell my story five times',
      'Action plan',
      'Sam Patel',
      'Voice balance',
    ])
      expect(text, s).toContain(s)
    expect(text).not.toContain(m.session.id)
    expect(text).not.toContain('service-chain-journey')
    expect(text).not.toContain('Too many cases each') // withdrawn
    expect(text).not.toContain('Checkpoints') // off by default
  })
})

describe('Workbook (.xlsx)', () => {
  it('reads back with one sheet per table, the same rows as the CSV, numbers as numbers', async () => {
    const m = model()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await xlsxWorkbook(m)) as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Cards',
      'Actions',
      'Themes',
      'Voting results',
      'Participants',
      'Voice balance',
    ])
    const cards = wb.getWorksheet('Cards')!
    expect(cards.rowCount).toBe(m.cards.length + 1)
    const header = (cards.getRow(1).values as unknown[]).slice(1)
    expect(header[0]).toBe('Card ID')
    const votesCol = header.indexOf('Votes') + 1
    const row = cards.getRow(2)
    expect(row.getCell(1).value).toBe(m.cards[0]!.id)
    expect(row.getCell(votesCol).value).toBe(m.cards[0]!.votes.total)
    const themes = wb.getWorksheet('Themes')!
    expect(themes.getRow(2).getCell(1).value).toBe('Telling my story')
    expect(themes.getRow(2).getCell(2).value).toBe(2)
    // every cell is a typed value: none is a formula
    for (const ws of wb.worksheets)
      ws.eachRow((r) => r.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)))
  })
})
