// @ts-check
/**
 * The import graph of a source tree, built with the TypeScript compiler API, and the two questions asked of
 * it: which files import each other in a cycle, and which imports cross a folder boundary they may not.
 *
 * Why not eslint-plugin-import(-x)'s `no-cycle`: its documentation says it ignores `import type`, and half of
 * this repository's cycles are type-only (ADR 0016). Here every import counts: `import`, `import type`,
 * `export … from`, `import('…')` calls and `import('…')` types. An edge records whether it is type-only, so a
 * report can say which kind of cycle it found, but both kinds fail.
 *
 * Nodes are the .ts/.tsx files under `root/include` (no .d.ts); an import that resolves outside them (a
 * package, a .css file, an unresolvable specifier) is not an edge. Resolution is TypeScript's own, with the
 * repository's compiler options (moduleResolution "bundler"), so the graph is the one tsc sees.
 *
 * Pure: no module-level state; the ESLint plugin (eslintPlugin.mjs) caches one graph per process.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/**
 * @typedef {{ to: string, typeOnly: boolean, specifier: string }} Edge  `to` is a path relative to root
 * @typedef {{ root: string, files: string[], edges: Map<string, Edge[]> }} ImportGraph
 * @typedef {{ files: string[], typeOnly: boolean, example: string[] }} Cycle
 *   files: the strongly connected component, sorted; example: one shortest cycle through its first file
 *   (first file repeated at the end); typeOnly: no cycle remains among its runtime imports.
 * @typedef {{ name: string, from: RegExp, allow: (target: string, match: RegExpMatchArray) => boolean, message: string }} BoundaryRule
 *   `from` is matched against the importing file (relative to root, forward slashes); `allow` decides about
 *   each target inside the graph.
 * @typedef {{ rule: string, from: string, to: string, specifier: string, message: string }} Violation
 */

const SOURCE = /\.(ts|tsx|mts|cts)$/
const DECLARATION = /\.d\.(ts|mts|cts)$/

/** @type {ts.CompilerOptions} */
const RESOLUTION_OPTIONS = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  resolveJsonModule: true,
  allowJs: false,
  jsx: ts.JsxEmit.ReactJSX,
}

/**
 * @param {string} dir absolute
 * @returns {string[]} absolute paths of the source files below dir
 */
function listSources(dir) {
  /** @type {string[]} */
  const out = []
  /** @param {string} d */
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
      const p = path.join(d, entry.name)
      if (entry.isDirectory()) walk(p)
      else if (SOURCE.test(entry.name) && !DECLARATION.test(entry.name)) out.push(p)
    }
  }
  walk(dir)
  return out.sort()
}

/** @param {string} p */
const toPosix = (p) => p.split(path.sep).join('/')

/**
 * Every module specifier in a file, with whether the import is erased at runtime.
 * @param {string} fileName
 * @param {string} text
 * @returns {{ specifier: string, typeOnly: boolean }[]}
 */
export function importsOf(fileName, text) {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind)
  /** @type {{ specifier: string, typeOnly: boolean }[]} */
  const out = []
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)))
      out.push({ specifier: node.moduleSpecifier.text, typeOnly })
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly =
        node.isTypeOnly ||
        (!!node.exportClause &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly))
      out.push({ specifier: node.moduleSpecifier.text, typeOnly })
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression
      if (ts.isStringLiteral(e)) out.push({ specifier: e.text, typeOnly: node.isTypeOnly })
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      out.push({ specifier: node.arguments[0].text, typeOnly: false })
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      out.push({ specifier: node.argument.literal.text, typeOnly: true })
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return out
}

/**
 * A resolver from (specifier, importing file) to a path relative to root, or null when the target is not a
 * source file of the graph.
 * @param {string} root absolute
 * @param {Set<string>} known relative paths of the graph's files
 */
export function makeResolver(root, known) {
  const cache = ts.createModuleResolutionCache(root, (f) => f, RESOLUTION_OPTIONS)
  /**
   * @param {string} specifier
   * @param {string} fromAbs absolute path of the importing file
   * @returns {string | null}
   */
  return (specifier, fromAbs) => {
    if (!specifier.startsWith('.') && !specifier.startsWith('/')) return null // packages
    const r = ts.resolveModuleName(specifier, fromAbs, RESOLUTION_OPTIONS, ts.sys, cache).resolvedModule
    if (!r || r.isExternalLibraryImport) return null
    const rel = toPosix(path.relative(root, r.resolvedFileName))
    return known.has(rel) ? rel : null
  }
}

