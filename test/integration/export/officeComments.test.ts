import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { buildExportModel } from '../../../src/core/common/export'
import { addComment, toggleMeToo } from '../../../src/core/common/session/comments'
import { docxReport, xlsxWorkbook } from '../../../src/core/node/export/office'
import { buildGridSession, FIXTURE_EXPORT_OPTS, PEOPLE } from '../../fixtures/docs/buildDoc'

// Issue 17 item 3: comments and "me too" in the Word report and the Excel workbook, read back.

function model() {
  const { doc, ids } = buildGridSession()
  const top = addComment(
    doc,
    { cardId: ids.c1!, author: PEOPLE.ana, text: 'Same for my dad' },
    10,
    'comment:1',
  )
  addComment(doc, { cardId: ids.c1!, parentId: top.id, author: PEOPLE.anon, text: 'And me' }, 11, 'comment:2')
  for (const p of [PEOPLE.ana, PEOPLE.staff]) toggleMeToo(doc, ids.c1!, p, 20)
  return buildExportModel(doc, { ...FIXTURE_EXPORT_OPTS, includeNames: true })
}

describe('comments in Word and Excel', () => {
  it('the .docx has the section with "me too" by role and the threads, no comment ids', async () => {
    const zip = await JSZip.loadAsync(await docxReport(model()))
    const xml = await zip.file('word/document.xml')!.async('string')
    expect(xml).toContain('Comments and “me too”')
    expect(xml).toContain('Me too: 2 (Service user 1, Staff 1)')
    expect(xml).toContain('Ana Lopes (Person who uses the service): Same for my dad')
    expect(xml).toContain('Anonymous (Person who uses the service): And me')
    expect(xml).not.toContain('comment:1')
  })

  it('the .xlsx has a Comments and a Me too sheet', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await xlsxWorkbook(model())) as unknown as ArrayBuffer)
    const comments = wb.getWorksheet('Comments')!
    expect(comments.rowCount).toBe(3)
    expect(comments.getRow(2).getCell(5).value).toBe('Same for my dad')
    expect(comments.getRow(3).getCell(4).value).toBe('comment:1')
    const meToo = wb.getWorksheet('Me too')!
    expect(meToo.getRow(2).getCell(3).value).toBe(2)
  })
})
