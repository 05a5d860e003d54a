import { test, expect, _electron as electron } from '@playwright/test'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * What to launch: the packaged app the release workflow built (COPRO_PACKAGED_APP, the executable inside
 * dist/*-unpacked or the .app bundle), else the development build with node_modules' Electron binary,
 * or why neither exists (this machine and CI cannot download the binary).
 */
function electronApp(): { bin: string; args: string[] } | { missing: string } {
  const packaged = process.env.COPRO_PACKAGED_APP
  if (packaged) {
    // Asked to test a packaged app: it must be there (no skipping).
    if (!existsSync(packaged)) throw new Error(`COPRO_PACKAGED_APP=${packaged} does not exist`)
    return { bin: packaged, args: [] }
  }
  const dir = join(process.cwd(), 'node_modules', 'electron')
  const pathTxt = join(dir, 'path.txt')
  if (!existsSync(pathTxt)) return { missing: 'node_modules/electron/path.txt missing' }
  const bin = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim())
  return existsSync(bin) ? { bin, args: ['.', '--no-sandbox'] } : { missing: `${bin} missing` }
}

test('the desktop app opens the workbench in a hardened window', async () => {
  const found = electronApp()
  if ('missing' in found) {
    const reason = `Electron binary not installed (${found.missing}); the desktop window cannot be launched on this machine`
    console.log(`SKIPPED: ${reason}`)
    test.skip(true, reason)
    return
  }
  const app = await electron.launch({ executablePath: found.bin, args: found.args })
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

test('a .copro file given to the app opens as a new session', async () => {
  const found = electronApp()
  if ('missing' in found) {
    const reason = `Electron binary not installed (${found.missing}); the desktop window cannot be launched on this machine`
    console.log(`SKIPPED: ${reason}`)
    test.skip(true, reason)
    return
  }
  // A real session file, made by the app itself.
  const title = `Opened from a file ${Date.now()}`
  const first = await electron.launch({ executablePath: found.bin, args: found.args })
  const win = await first.firstWindow()
  await expect(win.getByTestId('workbench')).toBeVisible()
  const base64 = await win.evaluate(async (t) => {
    type Bridge = {
      invoke(m: string, a: unknown): Promise<{ ok: boolean; value: { id: string; base64: string } }>
    }
    const copro = (window as unknown as { copro: Bridge }).copro
    const created = await copro.invoke('sessions.create', { title: t })
    return (await copro.invoke('sessions.exportFile', { id: created.value.id })).value.base64
  }, title)
  await first.close()
  const file = test.info().outputPath('from-outside.copro')
  writeFileSync(file, Buffer.from(base64, 'base64'))
  // As a double-click does: the file on the command line.
  const app = await electron.launch({ executablePath: found.bin, args: [...found.args, file] })
  const opened = await app.firstWindow()
  await expect(opened.getByRole('tab', { name: title })).toBeVisible()
  await expect(opened.getByText('Opened from-outside.copro as a new session')).toBeVisible()
  await app.close()
})