/**
 * @param {string} root absolute path of the repository (or a fixture tree)
 * @param {string[]} include folders below root whose files are the graph's nodes, e.g. ['src']
 * @returns {ImportGraph}
 */
export function buildImportGraph(root, include = ['src']) {
  const files = include
    .flatMap((d) => listSources(path.join(root, d)))
    .map((f) => toPosix(path.relative(root, f)))
  const known = new Set(files)
  const resolve = makeResolver(root, known)
  /** @type {Map<string, Edge[]>} */
  const edges = new Map()
  for (const file of files) {
    const abs = path.join(root, file)
    /** @type {Map<string, Edge>} one edge per target; runtime wins over type-only */
    const out = new Map()
    for (const { specifier, typeOnly } of importsOf(abs, readFileSync(abs, 'utf8'))) {
      const to = resolve(specifier, abs)
      if (to === null) continue
      const prev = out.get(to)
      if (!prev || (prev.typeOnly && !typeOnly)) out.set(to, { to, typeOnly, specifier })
    }
    edges.set(file, [...out.values()])
  }
  return { root, files, edges }
}

/**
 * Strongly connected components (Tarjan), over the edges that `keep` accepts.
 * @param {ImportGraph} graph
 * @param {(e: Edge) => boolean} keep
 * @returns {string[][]}
 */
function components(graph, keep) {
  let index = 0
  /** @type {Map<string, number>} */ const idx = new Map()
  /** @type {Map<string, number>} */ const low = new Map()
  /** @type {Set<string>} */ const onStack = new Set()
  /** @type {string[]} */ const stack = []
  /** @type {string[][]} */ const out = []
  const num = (/** @type {number | undefined} */ n) => n ?? 0

  /** @param {string} v */
  const strongConnect = (v) => {
    idx.set(v, index)
    low.set(v, index)
    index++
    stack.push(v)
    onStack.add(v)
    for (const e of graph.edges.get(v) ?? []) {
      if (!keep(e)) continue
      if (!idx.has(e.to)) {
        strongConnect(e.to)
        low.set(v, Math.min(num(low.get(v)), num(low.get(e.to))))
      } else if (onStack.has(e.to)) {
        low.set(v, Math.min(num(low.get(v)), num(idx.get(e.to))))
      }
    }
    if (low.get(v) === idx.get(v)) {
      /** @type {string[]} */
      const comp = []
      let w
      do {
        w = /** @type {string} */ (stack.pop())
        onStack.delete(w)
        comp.push(w)
      } while (w !== v)
      out.push(comp)
    }
  }
  for (const f of graph.files) if (!idx.has(f)) strongConnect(f)
  return out
}

/**
 * Import cycles: strongly connected components of more than one file, or a file that imports itself.
 * A cycle is type-only when it disappears without its `import type` edges (it is closed only through
 * types); it fails all the same.
 * @param {ImportGraph} graph
 * @returns {Cycle[]} sorted by first file
 */
export function findCycles(graph) {
  const isCycle = (/** @type {string[]} */ comp, /** @type {(e: Edge) => boolean} */ keep) =>
    comp.length > 1 || (graph.edges.get(comp[0] ?? '') ?? []).some((e) => keep(e) && e.to === comp[0])
  const runtime = (/** @type {Edge} */ e) => !e.typeOnly
  const runtimeCycleFiles = new Set(
    components(graph, runtime)
      .filter((c) => isCycle(c, runtime))
      .flat(),
  )
  /** @type {Cycle[]} */
  const cycles = []
  for (const comp of components(graph, () => true)) {
    if (!isCycle(comp, () => true)) continue
    const files = [...comp].sort()
    const first = /** @type {string} */ (files[0])
    cycles.push({
      files,
      typeOnly: !files.some((f) => runtimeCycleFiles.has(f)),
      example: shortestPath(graph, first, first, new Set(files)) ?? [first, first],
    })
  }
  return cycles.sort((a, b) => (a.files[0] ?? '').localeCompare(b.files[0] ?? ''))
}

