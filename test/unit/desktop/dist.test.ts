import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * `npm run dist` where the Electron runtime cannot be fetched: an empty download cache and a mirror on a
 * closed loopback port stand for a machine without access to the download host, wherever the test runs.
 */
describe('npm run dist without the Electron runtime', () => {
  const home = mkdtempSync(join(tmpdir(), 'copro-dist-'))
  afterAll(() => rmSync(home, { recursive: true, force: true }))

  it('says why in one sentence and exits with code 2, building nothing', { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, ['scripts/dist.mjs'], {
      encoding: 'utf8',
      env: {
        // An .npmrc mirror would win over ELECTRON_MIRROR: leave those out.
        ...Object.fromEntries(
          Object.entries(process.env).filter(([k]) => !/^npm_(package_)?config_electron_/i.test(k)),
        ),
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        XDG_CACHE_HOME: home,
        LOCALAPPDATA: home,
        HOME: home,
      },
    })
    expect(r.status).toBe(2)
    const lines = r.stderr.split('\n').filter(Boolean)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^The Electron runtime could not be downloaded on this machine, so no installer can be built here: .+\.$/,
    )
    expect(r.stdout).toMatch(/^Fetching the Electron \d+\.\d+\.\d+ runtime/)
    expect(r.stdout).not.toMatch(/electron-builder|vite/)
  })
})
