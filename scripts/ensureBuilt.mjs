// Builds the app when its outputs are missing or older than any file in src/ (serve and rehearse use it).
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

export function ensureBuilt() {
  const stale =
    outputs.some((o) => !existsSync(o)) ||
    newest('src') > Math.min(...outputs.map((o) => statSync(o).mtimeMs))
  if (!stale) return
  process.stdout.write('Building Copro Studio…\n')
  const b = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })
  if (b.status !== 0) process.exit(b.status ?? 1)
}
