// @ts-check
/**
 * ESLint rules over the whole import graph (ADR 0016), so `npm run lint` fails on:
 *   copro/no-import-cycle    an import that is part of a file cycle or a folder cycle (runtime or type-only)
 *   copro/import-boundaries  an import that breaks a BoundaryRule (feature → feature, board → feature, …)
 * Each report sits on the import that closes the cycle or crosses the line, with the whole path in the
 * message. Cycles and imports in the policy's allowlists are not reported.
 *
 * The graph is built once per ESLint process and policy (from the files on disk, ~0.5 s for src/), then
 * every linted file looks its imports up in it. An editor that lints unsaved text sees the saved graph.
 */
import path from 'node:path'
import {
  buildImportGraph,
  collapseGraph,
  findCycles,
  compareWithAllowlist,
  makeResolver,
  shortestPath,
} from './importGraph.mjs'
import * as repoPolicy from './policy.mjs'

/**
 * @typedef {{
 *   ROOT: string,
 *   GRAPH_INCLUDE: string[],
 *   folderOf: (file: string) => string,
 *   BOUNDARIES: import('./importGraph.mjs').BoundaryRule[],
 *   KNOWN_FILE_CYCLES: readonly { files: readonly string[] }[],
 *   KNOWN_FOLDER_CYCLES: readonly { files: readonly string[] }[],
 *   KNOWN_BOUNDARY_VIOLATIONS: readonly string[],
 * }} Policy
 */

/**
 * What the rules need to know, computed once per policy.
 * @param {Policy} policy
 */
function analyse(policy) {
  const graph = buildImportGraph(policy.ROOT, policy.GRAPH_INCLUDE)
  const folderGraph = collapseGraph(graph, policy.folderOf)
  const fileCycles = compareWithAllowlist(findCycles(graph), policy.KNOWN_FILE_CYCLES).unexpected
  const folderCycles = compareWithAllowlist(findCycles(folderGraph), policy.KNOWN_FOLDER_CYCLES).unexpected
  /** @type {Map<string, import('./importGraph.mjs').Cycle>} file → its unexpected file cycle */
  const fileCycleOf = new Map(fileCycles.flatMap((c) => c.files.map((f) => /** @type {const} */ ([f, c]))))
  /** @type {Map<string, import('./importGraph.mjs').Cycle>} folder → its unexpected folder cycle */
  const folderCycleOf = new Map(
    folderCycles.flatMap((c) => c.files.map((f) => /** @type {const} */ ([f, c]))),
  )
  return {
    graph,
    folderGraph,
    fileCycleOf,
    folderCycleOf,
    resolve: makeResolver(policy.ROOT, new Set(graph.files)),
    knownViolations: new Set(policy.KNOWN_BOUNDARY_VIOLATIONS),
  }
}

/**
 * The plugin for a policy; the default export uses the repository's (policy.mjs). Tests build one for a
 * fixture tree.
 * @param {Policy} policy
 */
export function createPlugin(policy) {
  /** @type {ReturnType<typeof analyse> | null} */
  let analysis = null
  const get = () => (analysis ??= analyse(policy))

  /**
   * Calls `check(node, fromRel, toRel)` for every import of the linted file that resolves into the graph.
   * @param {import('eslint').Rule.RuleContext} context
   * @param {(node: import('estree').Node, from: string, to: string, a: ReturnType<typeof analyse>) => void} check
   * @returns {import('eslint').Rule.RuleListener}
   */
  const onImports = (context, check) => {
    const abs = context.filename
    const from = path.relative(policy.ROOT, abs).split(path.sep).join('/')
    const a = get()
    if (!a.graph.edges.has(from)) return {}
    /** @param {any} node @param {any} source */
    const visit = (node, source) => {
      const spec = source?.type === 'Literal' && typeof source.value === 'string' ? source.value : null
      if (spec === null) return
      const to = a.resolve(spec, abs)
      if (to !== null) check(node, from, to, a)
    }
    return {
      ImportDeclaration: (n) => visit(n, n.source),
      ExportAllDeclaration: (n) => visit(n, n.source),
      ExportNamedDeclaration: (n) => visit(n, n.source),
      ImportExpression: (n) => visit(n, n.source),
      // TypeScript-only nodes (import('…') types, import x = require('…'))
      /** @param {any} n */
      TSImportType: (n) => visit(n, n.source),
      /** @param {any} n */
      TSExternalModuleReference: (n) => visit(n, n.expression),
    }
  }

  /** @type {import('eslint').Rule.RuleModule} */
  const noImportCycle = {
    meta: {
      type: 'problem',
      docs: { description: 'Disallow import cycles between files and between concept folders (ADR 0016).' },
      schema: [],
      messages: {
        file: 'Import cycle{{kind}}: {{path}}. Move what both sides need into a module that imports neither (ADR 0016).',
        folder:
          'Folder cycle{{kind}}: {{path}} (this import: {{edge}}). Imports between concept folders go one way (ADR 0016).',
      },
    },
    create: (context) =>
      onImports(context, (node, from, to, a) => {
        const cycle = a.fileCycleOf.get(from)
        if (cycle && cycle.files.includes(to)) {
          const back = shortestPath(a.graph, to, from, new Set(cycle.files)) ?? [to, from]
          context.report({
            node,
            messageId: 'file',
            data: {
              kind: cycle.typeOnly ? ' (closed by type-only imports)' : '',
              path: [from, ...back].join(' → '),
            },
          })
        }
        const ff = policy.folderOf(from)
        const ft = policy.folderOf(to)
        const fcycle = a.folderCycleOf.get(ff)
        if (ff !== ft && fcycle && fcycle.files.includes(ft)) {
          const back = shortestPath(a.folderGraph, ft, ff, new Set(fcycle.files)) ?? [ft, ff]
          context.report({
            node,
            messageId: 'folder',
            data: {
              kind: fcycle.typeOnly ? ' (closed by type-only imports)' : '',
              path: [ff, ...back].join(' → '),
              edge: `${from} → ${to}`,
            },
          })
        }
      }),
  }

  /** @type {import('eslint').Rule.RuleModule} */
  const importBoundaries = {
    meta: {
      type: 'problem',
      docs: { description: 'Disallow imports across the feature boundaries of policy.mjs (ADR 0016).' },
      schema: [],
      messages: { boundary: '{{from}} → {{to}} ({{rule}}): {{message}}' },
    },
    create: (context) =>
      onImports(context, (node, from, to, a) => {
        for (const rule of policy.BOUNDARIES) {
          const m = from.match(rule.from)
          if (!m || rule.allow(to, m) || a.knownViolations.has(`${from} → ${to}`)) continue
          context.report({
            node,
            messageId: 'boundary',
            data: { from, to, rule: rule.name, message: rule.message },
          })
        }
      }),
  }

  return {
    meta: { name: 'copro' },
    rules: { 'no-import-cycle': noImportCycle, 'import-boundaries': importBoundaries },
  }
}

export default createPlugin(repoPolicy)
