#!/usr/bin/env node
// `npm run rehearse`: builds the app if needed, then runs the workshop rehearsal (test/rehearsal) in
// Chromium against the real `copro serve`. Screenshots and rehearsal/facts.json land in rehearsal/.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { ensureBuilt } from './ensureBuilt.mjs'

ensureBuilt()
// a fresh folder each run: a screenshot left from an earlier run would mislead whoever looks
rmSync('rehearsal', { recursive: true, force: true })
const r = spawnSync(
  'node_modules/.bin/playwright',
  ['test', '-c', 'playwright.rehearsal.config.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
)
process.stdout.write('\nScreenshots and layout facts: rehearsal/ (open them and look).\n')
process.exit(r.status ?? 1)
