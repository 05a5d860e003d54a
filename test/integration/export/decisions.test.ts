import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { buildExportModel } from '../../../src/core/common/export'
import { renderFormat } from '../../../src/core/common/export/formats'
import { youSaidWeDidHtml } from '../../../src/core/common/export/formats/easyRead'
import { ExportModel } from '../../../src/core/common/export/schema'
import { sessionMap } from '../../../src/core/common/session/docSchema'
import { ballotKey } from '../../../src/core/common/voting/ballots'
import { writeRound } from '../../../src/core/common/voting/round'
import { docxReport, xlsxWorkbook } from '../../../src/core/node/export/office'
import { buildGridSession, FIXTURE_EXPORT_OPTS, PEOPLE as P } from '../../fixtures/docs/buildDoc'

/**
 * Agreement, scale and rank rounds through every export (hand-computed; the grid fixture's people):
 *   ag (agree/disagree/pass, pains): ana agree c1, disagree c2 · staff agree c1 · carer pass c1 ·
 *       gone (withdrawn) agree c2 — not counted
 *   sc (Impact, Effort): ana c1 Impact 5, Effort 2 · mgr c1 Impact 3
 *   rk (top 2, Borda 2/1): ana c2 c1 · staff c1 · mgr c1 c2  → c1 5 points (first ×2), c2 3 (first ×1)
 */
function session() {
  const { doc, ids } = buildGridSession()
  const at = { status: 'closed' as const, dotsPerPerson: 3, region: null, openedAt: 10, closedAt: 20 }
  writeRound(doc, { ...at, id: 'ag', title: 'Do we agree?', method: 'agreement', kinds: ['pain'] })
  writeRound(doc, {
    ...at,
    id: 'sc',
    title: 'Impact and effort',
    method: 'scale',
    criteria: ['Impact', 'Effort'],
    kinds: [],
  })
  writeRound(doc, { ...at, id: 'rk', title: 'Top two', method: 'rank', topN: 2, kinds: [] })
  const put = (roundId: string, p: { id: string; coproRole: string }, body: Record<string, unknown>) =>
    sessionMap(doc, 'ballots').set(ballotKey(roundId, p.id), {
      roundId,
      participantId: p.id,
      coproRole: p.coproRole,
      castAt: 30,
      cardIds: [],
      ...body,
    })
  const c1 = ids.c1!
  const c2 = ids.c2!
  put('ag', P.ana, {
    agreement: [
      { cardId: c1, choice: 'agree' },
      { cardId: c2, choice: 'disagree' },
    ],
  })
  put('ag', P.staff, { agreement: [{ cardId: c1, choice: 'agree' }] })
  put('ag', P.carer, { agreement: [{ cardId: c1, choice: 'pass' }] })
  put('ag', P.gone, { agreement: [{ cardId: c2, choice: 'agree' }] })
  put('sc', P.ana, {
    scores: [
      { cardId: c1, criterion: 0, score: 5 },
      { cardId: c1, criterion: 1, score: 2 },
    ],
  })
  put('sc', P.mgr, { scores: [{ cardId: c1, criterion: 0, score: 3 }] })
  put('rk', P.ana, { cardIds: [c2, c1] })
  put('rk', P.staff, { cardIds: [c1] })
  put('rk', P.mgr, { cardIds: [c1, c2] })
  return { m: buildExportModel(doc, FIXTURE_EXPORT_OPTS), c1, c2 }
}

