import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTemplatesCommand } from '../../../src/cli/commands/templates'
import { loadTemplatesFromDir, readTemplateFile } from '../../../src/core/node/templates/loadShipped'

const SHIPPED = join(__dirname, '../../../workshop-templates')
let dir: string

async function run(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runTemplatesCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s) })
  return { code, out, err }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'copro-templates-'))
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

const write = (name: string, text: string | Buffer) => {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}
/** The shipped Service Journey Map without its translations (these tests are about the base format). */
const good = () => {
  const { translations: _translations, ...t } = JSON.parse(
    readFileSync(join(SHIPPED, 'service-journey-map.json'), 'utf8'),
  ) as Record<string, unknown>
  return JSON.stringify(t, null, 2)
}

describe('copro templates check', () => {
  it('exits 0 and says ok for valid files', async () => {
    const a = write('a.json', good())
    const b = join(SHIPPED, 'risk-equity-check.json')
    const r = await run(['check', a, b])
    expect(r.code).toBe(0)
    expect(r.out).toEqual([`${a}: ok`, `${b}: ok (languages: English (en); Welsh (cy))`])
    expect(r.err).toEqual([])
  })

  it('exits non-zero with one line per problem: file, JSON path, what is wrong', async () => {
    const t = JSON.parse(good())
    t.structure.stages[1].label = 'bad\u0000label'
    t.structure.lanes[2].kinds = ['pain', 'nonsense']
    delete t.purpose
    const bad = write('bad.json', JSON.stringify(t, null, 2))
    const syntax = write('syntax.json', '{\n  "id": "x",\n  "name": oops\n}')
    const ok = write('ok.json', good().replace('"id": "service-journey-map"', '"id": "another-map"'))
    const r = await run(['check', bad, syntax, ok])
    expect(r.code).toBe(1)
    expect(r.out).toEqual([
      `${bad}: $.purpose: is required`,
      `${bad}: $.structure.stages[1].label: must be one line of plain text without control characters (found U+0000 at character 4)`,
      expect.stringMatching(
        new RegExp(
          `^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\$\\.structure\\.lanes\\[2\\]\\.kinds\\[1\\]: must be "pain" or "gain"`,
        ),
      ),
      `${syntax}: $.name: not valid JSON: unexpected "o"; expected a value (line 3, column 11)`,
      `${ok}: ok`,
    ])
    expect(r.err).toEqual(['2 of 3 template files have problems.'])
  })

  it('reports two files with the same id', async () => {
    const a = write('one.json', good())
    const b = write('two.json', good())
    const r = await run(['check', a, b])
    expect(r.code).toBe(1)
    expect(r.out[1]).toBe(`${b}: $.id: ${a} already uses the id "service-journey-map"; ids must differ`)
  })

  it('refuses files over 1 MB before reading them, folders, missing files and invalid UTF-8', async () => {
    const big = join(dir, 'big.json')
    writeFileSync(big, '')
    truncateSync(big, 5 * 1024 * 1024) // a sparse 5 MB file
    const folder = join(dir, 'folder.json')
    mkdirSync(folder)
    const latin1 = write('latin1.json', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]))
    const missing = join(dir, 'missing.json')
    const r = await run(['check', big, folder, latin1, missing])
    expect(r.code).toBe(1)
    expect(r.out).toEqual([
      `${big}: $: the file is 5242880 bytes; a template may be at most 1048576 bytes (1 MB)`,
      `${folder}: $: is not a regular file`,
      `${latin1}: $: the file is not valid UTF-8 text`,
      `${missing}: $: cannot read the file (ENOENT)`,
    ])
  })

  it('reads a file of exactly 1 MB, and refuses one byte more', async () => {
    const exact = write('exact.json', `"${'x'.repeat(1024 * 1024 - 2)}"`)
    expect((await readTemplateFile(exact)).ok).toBe(true)
    const over = write('over.json', `"${'x'.repeat(1024 * 1024 - 1)}"`)
    const r = await readTemplateFile(over)
    expect(r.ok).toBe(false)
  })

  it('usage errors exit 2', async () => {
    expect((await run(['check'])).code).toBe(2)
    expect((await run(['check', '--strict', 'x.json'])).code).toBe(2)
    expect((await run([])).code).toBe(2)
    expect((await run(['frobnicate'])).code).toBe(2)
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.out.join('\n')).toMatch(/copro templates check \[--languages cy,en\] <file\.json\.\.\.>/)
  })
})

describe('copro templates list', () => {
  it('lists the eleven shipped templates, as text and as JSON', async () => {
    const text = await run(['list'])
    expect(text.code).toBe(0)
    expect(text.out.length).toBeGreaterThanOrEqual(11)
    expect(text.out.join('\n')).toMatch(
      /service-journey-map\s+Service Journey Map \(90 min, 5 stages × 6 lanes\)/,
    )
    const json = await run(['list', '--json'])
    expect(json.code).toBe(0)
    const list = JSON.parse(json.out.join('\n')) as { id: string; layout: string; framework: string }[]
    expect(list.map((t) => t.id)).toContain('participatory-budgeting')
    expect(list.find((t) => t.id === 'assets-resource-pooling')!.layout).toBe('zones')
    expect((await run(['list', '--yaml'])).code).toBe(2)
  })

  it('COPRO_TEMPLATES_DIR points list at another folder; a broken file there makes it exit 1', async () => {
    const shelf = join(dir, 'env-shelf')
    mkdirSync(shelf)
    writeFileSync(join(shelf, 'mine.json'), good().replace('"id": "service-journey-map"', '"id": "my-map"'))
    writeFileSync(join(shelf, 'broken.json'), '[[[')
    const before = process.env.COPRO_TEMPLATES_DIR
    process.env.COPRO_TEMPLATES_DIR = shelf
    try {
      const r = await run(['list'])
      expect(r.code).toBe(1)
      expect(r.out).toEqual(['my-map  Service Journey Map (90 min, 5 stages × 6 lanes)'])
      expect(r.err[0]).toMatch(/^broken\.json: \$\[0\]\[0\]\[0\]: not valid JSON: unexpected end of file/)
      process.env.COPRO_TEMPLATES_DIR = join(dir, 'does-not-exist')
      expect((await run(['list'])).code).toBe(2)
    } finally {
      if (before === undefined) delete process.env.COPRO_TEMPLATES_DIR
      else process.env.COPRO_TEMPLATES_DIR = before
    }
  })

  it('a folder with a broken file: valid ones load, the broken one is reported', async () => {
    const sub = join(dir, 'shelf')
    mkdirSync(sub)
    writeFileSync(join(sub, 'a.json'), good())
    writeFileSync(join(sub, 'b.json'), '{"__proto__": 1}')
    writeFileSync(join(sub, 'notes.txt'), 'ignored')
    const reg = await loadTemplatesFromDir(sub)
    expect(reg.templates.map((t) => t.id)).toEqual(['service-journey-map'])
    expect(reg.rejected.map((r) => r.name)).toEqual(['b.json'])
  })
})
