#!/usr/bin/env node
// `npm run serve`: builds the app if needed, then runs `copro serve` with any extra arguments.
import { spawnSync } from 'node:child_process'
import { ensureBuilt } from './ensureBuilt.mjs'

ensureBuilt()
const r = spawnSync(process.execPath, ['bin/copro.js', 'serve', ...process.argv.slice(2)], {
  stdio: 'inherit',
})
process.exit(r.status ?? 0)
