import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Two copies of Yjs break its constructor checks ("Yjs was already imported"); there must be one. */
function findPackages(dir: string, name: string, found: string[] = [], depth = 0): string[] {
  if (depth > 8) return found
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return found
  }
  for (const e of entries) {
    if (e.startsWith('.')) continue
    const p = join(dir, e)
    if (e.startsWith('@')) {
      findPackages(p, name, found, depth)
      continue
    }
    try {
      if (!statSync(p).isDirectory()) continue
      const pkg = JSON.parse(readFileSync(join(p, 'package.json'), 'utf8')) as {
        name?: string
        version?: string
      }
      if (pkg.name === name) found.push(`${p}@${pkg.version}`)
    } catch {
      // not a package
    }
    findPackages(join(p, 'node_modules'), name, found, depth + 1)
  }
  return found
}

describe('dependency tree', () => {
  it('holds exactly one copy of yjs, at 13.6.x', () => {
    const copies = findPackages(join(process.cwd(), 'node_modules'), 'yjs')
    expect(copies).toHaveLength(1)
    expect(copies[0]).toMatch(/@13\.6\.\d+$/)
  })
  it('pins tldraw and @tldraw/assets to exactly 3.15.6', () => {
    // Build-time dependencies: the renderer bundle carries them, so the packaged app does not.
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      devDependencies: Record<string, string>
    }
    expect(pkg.devDependencies.tldraw).toBe('3.15.6')
    expect(pkg.devDependencies['@tldraw/assets']).toBe('3.15.6')
    for (const c of findPackages(join(process.cwd(), 'node_modules'), 'tldraw'))
      expect(c).toMatch(/@3\.15\.6$/)
  })
})
