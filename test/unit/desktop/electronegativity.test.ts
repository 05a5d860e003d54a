import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * Electronegativity (Doyensec's static scanner for Electron misconfigurations) over the main process,
 * the preload and the workbench page. Every finding must be fixed or explained in docs/security.md
 * ("## Electron" → "Static scan"), matched by check id and file.
 */

interface Issue {
  id: string
  file: string
  location: { line: number; column: number }
  description: string
}
interface ScanResult {
  globalChecks: number
  atomicChecks: number
  errors: { file: string; message: string; tolerable: boolean }[]
  issues: Issue[]
}
type Run = (options: { input: string; isRelative: boolean }) => Promise<ScanResult>

const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Run

/** The files the scan sees, laid out as in the repository (package.json tells it the Electron version). */
const scanned = mkdtempSync(join(tmpdir(), 'copro-eneg-'))
afterAll(() => rmSync(scanned, { recursive: true, force: true }))
for (const dir of ['src/main', 'src/preload']) cpSync(dir, join(scanned, dir), { recursive: true })
mkdirSync(join(scanned, 'src/renderer'), { recursive: true })
cpSync('src/renderer/index.html', join(scanned, 'src/renderer/index.html'))
cpSync('package.json', join(scanned, 'package.json'))

function explained(): Set<string> {
  const md = readFileSync('docs/security.md', 'utf8')
  const electron = md.slice(md.indexOf('## Electron'))
  const table = electron.slice(electron.indexOf('electronegativity-explained'))
  const rows = [...table.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*`([^`]+)`\s*\|/gm)]
  return new Set(rows.map((r) => `${r[1]} ${r[2]}`))
}

describe('Electronegativity scan of the Electron code', () => {
  it('finds nothing that docs/security.md does not explain', { timeout: 120_000 }, async () => {
    const result = await run({ input: scanned, isRelative: true })
    // The scan really ran: its checks loaded and every file parsed.
    expect(result.atomicChecks).toBeGreaterThan(20)
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([])
    const ok = explained()
    expect(ok.size).toBeGreaterThan(0)
    const unexplained = result.issues
      .filter((i) => !ok.has(`${i.id} ${i.file.replace(/\\/g, '/')}`))
      .map((i) => `${i.id} at ${i.file}:${i.location.line} — ${i.description}`)
    expect(unexplained, 'fix these or explain them in docs/security.md (## Electron → Static scan)').toEqual(
      [],
    )
  })
})
