import { test as base, expect, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ServeHandle {
  /** The URL `copro serve` printed, with the facilitator token. */
  url: string
  baseUrl: string
  token: string
  dataDir: string
  call<T = unknown>(method: string, args?: unknown): Promise<T>
}

/** Starts the real `copro serve` (the built CLI) on port 0 with a fresh data folder. */
export async function startServe(): Promise<ServeHandle & { stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'copro-e2e-'))
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/copro.js', 'serve', '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += String(d)))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`copro serve did not start: ${stderr}`)), 20_000)
    child.stdout!.on('data', (d) => {
      out += String(d)
      const m = /Copro Studio is running at (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    child.on('exit', (code) => reject(new Error(`copro serve exited with ${code}: ${stderr}`)))
  })
  const parsed = new URL(url)
  const token = parsed.searchParams.get('token')!
  const baseUrl = parsed.origin
  return {
    url,
    baseUrl,
    token,
    dataDir,
    async call<T>(method: string, args: unknown = {}) {
      const res = await fetch(`${baseUrl}/api/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(args),
      })
      const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } }
      if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
      return body.value
    },
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) errors.push(`console: ${m.text()}`)
  })
  return errors
}

/** A session's button in the Sessions list: its name starts with the title (taken literally). */
export const sessionButton = (page: Page, title: string) =>
  page.getByRole('button', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first()

/** Clicks a session in the Sessions list (which must be showing) and waits until its board is ready. */
export async function clickSession(page: Page, title: string): Promise<void> {
  await sessionButton(page, title).click()
  await page.waitForFunction(() => (window as any).__coproBoard?.editor)
  await expect(page.locator('[role="tabpanel"]:not([hidden]) .tl-container')).toBeVisible()
}

/** Loads the app from `url` and opens the session titled `title` on its board. */
export async function openBoard(page: Page, url: string, title: string): Promise<void> {
  await page.goto(url)
  await clickSession(page, title)
}

export const test = base.extend<object, { serve: ServeHandle }>({
  serve: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const s = await startServe()
      await use(s)
      await s.stop()
    },
    { scope: 'worker' },
  ],
})

export { expect }
