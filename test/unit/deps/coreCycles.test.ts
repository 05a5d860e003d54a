import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * src/core/common has no import cycles, runtime or type-only, between files or between its concept
 * folders (session/, cards/, structure/, voting/, facilitation/, export/, text/, templates/ …).
 * Every relative `import` and `export … from` counts, `import type` included.
 */
const ROOT = resolve(__dirname, '../../../src/core/common')

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) sourceFiles(p, out)
    else if (/\.tsx?$/.test(e.name)) out.push(p)
  }
  return out
}

function importsOf(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false)
  const out: string[] = []
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) && !ts.isExportDeclaration(st)) continue
    const spec = st.moduleSpecifier
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue
    const base = resolve(dirname(file), spec.text)
    const hit = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((c) => existsSync(c))
    if (hit && hit.startsWith(ROOT)) out.push(hit)
  }
  return out
}

/** Strongly connected components with more than one member (or a self-loop): the cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string): void => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const comp: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      comp.push(w)
    } while (w !== v)
    if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(comp.sort())
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return found
}

describe('src/core/common imports point one way', () => {
  const files = sourceFiles(ROOT)
  const fileGraph = new Map(files.map((f) => [f, importsOf(f)]))
  const name = (f: string) => relative(ROOT, f)

  it('has no cycle between files', () => {
    expect(files.length).toBeGreaterThan(40)
    expect(cycles(fileGraph).map((c) => c.map(name))).toEqual([])
  })

  it('has no cycle between concept folders', () => {
    const folder = (f: string) =>
      name(f)
        .split('/')[0]!
        .replace(/\.tsx?$/, '')
    const folderGraph = new Map<string, string[]>()
    for (const [f, deps] of fileGraph) {
      const edges = folderGraph.get(folder(f)) ?? []
      for (const d of deps) if (folder(d) !== folder(f)) edges.push(folder(d))
      folderGraph.set(folder(f), edges)
    }
    expect(cycles(folderGraph)).toEqual([])
  })

  it('finds a cycle when there is one (the check itself works)', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b']])
  })
})
