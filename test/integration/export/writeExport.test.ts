import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildExportModel } from '../../../src/core/common/export'
import { writeExport } from '../../../src/core/node/export/writeExport'
import { runExportCommand, type ExportCommandIo } from '../../../src/cli/commands/export'
import { buildGridSession, FIXTURE_CHECKPOINTS, FIXTURE_EXPORT_OPTS } from '../../fixtures/docs/buildDoc'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'copro-export-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeExport', () => {
  it('writes every chosen format into a new folder, leaving no temp files', async () => {
    const m = buildExportModel(buildGridSession().doc, FIXTURE_EXPORT_OPTS)
    const out = join(dir, 'nested', 'out')
    const written = await writeExport(m, ['json', 'csv', 'md', 'html'], out)
    expect(written.map((w) => w.path.slice(out.length + 1))).toEqual([
      'export.json',
      'cards.csv',
      'actions.csv',
      'decisions.csv',
      'report.md',
      'report.html',
    ])
    expect((await readdir(out)).sort()).toEqual([
      'actions.csv',
      'cards.csv',
      'decisions.csv',
      'export.json',
      'report.html',
      'report.md',
    ])
    const json = JSON.parse(await readFile(join(out, 'export.json'), 'utf8')) as { cards: unknown[] }
    expect(json.cards).toHaveLength(m.cards.length)
    const csv = await readFile(join(out, 'cards.csv'))
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // UTF-8 BOM
    for (const w of written) expect((await readFile(w.path)).length).toBe(w.bytes)
  })

  it('replaces an existing export atomically and writes only the formats asked for', async () => {
    await writeFile(join(dir, 'report.md'), 'old')
    const m = buildExportModel(buildGridSession().doc, FIXTURE_EXPORT_OPTS)
    await writeExport(m, ['md', 'md'], dir)
    expect(await readdir(dir)).toEqual(['report.md'])
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toMatch(/^# Housing support journey/)
  })

  it('rejects an unknown format before writing anything', async () => {
    const m = buildExportModel(buildGridSession().doc, FIXTURE_EXPORT_OPTS)
    await expect(writeExport(m, ['json', 'pdf' as 'json'], dir)).rejects.toThrow(/unknown export format: pdf/)
    expect(await readdir(dir)).toEqual([])
  })

  it('fails cleanly when a target cannot be replaced, leaving no temp file', async () => {
    await mkdir(join(dir, 'report.md')) // a folder where the file should go
    const m = buildExportModel(new Y.Doc(), FIXTURE_EXPORT_OPTS)
    await expect(writeExport(m, ['json', 'md'], dir)).rejects.toThrow()
    expect((await readdir(dir)).sort()).toEqual(['export.json', 'report.md'])
  })

  it('fails cleanly when the output folder cannot be created', async () => {
    await writeFile(join(dir, 'file'), 'x')
    const m = buildExportModel(new Y.Doc(), FIXTURE_EXPORT_OPTS)
    await expect(writeExport(m, ['json'], join(dir, 'file', 'out'))).rejects.toThrow(/ENOTDIR|EEXIST/)
  })
})

