#!/usr/bin/env node
// `npm test`: typecheck, lint, format check, build, vitest (unit + integration) and Playwright (Chromium),
// then one closing line "N passed, N failed" merged from both runners' JSON reports.
// Exits non-zero when any step or any test fails.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

// Not test-results/: Playwright empties that folder when it starts.
const results = 'test-reports'
mkdirSync(results, { recursive: true })
const vitestJson = `${results}/vitest.json`
const playwrightJson = `${results}/playwright.json`
rmSync(vitestJson, { force: true })
rmSync(playwrightJson, { force: true })

const bin = (name) => `node_modules/.bin/${name}`
const steps = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['-b'] },
  { name: 'lint', cmd: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  { name: 'format', cmd: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
  { name: 'build', cmd: 'npm', args: ['run', '--silent', 'build'] },
  {
    name: 'vitest',
    cmd: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  },
  {
    name: 'playwright',
    cmd: bin('playwright'),
    args: ['test'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  },
]

const failedSteps = []
for (const step of steps) {
  if (step.name === 'playwright' && failedSteps.includes('build')) {
    failedSteps.push('playwright (not run: build failed)')
    continue
  }
  const started = Date.now()
  process.stdout.write(`\n▶ ${step.name}\n`)
  const r = spawnSync(step.cmd, step.args, { stdio: 'inherit', env: { ...process.env, ...step.env } })
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  if (r.status !== 0) {
    failedSteps.push(step.name)
    process.stdout.write(`✗ ${step.name} failed (${secs} s)\n`)
  } else process.stdout.write(`✓ ${step.name} (${secs} s)\n`)
}

const count = { passed: 0, failed: 0, skipped: 0 }

if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'))
  count.passed += v.numPassedTests ?? 0
  count.failed += v.numFailedTests ?? 0
  count.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
  // A test file that fails to load has no tests but is a failure.
  for (const f of v.testResults ?? [])
    if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) count.failed++
}
if (existsSync(playwrightJson)) {
  const p = JSON.parse(readFileSync(playwrightJson, 'utf8'))
  count.passed += p.stats?.expected ?? 0
  count.failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0)
  count.skipped += p.stats?.skipped ?? 0
  for (const e of p.errors ?? []) if (e) count.failed++
}
// Checks that are not tests (typecheck, lint, format, build) count as one failure each.
for (const s of failedSteps) if (!['vitest', 'playwright'].includes(s)) count.failed++
if (failedSteps.includes('vitest') && !existsSync(vitestJson)) count.failed++
if (failedSteps.includes('playwright') && !existsSync(playwrightJson)) count.failed++

if (failedSteps.length) process.stdout.write(`\nFailed steps: ${failedSteps.join(', ')}\n`)
process.stdout.write(`\n${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped\n`)
process.exit(failedSteps.length || count.failed ? 1 : 0)
