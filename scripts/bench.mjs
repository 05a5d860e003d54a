#!/usr/bin/env node
// `npm run bench`: runs every benchmark in bench/ (files named *.bench.ts or listed below) in turn.
// Each prints a JSON line of results and a summary; record them in docs/benchmarks.md.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'

const only = process.argv.slice(2)
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
let failed = 0
for (const f of files) {
  process.stdout.write(`\n▶ bench/${f}\n`)
  const r = spawnSync('node_modules/.bin/tsx', [`bench/${f}`], { stdio: 'inherit' })
  if (r.status !== 0) failed++
}
process.stdout.write(`\n${files.length - failed} benchmarks ran, ${failed} failed\n`)
process.exit(failed ? 1 : 0)
