import { writeFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { runImportCardsCommand } from '../../../src/cli/commands/importCards'
import { runSessionsCommand } from '../../../src/cli/commands/sessions'
import { selectCards } from '../../../src/core/common/cards/cardRecord'
import { readParticipants, readRecords } from '../../../src/core/common/session/read'
import { boardStats } from '../../../src/core/common/session/stats'
import { SessionStore } from '../../../src/core/node/storage/sessionStore'
import { tempDir } from './helpers'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(() => cleanup())

const io = (out: string[], err: string[]) => ({
  out: (s: string) => out.push(s),
  err: (s: string) => err.push(s),
  dataDir: path.join(dir, 'data'),
  now: () => 1_767_225_600_000,
})

async function createSession(): Promise<string> {
  const out: string[] = []
  const code = await runSessionsCommand(['create', '--title', 'Survey', '--json'], {
    out: (s) => out.push(s),
    err: () => {},
    dataDir: path.join(dir, 'data'),
  })
  expect(code).toBe(0)
  return (JSON.parse(out.join('\n')) as { id: string }).id
}

async function boardOf(id: string): Promise<Y.Doc> {
  const store = await SessionStore.open(path.join(dir, 'data'), { countsOf: boardStats })
  try {
    const doc = new Y.Doc()
    for (const u of await store.load(id)) Y.applyUpdate(doc, u)
    return doc
  } finally {
    await store.close()
  }
}

describe('copro import-cards', () => {
  it('adds every row as a card, named people as participants; a dry run writes nothing', async () => {
    const id = await createSession()
    const file = path.join(dir, 'cards.csv')
    await writeFile(
      file,
      '\uFEFFtext,kind,role,name\nLong wait,pain,service-user,\n"No bus, ever",,carer,Ana\n',
    )
    const out: string[] = []
    const err: string[] = []
    expect(await runImportCardsCommand([id, file, '--dry-run'], io(out, err))).toBe(0)
    expect(out.at(-1)).toBe('2 cards would be added (dry run: nothing written).')
    expect(selectCards(readRecords(await boardOf(id))).cards).toHaveLength(0)

    expect(await runImportCardsCommand([id, file, '--kind', 'idea'], io(out, err))).toBe(0)
    expect(out.at(-1)).toBe(`Added 2 cards to ${id}.`)
    const doc = await boardOf(id)
    const cards = selectCards(readRecords(doc)).cards.sort((a, b) => a.props.createdAt - b.props.createdAt)
    expect(cards.map((c) => [c.props.text, c.props.kind, c.props.authorRole, c.props.authorName])).toEqual([
      ['Long wait', 'pain', 'service-user', ''],
      ['No bus, ever', 'idea', 'carer-family', 'Ana'],
    ])
    expect(readParticipants(doc).map((p) => [p.name, p.coproRole])).toEqual([['Ana', 'carer-family']])
    expect(err).toEqual([])
  })

  it('lists every bad row with its number and writes nothing', async () => {
    const id = await createSession()
    const file = path.join(dir, 'bad.csv')
    await writeFile(file, 'text,kind\nGood,pain\n,pain\nAlso good,wibble\n')
    const out: string[] = []
    const err: string[] = []
    expect(await runImportCardsCommand([id, file], io(out, err))).toBe(1)
    expect(err).toEqual([
      'Row 3: the text is empty.',
      expect.stringMatching(/^Row 4: unknown kind "wibble"/),
      'Nothing was added: fix the rows above and run again.',
    ])
    expect(selectCards(readRecords(await boardOf(id))).cards).toHaveLength(0)
  })

  it('reads an Excel workbook (.xlsx): its first sheet, spreadsheet row numbers, formula results', async () => {
    const id = await createSession()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Survey answers')
    ws.addRow(['Text', 'Kind', 'Role', 'Name'])
    ws.addRow(['Long wait', 'pain', 'service-user', ''])
    ws.addRow([]) // an empty row is skipped, and the rows after it keep their own numbers
    ws.addRow([{ formula: '"No bus"&", ever"', result: 'No bus, ever' }, '', 'carer', 'Ana'])
    wb.addWorksheet('Notes').addRow(['text'])
    const file = path.join(dir, 'cards.xlsx')
    await writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()))
    const out: string[] = []
    const err: string[] = []
    expect(await runImportCardsCommand([id, file, '--dry-run'], io(out, err))).toBe(0)
    expect(out).toEqual([
      'row 2: pain · Long wait',
      'row 4: idea · No bus, ever',
      '2 cards would be added (dry run: nothing written).',
    ])
    expect(await runImportCardsCommand([id, file], io(out, err))).toBe(0)
    const cards = selectCards(readRecords(await boardOf(id))).cards
    expect(cards.map((c) => c.props.text).sort()).toEqual(['Long wait', 'No bus, ever'])
    expect(err).toEqual([])

    // a bad row is named by its row in the spreadsheet, and nothing is written
    const bad = new ExcelJS.Workbook()
    const sheet = bad.addWorksheet('Sheet1')
    sheet.addRow(['text', 'kind'])
    sheet.addRow([])
    sheet.addRow(['Fine', 'wibble'])
    const badFile = path.join(dir, 'bad.xlsx')
    await writeFile(badFile, Buffer.from(await bad.xlsx.writeBuffer()))
    const err2: string[] = []
    expect(await runImportCardsCommand([id, badFile], io([], err2))).toBe(1)
    expect(err2[0]).toMatch(/^Row 3: unknown kind "wibble"/)

    // a file named .xlsx that is not a workbook gets a plain answer
    const fake = path.join(dir, 'fake.xlsx')
    await writeFile(fake, 'text\nhello\n')
    const err3: string[] = []
    expect(await runImportCardsCommand([id, fake], io([], err3))).toBe(1)
    expect(err3.join(' ')).toMatch(/not an Excel workbook/)
    expect(selectCards(readRecords(await boardOf(id))).cards).toHaveLength(2)
  })

  it('refuses bad usage with exit code 2', async () => {
    const out: string[] = []
    const err: string[] = []
    expect(await runImportCardsCommand(['only-one'], io(out, err))).toBe(2)
    expect(await runImportCardsCommand(['a', 'b', '--role', 'king'], io(out, err))).toBe(2)
    expect(err.join('\n')).toMatch(/--role must be one of/)
  })
})
