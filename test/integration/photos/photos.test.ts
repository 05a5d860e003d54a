/**
 * Photo cards and pictures (issue 17 item 6), the logo (item 7) and .xlsx reading (item 5), end to end
 * on a real server: an image is uploaded to the asset store, a photo card and a canvas picture name
 * it through a stock y-websocket client, and then every export names the file, the file export writes
 * it into photos/, the reports embed it with its caption as text alternative, and the server's Word
 * and Excel documents (the desktop Export view's) read back with it.
 */
import { readFile } from 'node:fs/promises'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { buildExportModel, renderFormat } from '../../../src/core/common/export'
import { parseCardRows } from '../../../src/core/common/bulk/parse'
import { DEFAULT_REPORT, writeReportSettings } from '../../../src/core/common/export/report'
import { recordsArray } from '../../../src/core/common/session/docSchema'
import { KeyedRecords, type KeyedEntry } from '../../../src/core/common/session/keyedRecords'
import { writePhoneCard } from '../../../src/renderer/guest/phone/writeCard'
import { CoproServer, StoreBackend } from '../../../src/core/node/server'
import { writeExport } from '../../../src/core/node/export/writeExport'
import { getAsset } from '../../../src/core/node/storage/sessionAssets'
import { callApi, serverPerFile } from '../../helpers/server'
import { stockProvider, whenSynced } from '../../helpers/yclient'

let server: CoproServer
let dataDir = ''

/** A small real PNG (the app's 16 × 16 icon). */
const PNG = readFileSync('build/icons/16x16.png')
const CAPTION = 'The waiting room wall, with the queue numbers'

serverPerFile(async (tempDir) => {
  dataDir = tempDir('copro-photos-')
  server = await CoproServer.start({ port: 0, backend: await StoreBackend.open(dataDir, { batchMs: 20 }) })
  return server
})

const call = (method: string, args: unknown) => callApi(server.baseUrl, method, args, server.token)

let sessionId = ''
let assetId = ''
let client: { doc: Y.Doc; destroy(): void } | null = null

beforeAll(async () => {
  sessionId = (await call('sessions.create', { title: 'Photos of the wall' })).body.value.id as string
  const res = await fetch(`${server.baseUrl}/api/assets/${sessionId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}` },
    body: new Uint8Array(PNG),
  })
  expect(res.status).toBe(201)
  assetId = ((await res.json()) as { assetId: string }).assetId
  const conn = (await call('board.connect', { id: sessionId })).body.value as {
    syncUrl: string
    token: string
  }
  const doc = new Y.Doc()
  const provider = stockProvider(conn.syncUrl, sessionId, doc, { token: conn.token })
  await whenSynced(provider)
  // the photo card, as the phone screen writes it (writeCard.ts), and a picture pasted on the canvas
  writePhoneCard(
    doc,
    {
      id: 'shape:photo1',
      kind: 'pain',
      text: CAPTION,
      cell: null,
      createdAt: 1_767_225_600_000,
      meta: {},
      photo: { assetId, w: 16, h: 16 },
    },
    { id: 'fac', name: 'Fac', anonymous: true, coproRole: 'facilitator' },
  )
  const keyed = new KeyedRecords(recordsArray<KeyedEntry<unknown>>(doc))
  keyed.set('asset:pic', {
    id: 'asset:pic',
    typeName: 'asset',
    type: 'image',
    props: {
      name: 'flipchart.png',
      src: `/api/assets/${sessionId}/${assetId}`,
      w: 4,
      h: 2,
      mimeType: 'image/png',
      isAnimated: false,
    },
    meta: {},
  })
  keyed.set('shape:pic', {
    id: 'shape:pic',
    typeName: 'shape',
    type: 'image',
    x: 5000,
    y: 5000,
    rotation: 0,
    parentId: 'page:page',
    index: 'a9',
    isLocked: false,
    opacity: 1,
    props: {
      w: 40,
      h: 20,
      assetId: 'asset:pic',
      altText: 'Flipchart of the first session',
      playing: true,
      url: '',
      crop: null,
      flipX: false,
      flipY: false,
    },
    meta: {},
  })
  keyed.destroy()
  writeReportSettings(doc, { ...DEFAULT_REPORT, organisation: 'Example Council', logo: assetId })
  client = { doc, destroy: () => provider.destroy() }
})
afterAll(() => client?.destroy())

describe('photo cards in the export model and the text formats', () => {
  it('names the photo file for the card and the picture, and the logo', () => {
    const m = buildExportModel(client!.doc, { generatedAt: '2026-01-02T09:00:00.000Z', appVersion: 'test' })
    const card = m.cards.find((c) => c.id === 'shape:photo1')!
    expect(card.text).toBe(CAPTION)
    expect(card.photo).toEqual({ file: `photos/${assetId}`, mediaType: 'image/png', width: 16, height: 16 })
    expect(m.images).toEqual([
      {
        id: 'shape:pic',
        description: 'Flipchart of the first session',
        file: `photos/${assetId}`,
        cell: { type: 'unplaced' },
      },
    ])
    expect(m.report.logo).toBe(`photos/${assetId}`)
    const csv = renderFormat(m, 'csv')
    expect(csv.find((f) => f.name === 'cards.csv')!.text).toContain(`shape:photo1,Pain,"${CAPTION}",`)
    expect(csv.find((f) => f.name === 'cards.csv')!.text.split('\r\n')[1]).toMatch(
      new RegExp(`,photos/${assetId}$`),
    )
    expect(csv.find((f) => f.name === 'cards.csv')!.text.split('\r\n')[0]).toMatch(/,Photo file$/)
    expect(csv.find((f) => f.name === 'pictures.csv')!.text).toContain(
      `Flipchart of the first session,,,,photos/${assetId}`,
    )
    // without the image bytes, the HTML report names the file instead of showing it
    const html = renderFormat(m, 'html')[0]!.text
    expect(html).toContain(`Photo file: photos/${assetId}`)
    expect(html).not.toContain('<img')
    expect(renderFormat(m, 'md')[0]!.text).toContain(`![${CAPTION}](photos/${assetId})`)
  })
})

