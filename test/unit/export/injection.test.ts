import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import {
  actionsCsv,
  buildExportModel,
  cardsCsv,
  cleanText,
  ExportModel,
  htmlReport,
  jsonExport,
  markdownReport,
  neutraliseCell,
} from '../../../src/core/common/export'
import { FIXTURE_EXPORT_OPTS } from '../../fixtures/docs/buildDoc'
import {
  buildInjectionSession,
  FORBIDDEN_CHARS,
  HOSTILE_CHECKPOINTS,
  INJECTION_CORPUS,
} from '../../fixtures/docs/injectionDoc'

const model = buildExportModel(buildInjectionSession().doc, {
  ...FIXTURE_EXPORT_OPTS,
  includeNames: true,
  checkpoints: HOSTILE_CHECKPOINTS,
})

function csvCells(csv: string): string[][] {
  const r = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' })
  expect(r.errors).toEqual([])
  return r.data.slice(0, -1)
}

describe('injection corpus', () => {
  it('keeps every card, with bidi overrides and control characters removed', () => {
    expect(model.cards).toHaveLength(INJECTION_CORPUS.length)
    for (const c of model.cards) expect(FORBIDDEN_CHARS.test(c.text), JSON.stringify(c.text)).toBe(false)
    expect(model.cards.map((c) => c.text)).toEqual(expect.arrayContaining(['x'.repeat(2000)]))
    expect(model.cards.some((c) => c.text === 'invoicegnp.exe and isolated override')).toBe(true)
    expect(model.cards.some((c) => c.text === 'שלום עולם — מה שלומך?')).toBe(true)
    expect(model.cards.some((c) => c.text === '👩🏽‍🦯 family 👨‍👩‍👧‍👦 flag 🇬🇧 zwj')).toBe(true)
  })

  it('JSON: valid, parseable, free of bidi controls', () => {
    const json = jsonExport(model)
    expect(FORBIDDEN_CHARS.test(json)).toBe(false)
    expect(ExportModel.parse(JSON.parse(json))).toEqual(model)
  })

  it('CSV: no cell can start a formula; all text survives', () => {
    for (const csv of [cardsCsv(model), actionsCsv(model)]) {
      expect(FORBIDDEN_CHARS.test(csv.replace(/\r\n/g, '\n').replace(/\r/g, ''))).toBe(false)
      for (const row of csvCells(csv))
        for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell), JSON.stringify(cell)).toBe(false)
    }
    const texts = csvCells(cardsCsv(model))
      .slice(1)
      .map((r) => r[2])
    for (const t of INJECTION_CORPUS) expect(texts).toContain(neutraliseCell(cleanText(t)))
  })

  it('Markdown: no raw HTML, links, images or table breaks from user text', () => {
    const md = markdownReport(model)
    expect(FORBIDDEN_CHARS.test(md)).toBe(false)
    expect(md.replace(/<br>/g, '')).not.toMatch(/</)
    expect(md).not.toMatch(/(?<!\\)\]\(/) // no [text](url)
    expect(md).not.toMatch(/(?<!\\)!(?<!\\)\[/)
    // Each table row has exactly as many unescaped pipes as its header.
    const lines = md.split('\n')
    let width = -1
    for (const line of lines) {
      if (!line.startsWith('|')) {
        width = -1
        continue
      }
      const pipes = (line.match(/(?<!\\)\|/g) ?? []).length
      if (width < 0) width = pipes
      expect(pipes, line.slice(0, 120)).toBe(width)
    }
    // No user line can start a heading or list: every line of user text sits after a prefix or <br>.
    expect(md).not.toMatch(/^# Heading/m)
    expect(md).toContain('\\# Heading<br>\\- item<br>1\\. item<br>&gt; quote')
  })

  it('HTML: no tag, attribute or URL from user text; right-to-left text marked dir="auto"', () => {
    const html = htmlReport(model)
    expect(FORBIDDEN_CHARS.test(html)).toBe(false)
    expect(html).not.toMatch(/<(script|img|iframe|a|link|object|embed)\b/i)
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i) // no event handler attribute inside any tag
    expect(html).not.toMatch(/<[^>]*(javascript:|http:\/\/evil)/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toMatch(/dir="auto">שלום עולם/)
    expect(html).toMatch(/dir="auto">مرحبا بالعالم/)
  })

  it('names: consented names are escaped like any text', () => {
    expect(model.participants[0]!.name).toBe('=cmd <b>Eve</b> evil')
    expect(csvCells(cardsCsv(model)).some((r) => r[7] === "'=cmd <b>Eve</b> evil")).toBe(true)
    expect(markdownReport(model)).toContain('=cmd &lt;b&gt;Eve&lt;/b&gt; evil')
  })
})
