import { test, expect, _electron as electron } from '@playwright/test'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The Electron binary, or why there is none (this machine and CI cannot download it). */
function electronBinary(): { bin: string } | { missing: string } {
  const dir = join(process.cwd(), 'node_modules', 'electron')
  const pathTxt = join(dir, 'path.txt')
  if (!existsSync(pathTxt)) return { missing: 'node_modules/electron/path.txt missing' }
  const bin = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim())
  return existsSync(bin) ? { bin } : { missing: `${bin} missing` }
}

test('the desktop app opens the workbench in a hardened window', async () => {
  const found = electronBinary()
  if ('missing' in found) {
    const reason = `Electron binary not installed (${found.missing}); the desktop window cannot be launched on this machine`
    console.log(`SKIPPED: ${reason}`)
    test.skip(true, reason)
    return
  }
  const app = await electron.launch({ executablePath: found.bin, args: ['.', '--no-sandbox'] })
  const win = await app.firstWindow()
  await expect(win.getByTestId('workbench')).toBeVisible()
  // Context isolation + no Node integration: the page sees only the two-method bridge, no require/process.
  const page = await win.evaluate(() => ({
    bridge: Object.keys((window as unknown as { copro: object }).copro).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }))
  expect(page).toEqual({ bridge: ['invoke', 'on'], require: 'undefined', process: 'undefined' })
  await app.close()
})
