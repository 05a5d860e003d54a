import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, type Page } from '@playwright/test'

/** A hosted relay (`copro relay`, the built CLI) on loopback with a known admin token. */
export async function startRelay(): Promise<{ origin: string; token: string; log(): string; stop(): void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'copro-remote-'))
  const token = 'remote-admin-token-' + 'x'.repeat(24)
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/copro.js', 'relay', '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, COPRO_RELAY_TOKEN: token },
    },
  )
  let logged = ''
  child.stderr!.on('data', (d) => (logged += String(d)))
  const origin = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d) => {
      out += String(d)
      const m = /running at wss?:\/\/([^/\s]+)\/sync/.exec(out)
      if (m && /Health:/.test(out)) resolve(`http://${m[1]}`)
    })
    child.on('exit', (c) => reject(new Error(`copro relay exited with ${c}`)))
  })
  return {
    origin,
    token,
    /** What the relay printed on stderr (its log), for a failing test's report. */
    log: () => logged,
    stop() {
      child.kill('SIGTERM')
      setTimeout(() => rmSync(dataDir, { recursive: true, force: true }), 1000)
    },
  }
}

/** Publishes the facilitator's open session to `relay` from the Participants side bar; returns the guest link. */
export async function publishToRelay(page: Page, relay: { origin: string; token: string }): Promise<string> {
  await page.getByRole('button', { name: 'Participants', exact: true }).click()
  const panel = page.getByTestId('remote-relay')
  await panel.getByLabel('Relay address').fill(relay.origin)
  await panel.getByLabel('Admin token').fill(relay.token)
  await panel.getByRole('button', { name: 'Publish to relay' }).click()
  await expect(panel.getByTestId('remote-state')).toContainText('in sync')
  return (await panel.getByTestId('remote-participant-link').inputValue()).trim()
}
