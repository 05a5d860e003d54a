import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { inflateSync } from 'node:zlib'
import { chromium, type Browser, type Page } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildExportModel, htmlReport, type ExportModel } from '../../../src/core/common/export'
import { buildGridSession, FIXTURE_CHECKPOINTS, FIXTURE_EXPORT_OPTS } from '../../fixtures/docs/buildDoc'
import { buildInjectionSession, HOSTILE_CHECKPOINTS } from '../../fixtures/docs/injectionDoc'
import { extractPdfText } from './pdfText'

const HEADINGS = [
  'About the workshop',
  'About this report',
  'Journey matrix',
  'Pains ranked by votes',
  'Voting results by round',
  'Contributions ledger',
  'Action plan',
  // the grid fixture joins cards with links (ADR 0035), so the report lists them after the plan
  'Links between cards',
  'Voice balance',
]

let browser: Browser
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'copro-report-'))
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
})

afterAll(async () => {
  await browser?.close()
  await rm(dir, { recursive: true, force: true })
})

interface Opened {
  page: Page
  /** Every request other than the report file itself (all are blocked). */
  requests: string[]
  problems: string[]
}

async function open(name: string, m: ExportModel): Promise<Opened> {
  const file = join(dir, `${name}.html`)
  await writeFile(file, htmlReport(m))
  const url = pathToFileURL(file).href
  const page = await browser.newPage()
  const requests: string[] = []
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning')
      problems.push(`console ${msg.type()}: ${msg.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`)
    void d.dismiss()
  })
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue()
    requests.push(route.request().url())
    return route.abort()
  })
  await page.goto(url, { waitUntil: 'load' })
  return { page, requests, problems }
}

/** How many text-showing operators (Tj / TJ) each page's content stream has, in page order. */
function textRunsPerPage(pdf: Uint8Array): number[] {
  const src = Buffer.from(pdf)
  const text = src.toString('latin1')
  const objects = new Map<number, { start: number; end: number }>()
  for (const m of text.matchAll(/(\d+) 0 obj\b/g)) {
    const start = m.index + m[0].length
    objects.set(Number(m[1]), { start, end: text.indexOf('endobj', start) })
  }
  const out: number[] = []
  for (const { start, end } of objects.values()) {
    const body = text.slice(start, end)
    if (!/\/Type\s*\/Page[^s]/.test(body)) continue
    const c = /\/Contents\s+(\d+) 0 R/.exec(body)
    const o = c && objects.get(Number(c[1]))
    if (!o) continue
    const raw = text.slice(o.start, o.end)
    const s = raw.indexOf('stream') + 'stream'.length
    let from = o.start + s
    if (src[from] === 0x0d) from++
    if (src[from] === 0x0a) from++
    const to = o.start + raw.lastIndexOf('endstream')
    const bytes = src.subarray(from, to)
    const ops = /FlateDecode/.test(raw) ? inflateSync(bytes).toString('latin1') : bytes.toString('latin1')
    out.push((ops.match(/T[Jj]\b/g) ?? []).length)
  }
  return out
}

const squash = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '')

describe('HTML report in Chromium', () => {
  it('renders with no console errors and no network requests, and prints to an A4 PDF with its content', async () => {
    const m = buildExportModel(buildGridSession().doc, {
      ...FIXTURE_EXPORT_OPTS,
      checkpoints: FIXTURE_CHECKPOINTS,
    })
    const { page, requests, problems } = await open('grid', m)
    try {
      expect(await page.locator('h1').innerText()).toBe('Housing support journey')
      expect(await page.locator('h2').allInnerTexts()).toEqual(HEADINGS)
      expect(await page.locator('figure.chart svg.bar').count()).toBeGreaterThan(10)

      const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true })
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-')
      const boxes = [
        ...Buffer.from(pdf)
          .toString('latin1')
          .matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g),
      ].map((b) => [Math.round(Number(b[1])), Math.round(Number(b[2]))])
      // A4 is 595.3 × 841.9 points: a journey matrix of 3 stages stays on portrait pages (a wide one
      // gets a landscape page) and no page is near-empty (issue 17: a page with only a title or two lines).
      expect(boxes.every(([w, h]) => w === 595 && h === 842)).toBe(true)
      const runs = textRunsPerPage(pdf)
      expect(runs.length).toBe(boxes.length)
      for (const n of runs) expect(n).toBeGreaterThan(100)
      // no word breaks across lines in a table cell or card ("Participan t 1", "2027-01- 31")
      const split = await page.evaluate(() => {
        const out: string[] = []
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const t = n.textContent ?? ''
          for (const w of t.matchAll(/\S+/g)) {
            if (w[0].length >= 24) continue // long tokens may wrap
            // a hyphenated word may break after its hyphen ("co-/production"); a date may not
            if (/[\p{L}]-[\p{L}]/u.test(w[0])) continue
            const r = document.createRange()
            r.setStart(n, w.index)
            r.setEnd(n, w.index + w[0].length)
            const lines = new Set([...r.getClientRects()].map((b) => Math.round(b.top)))
            if (lines.size > 1) out.push(w[0])
          }
        }
        return out
      })
      expect(split).toEqual([])

      const text = squash(extractPdfText(pdf))
      for (const h of ['Housing support journey', ...HEADINGS]) expect(text, h).toContain(squash(h))
      for (const c of m.cards.filter((c) => /^[\p{Script=Latin}\p{P}\p{N}\s]+$/u.test(c.text)))
        expect(text, c.text).toContain(squash(c.text))
      expect(text).toContain(squash('Sam Patel')) // an action owner
      expect(text).not.toContain(squash('Too many cases each')) // withdrawn
      // no internal ids or codes
      expect(text).not.toContain(squash(m.session.id))
      expect(text).not.toContain('activity-end')
      expect(text).not.toContain(squash('service-chain-journey'))
      expect(requests).toEqual([])
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('shows hostile text as text: no element, handler, dialog or request comes from it', async () => {
    const m = buildExportModel(buildInjectionSession().doc, {
      ...FIXTURE_EXPORT_OPTS,
      includeNames: true,
      checkpoints: HOSTILE_CHECKPOINTS,
    })
    const { page, requests, problems } = await open('inject', m)
    try {
      const found = await page.evaluate(() => {
        const all = [...document.querySelectorAll('*')]
        return {
          tags: all
            .map((e) => e.tagName.toLowerCase())
            .filter((t) => ['script', 'img', 'iframe', 'a', 'link', 'object', 'embed', 'b', 'i'].includes(t)),
          handlers: all
            .flatMap((e) => [...e.attributes].map((a) => a.name))
            .filter((n) => n.startsWith('on')),
          title: document.title,
          hebrew: (() => {
            const el = all.find((e) => e.children.length === 0 && e.textContent?.startsWith('שלום עולם'))
            return el ? getComputedStyle(el).direction : null
          })(),
        }
      })
      expect(found.tags).toEqual([])
      expect(found.handlers).toEqual([])
      expect(found.title).toContain('<script>alert("title")</script>')
      expect(found.hebrew).toBe('rtl')
      expect(await page.locator('body').innerText()).toContain('<img src=x onerror=alert(1)>')
      const pdf = await page.pdf({ preferCSSPageSize: true })
      expect(pdf.length).toBeGreaterThan(1000)
      expect(requests).toEqual([])
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })
})