describe('copro export', () => {
  function makeIo(): ExportCommandIo & { outLines: string[]; errLines: string[]; loaded: unknown[] } {
    const outLines: string[] = []
    const errLines: string[] = []
    const loaded: unknown[] = []
    return {
      outLines,
      errLines,
      loaded,
      out: (s) => outLines.push(s),
      err: (s) => errLines.push(s),
      dataDir: join(dir, 'data'),
      appVersion: '9.9.9',
      now: () => new Date('2026-01-02T09:00:00.000Z'),
      // A stand-in for the session store: a .copro file here holds one Yjs update.
      async loadSessionDoc(idOrFile, opts) {
        loaded.push({ idOrFile, ...opts })
        const bytes = await readFile(
          idOrFile.endsWith('.copro') ? idOrFile : join(opts.dataDir, `${idOrFile}.copro`),
        )
        const doc = new Y.Doc()
        Y.applyUpdate(doc, bytes)
        return { doc, checkpoints: FIXTURE_CHECKPOINTS }
      },
    }
  }

  it('exports a .copro file to the chosen formats', async () => {
    const file = join(dir, 'session.copro')
    await writeFile(file, Y.encodeStateAsUpdate(buildGridSession().doc))
    const io = makeIo()
    const code = await runExportCommand([file, '--format', 'json,csv', '--out', join(dir, 'out')], io)
    expect(io.errLines).toEqual([])
    expect(code).toBe(0)
    expect((await readdir(join(dir, 'out'))).sort()).toEqual([
      'actions.csv',
      'cards.csv',
      'decisions.csv',
      'export.json',
    ])
    const json = JSON.parse(await readFile(join(dir, 'out', 'export.json'), 'utf8')) as {
      generator: { appVersion: string; generatedAt: string }
      checkpoints: unknown[]
      namesIncluded: boolean
    }
    expect(json.generator).toEqual({
      app: 'Copro Studio',
      appVersion: '9.9.9',
      generatedAt: '2026-01-02T09:00:00.000Z',
    })
    expect(json.checkpoints).toHaveLength(2)
    expect(json.namesIncluded).toBe(false)
    expect(io.outLines[0]).toContain('Exported "Housing support journey" (15 cards, 3 actions)')
  })

  it('--language cy,en writes the report in Welsh and English side by side; a bad language is a usage error', async () => {
    const file = join(dir, 'session.copro')
    await writeFile(file, Y.encodeStateAsUpdate(buildGridSession().doc))
    const io = makeIo()
    const code = await runExportCommand(
      [file, '--format', 'html,md', '--out', join(dir, 'bi'), '--language', 'cy,en'],
      io,
    )
    expect(code).toBe(0)
    const html = await readFile(join(dir, 'bi', 'report.html'), 'utf8')
    expect(html).toContain('<html lang="cy">')
    expect(html).toContain('<span lang="en" class="alt">Action plan</span>')
    expect(await readFile(join(dir, 'bi', 'report.md'), 'utf8')).toContain(
      '## Cynllun gweithredu / Action plan',
    )
    const bad = makeIo()
    expect(await runExportCommand([file, '--out', join(dir, 'x'), '--language', 'fr'], bad)).toBe(2)
    expect(bad.errLines.join('\n')).toContain('Unknown language "fr"')
  })

  it('exports a session id from --data-dir with all formats by default, names on request', async () => {
    const data = join(dir, 'other-data')
    await mkdir(data)
    await writeFile(join(data, 'grid-demo-01.copro'), Y.encodeStateAsUpdate(buildGridSession().doc))
    const io = makeIo()
    const code = await runExportCommand(
      ['grid-demo-01', '--out', join(dir, 'o'), '--data-dir', data, '--names'],
      io,
    )
    expect(code).toBe(0)
    expect(io.loaded).toEqual([{ idOrFile: 'grid-demo-01', dataDir: data }])
    expect((await readdir(join(dir, 'o'))).length).toBe(6) // + decisions.csv (the fixture's closed round)
    expect(await readFile(join(dir, 'o', 'cards.csv'), 'utf8')).toContain('Ana Lopes')
  })

  it('explains bad usage with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--out', dir], /exactly one session/],
      [['s1', 's2', '--out', dir], /exactly one session/],
      [['s1'], /--out DIR is required/],
      [['s1', '--out', dir, '--format', 'json,pdf'], /Unknown format "pdf"/],
      [['s1', '--out', dir, '--format', ','], /at least one/],
      [['s1', '--out', dir, '--bogus'], /Unknown option "--bogus"/],
    ]
    for (const [args, re] of cases) {
      const io = makeIo()
      expect(await runExportCommand(args, io), args.join(' ')).toBe(2)
      expect(io.errLines.join('\n')).toMatch(re)
      expect(io.loaded).toEqual([])
    }
  })

  it('reports a missing session with exit code 1', async () => {
    const io = makeIo()
    expect(await runExportCommand(['nope', '--out', join(dir, 'x')], io)).toBe(1)
    expect(io.errLines[0]).toMatch(/^Export failed: .*ENOENT/)
  })

  it('prints help', async () => {
    const io = makeIo()
    expect(await runExportCommand(['--help'], io)).toBe(0)
    expect(io.outLines[0]).toContain('copro export <session-id | file.copro>')
  })
})