describe('writeExport with the session folder’s images', () => {
  it('writes photos/ beside the files, and the HTML reports embed the photo and logo as data: images', async () => {
    const out = mkdtempSync(join(tmpdir(), 'copro-photo-export-'))
    const m = buildExportModel(client!.doc, { generatedAt: '2026-01-02T09:00:00.000Z', appVersion: 'test' })
    const dir = join(dataDir, 'sessions', sessionId)
    const readAsset = async (id: string) => (await getAsset(dir, id))?.bytes ?? null
    expect(await readAsset(assetId)).not.toBeNull()
    const written = await writeExport(m, ['json', 'csv', 'html', 'easyread', 'docx', 'xlsx'], out, {
      readAsset,
    })
    expect(written.map((f) => f.path.slice(out.length + 1))).toContain(`photos/${assetId}`)
    expect(Buffer.compare(await readFile(join(out, 'photos', assetId)), PNG)).toBe(0)
    const json = JSON.parse(await readFile(join(out, 'export.json'), 'utf8')) as {
      cards: { id: string; photo?: { file: string } }[]
    }
    expect(json.cards.find((c) => c.id === 'shape:photo1')!.photo!.file).toBe(`photos/${assetId}`)
    const html = await readFile(join(out, 'report.html'), 'utf8')
    const dataUrl = `data:image/png;base64,${PNG.toString('base64')}`
    expect(html).toContain(`<img src="${dataUrl}" alt="${CAPTION}">`)
    expect(html).toContain(`<img src="${dataUrl}" alt="Flipchart of the first session">`)
    expect(html).toContain(`<img class="logo" src="${dataUrl}" alt="Example Council logo">`)
    // the report's CSP still allows only data: images
    expect(html).toContain('img-src data:')
    expect(await readFile(join(out, 'you-said-we-did.html'), 'utf8')).toContain('alt="Example Council logo"')
  })
})

describe("the server's Word and Excel documents (the desktop Export view)", () => {
  it('export.office docx: the photo is embedded with its caption as alt text, the logo on top', async () => {
    const r = await call('export.office', { id: sessionId, format: 'docx', includeNames: false })
    expect(r.status).toBe(200)
    const zip = await JSZip.loadAsync(Buffer.from(r.body.value.base64 as string, 'base64'))
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))
    expect(media.length).toBeGreaterThanOrEqual(1)
    expect(Buffer.compare(Buffer.from(await zip.file(media[0]!)!.async('uint8array')), PNG)).toBe(0)
    const xml = await zip.file('word/document.xml')!.async('string')
    expect(xml).toContain(`descr="${CAPTION}"`)
    expect(xml).toContain('descr="Example Council logo"')
    expect(xml).toContain('descr="Flipchart of the first session"')
    expect(xml).toContain('>Photos<')
  })

  it('export.office xlsx: the Cards sheet names the photo file', async () => {
    const r = await call('export.office', { id: sessionId, format: 'xlsx', includeNames: false })
    expect(r.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(r.body.value.base64 as string, 'base64') as unknown as ArrayBuffer)
    const sheet = wb.getWorksheet('Cards')!
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    const col = header.indexOf('Photo file') + 1
    expect(col).toBeGreaterThan(0)
    const values = sheet.getColumn(col).values.slice(2)
    expect(values).toContain(`photos/${assetId}`)
  })

  it('export.office refuses an unknown session and a bad format', async () => {
    expect(
      (await call('export.office', { id: 'nope-0000', format: 'docx', includeNames: false })).status,
    ).toBe(404)
    expect((await call('export.office', { id: sessionId, format: 'pdf', includeNames: false })).status).toBe(
      400,
    )
  })
})

describe('cards.readSpreadsheet (the cards import reads .xlsx through the server)', () => {
  it('returns the first sheet’s rows with their spreadsheet numbers; the preview checks them as a CSV', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Answers')
    ws.addRow(['text', 'kind', 'role'])
    ws.addRow(['The letters are confusing', 'pain', 'service user'])
    ws.addRow([])
    ws.addRow(['', 'idea', ''])
    ws.addRow([new Date(Date.UTC(2026, 0, 31)), 'idea', 'staff'])
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
    const r = await call('cards.readSpreadsheet', { base64 })
    expect(r.status).toBe(200)
    expect(r.body.value.sheet).toBe('Answers')
    expect(r.body.value.rows.map((x: { row: number }) => x.row)).toEqual([1, 2, 4, 5])
    const parsed = parseCardRows(r.body.value.rows, null, {
      defaultKind: 'idea',
      defaultRole: 'service-user',
    })
    expect(parsed.cards.map((c) => [c.row, c.text, c.role])).toEqual([
      [2, 'The letters are confusing', 'service-user'],
      [5, '2026-01-31', 'frontline-staff'],
    ])
    expect(parsed.errors.map((e) => e.message)).toEqual(['Row 4: the text is empty.'])
  })

  it('answers a file that is not a workbook in plain words', async () => {
    const r = await call('cards.readSpreadsheet', { base64: Buffer.from('text\nhello').toString('base64') })
    expect(r.status).toBe(400)
    expect(r.body.error.message).toMatch(/not an Excel workbook/)
  })
})
