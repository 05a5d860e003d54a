import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { packagedUpdateUrl, startUpdates, updatePolicy, type Updater } from '../../../src/main/updates'

describe('update policy', () => {
  it('is off by default', () => {
    expect(updatePolicy(undefined, undefined)).toEqual({
      on: false,
      reason: 'no update server is set (updates are off by default)',
    })
    expect(updatePolicy('  ', '')).toMatchObject({ on: false })
  })
  it("uses the organisation's HTTPS server: the computer's setting first, then the one built into the package", () => {
    expect(updatePolicy(undefined, 'https://updates.example.org/copro/')).toEqual({
      on: true,
      url: 'https://updates.example.org/copro/',
    })
    expect(updatePolicy('https://it.example.gov/copro', 'https://updates.example.org/copro/')).toEqual({
      on: true,
      url: 'https://it.example.gov/copro',
    })
  })
  it('"off" on the computer wins over the package', () => {
    expect(updatePolicy('OFF', 'https://updates.example.org/')).toEqual({
      on: false,
      reason: 'COPRO_UPDATE_URL is off',
    })
  })
  it('refuses plain http, non-URLs and addresses with passwords', () => {
    expect(updatePolicy('http://updates.example.org/', undefined)).toMatchObject({
      on: false,
      reason: expect.stringContaining('https'),
    })
    expect(updatePolicy('updates.example.org', undefined)).toMatchObject({
      on: false,
      reason: expect.stringContaining('not a URL'),
    })
    expect(updatePolicy('https://me:secret@updates.example.org/', undefined)).toMatchObject({
      on: false,
      reason: expect.stringContaining('password'),
    })
    expect(updatePolicy(undefined, 42)).toMatchObject({ on: false })
  })
})

describe('starting updates', () => {
  const fakeUpdater = () => {
    const u = { setFeedURL: vi.fn(), checkForUpdatesAndNotify: vi.fn(async () => null) }
    return { u, load: vi.fn(async (): Promise<Updater> => u) }
  }
  it('never loads the updater when updates are off, or in a development build', async () => {
    const { load } = fakeUpdater()
    const log = vi.fn()
    expect(await startUpdates({ on: false, reason: 'no update server is set' }, true, log, load)).toBe(false)
    expect(await startUpdates({ on: true, url: 'https://u.example.org/' }, false, log, load)).toBe(false)
    expect(load).not.toHaveBeenCalled()
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      'Automatic updates off: no update server is set.',
      'Automatic updates off: not a packaged app.',
    ])
  })
  it("points the updater at the organisation's generic server and checks", async () => {
    const { u, load } = fakeUpdater()
    expect(await startUpdates({ on: true, url: 'https://u.example.org/copro/' }, true, vi.fn(), load)).toBe(
      true,
    )
    expect(u.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://u.example.org/copro/' })
    expect(u.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1)
  })
  it('logs a failed check instead of crashing the app', async () => {
    const { u, load } = fakeUpdater()
    u.checkForUpdatesAndNotify.mockRejectedValueOnce(new Error('ENOTFOUND u.example.org'))
    const log = vi.fn()
    expect(await startUpdates({ on: true, url: 'https://u.example.org/' }, true, log, load)).toBe(false)
    expect(log).toHaveBeenCalledWith('Update check failed: ENOTFOUND u.example.org')
  })
  it('reads the address built into the packaged package.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'copro-upd-'))
    try {
      expect(packagedUpdateUrl(dir)).toBeUndefined()
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ coproUpdateUrl: 'https://u.example.org/' }))
      expect(packagedUpdateUrl(dir)).toBe('https://u.example.org/')
      expect(packagedUpdateUrl(process.cwd())).toBeUndefined()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