/**
 * The shortest import path from `from` to `to` (BFS) using only files in `within`, `from` first and `to`
 * last; when from === to, a cycle of at least one edge.
 * @param {ImportGraph} graph
 * @param {string} from
 * @param {string} to
 * @param {Set<string>} within
 * @returns {string[] | null}
 */
export function shortestPath(graph, from, to, within) {
  /** @type {Map<string, string>} */
  const parent = new Map()
  /** @type {string[]} */
  let frontier = [from]
  const seen = new Set(from === to ? [] : [from])
  while (frontier.length > 0) {
    /** @type {string[]} */
    const next = []
    for (const v of frontier) {
      for (const { to: w } of graph.edges.get(v) ?? []) {
        if (!within.has(w) || seen.has(w)) continue
        seen.add(w)
        parent.set(w, v)
        if (w === to) {
          const pathOut = [to]
          let c = v
          while (c !== from) {
            pathOut.push(c)
            c = /** @type {string} */ (parent.get(c))
          }
          pathOut.push(from)
          return pathOut.reverse()
        }
        next.push(w)
      }
    }
    frontier = next
  }
  return null
}

/**
 * Imports that break a boundary rule.
 * @param {ImportGraph} graph
 * @param {BoundaryRule[]} rules
 * @returns {Violation[]}
 */
export function findBoundaryViolations(graph, rules) {
  /** @type {Violation[]} */
  const out = []
  for (const from of graph.files) {
    for (const rule of rules) {
      const m = from.match(rule.from)
      if (!m) continue
      for (const e of graph.edges.get(from) ?? []) {
        if (!rule.allow(e.to, m)) {
          out.push({ rule: rule.name, from, to: e.to, specifier: e.specifier, message: rule.message })
        }
      }
    }
  }
  return out
}

/**
 * Cycles that no allowlist entry covers (a cycle is covered when all its files are in one entry), and
 * allowlist entries that no longer match a cycle exactly (to be shrunk or removed).
 * @param {Cycle[]} cycles
 * @param {readonly { files: readonly string[] }[]} allowed
 */
export function compareWithAllowlist(cycles, allowed) {
  const sets = allowed.map((a) => new Set(a.files))
  const unexpected = cycles.filter((c) => !sets.some((s) => c.files.every((f) => s.has(f))))
  const stale = allowed.filter((a) => {
    const key = [...a.files].sort().join('\n')
    return !cycles.some((c) => c.files.join('\n') === key)
  })
  return { unexpected, stale }
}

/**
 * One line per cycle, for messages.
 * @param {Cycle} c
 * @param {string} [nodes] what the graph's nodes are
 */
export function describeCycle(c, nodes = 'files') {
  return `${c.typeOnly ? 'type-only ' : ''}cycle of ${c.files.length} ${nodes}: ${c.example.join(' → ')}`
}

/**
 * The graph of groups (e.g. folders): one node per group, an edge where any file of one group imports a file
 * of another (type-only when every such import is). Imports inside a group are dropped.
 * @param {ImportGraph} graph
 * @param {(file: string) => string} groupOf
 * @returns {ImportGraph}
 */
export function collapseGraph(graph, groupOf) {
  /** @type {Map<string, Map<string, Edge>>} */
  const edges = new Map()
  for (const file of graph.files) {
    const g = groupOf(file)
    const out = edges.get(g) ?? new Map()
    edges.set(g, out)
    for (const e of graph.edges.get(file) ?? []) {
      const t = groupOf(e.to)
      if (t === g) continue
      const prev = out.get(t)
      if (!prev) out.set(t, { to: t, typeOnly: e.typeOnly, specifier: `${file} → ${e.to}` })
      else if (prev.typeOnly && !e.typeOnly)
        out.set(t, { to: t, typeOnly: false, specifier: `${file} → ${e.to}` })
    }
  }
  return {
    root: graph.root,
    files: [...edges.keys()].sort(),
    edges: new Map([...edges].map(([k, m]) => [k, [...m.values()]])),
  }
}
