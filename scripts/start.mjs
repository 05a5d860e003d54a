#!/usr/bin/env node
// `npm start`: builds and opens the desktop app. Electron ≥ 42 fetches its binary on first use; where
// that cannot happen (no network to the download host), say so in one sentence and point to the browser.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const electronDir = join('node_modules', 'electron')
const binaryPresent = () => {
  const pathTxt = join(electronDir, 'path.txt')
  return existsSync(pathTxt) && existsSync(join(electronDir, 'dist', readFileSync(pathTxt, 'utf8').trim()))
}

if (!binaryPresent()) {
  process.stdout.write('Fetching the Electron runtime (first start only)…\n')
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore' })
}
if (!binaryPresent()) {
  process.stderr.write(
    'The Electron desktop runtime could not be downloaded on this machine, so the desktop app cannot open here: run `npm run serve` to use Copro Studio in your browser instead.\n',
  )
  process.exit(1)
}
const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)
const electronBin = join(electronDir, 'dist', readFileSync(join(electronDir, 'path.txt'), 'utf8').trim())
const r = spawnSync(electronBin, ['.'], { stdio: 'inherit' })
process.exit(r.status ?? 0)