describe('export: every way to decide', () => {
  const { m, c1, c2 } = session()
  const round = (id: string) => m.votingRounds.find((r) => r.id === id)!
  const measure = (id: string, card: string, key: string) =>
    round(id)
      .results.find((c) => c.cardId === card)!
      .measures.find((x) => x.key === key)!

  it('JSON: method, options and results per card per role, valid against the export schema', () => {
    expect(ExportModel.safeParse(JSON.parse(renderFormat(m, 'json')[0]!.text)).success).toBe(true)
    expect(round('ag')).toMatchObject({ method: 'agreement', ballotsCounted: 3, topN: null, criteria: [] })
    expect(round('ag').results.map((c) => c.cardId)).toEqual([c1, c2])
    expect(measure('ag', c1, 'agree').byRole).toMatchObject({ 'service-user': 1, 'frontline-staff': 1 })
    expect(measure('ag', c1, 'pass').byRole['carer-family']).toBe(1)
    expect(measure('ag', c2, 'agree').overall).toBe(0) // the withdrawn voter's agree is left out
    expect(round('sc').criteria).toEqual(['Impact', 'Effort'])
    expect(measure('sc', c1, 'mean:0')).toMatchObject({ label: 'Impact', overall: 4 })
    expect(measure('sc', c1, 'mean:0').distribution!.overall).toEqual([0, 0, 1, 0, 1])
    expect(measure('sc', c1, 'mean:1').answers!.overall).toBe(1)
    expect(round('rk')).toMatchObject({ method: 'rank', topN: 2 })
    expect(measure('rk', c1, 'points')).toMatchObject({ overall: 5 })
    expect(measure('rk', c1, 'first').byRole).toMatchObject({
      'frontline-staff': 1,
      'manager-commissioner': 1,
    })
    expect(measure('rk', c2, 'points').overall).toBe(3)
    // dots rounds keep their meaning and the old fields
    expect(round('r1')).toMatchObject({ method: 'dots', dotsPerPerson: 3 })
  })

  it('CSV: decisions.csv has a row per round, card and measure', () => {
    const csv = renderFormat(m, 'csv').find((f) => f.name === 'decisions.csv')!.text
    const lines = csv.split('\r\n')
    expect(lines[0]).toContain('Round,Method,Card ID,Card,Measure,Value,Answers')
    expect(lines.some((l) => l.startsWith('Do we agree?,agreement,') && l.includes(',Agree,2,'))).toBe(true)
    expect(lines.some((l) => l.startsWith('Impact and effort,scale,') && l.includes(',Impact,4,2,'))).toBe(
      true,
    )
    expect(lines.some((l) => l.startsWith('Top two,rank,') && l.includes(',Points,5,'))).toBe(true)
  })

  it('Markdown and HTML reports: a results table per round in words', () => {
    for (const f of [renderFormat(m, 'md')[0]!.text, renderFormat(m, 'html')[0]!.text]) {
      expect(f).toContain('Voting results by round')
      expect(f).toContain('Agree 2 · Disagree 0 · Pass 1')
      expect(f).toContain('Impact 4.0 (2 scores) · Effort 2.0 (1 score)')
      expect(f).toContain('5 points · first for 2 · ranked by 3')
    }
  })

  it('the easy-read page says what was chosen in each round, quoting nobody without consent', () => {
    const page = youSaidWeDidHtml(m)
    expect(page).toContain('What we chose together')
    expect(page).toMatch(/Most chosen: (a card about |“)/)
    expect(page.match(/🗳️<\/span><bdi/g)?.length).toBe(m.votingRounds.filter((r) => r.results.length).length)
  })

  it('Word and Excel read back with the same results', async () => {
    const zip = await JSZip.loadAsync(await docxReport(m))
    const xml = await zip.file('word/document.xml')!.async('string')
    expect(xml).toContain('Voting results by round')
    expect(xml).toContain('Agree 2 · Disagree 0 · Pass 1')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await xlsxWorkbook(m)) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('Voting results')!
    const header = (ws.getRow(1).values as unknown[]).slice(1)
    const valueCol = header.indexOf('Value') + 1
    const rows: unknown[][] = []
    ws.eachRow((r, i) => {
      if (i > 1) rows.push((r.values as unknown[]).slice(1))
    })
    const impact = rows.find((r) => r[0] === 'Impact and effort' && r[4] === 'Impact')!
    expect(impact[valueCol - 1]).toBe(4)
    expect(rows.filter((r) => r[1] === 'rank')).toHaveLength(2 * 3)
  })
})
