#!/usr/bin/env node
// `npm run serve`: builds the app if needed, then runs `copro serve` with any extra arguments.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const outputs = ['out/cli/index.js', 'out/renderer/index.html']
const newest = (dir) => {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}
const stale =
  outputs.some((o) => !existsSync(o)) || newest('src') > Math.min(...outputs.map((o) => statSync(o).mtimeMs))
if (stale) {
  process.stdout.write('Building Copro Studio…\n')
  const b = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })
  if (b.status !== 0) process.exit(b.status ?? 1)
}
const r = spawnSync(process.execPath, ['bin/copro.js', 'serve', ...process.argv.slice(2)], {
  stdio: 'inherit',
})
process.exit(r.status ?? 0)
