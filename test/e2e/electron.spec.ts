import { test, expect, _electron as electron } from '@playwright/test'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Where the Electron binary would be; this machine and CI cannot download it. */
function electronBinary(): string | null {
  const dir = join(process.cwd(), 'node_modules', 'electron')
  const pathTxt = join(dir, 'path.txt')
  if (!existsSync(pathTxt)) return null
  const bin = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim())
  return existsSync(bin) ? bin : null
}

test('the desktop app opens the workbench in a hardened window', async () => {
  const bin = electronBinary()
  if (!bin) {
    const reason =
      'Electron binary not installed (node_modules/electron/path.txt missing); the desktop window cannot be launched on this machine'
    console.log(`SKIPPED: ${reason}`)
    test.skip(true, reason)
    return
  }
  const app = await electron.launch({ executablePath: bin, args: ['.', '--no-sandbox'] })
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
