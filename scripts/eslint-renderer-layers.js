// @ts-check
import path from 'node:path'

/**
 * ESLint rule `copro/renderer-layers`: the renderer's layers (ADR 0011) as a lint error.
 *
 *   device     ← board ← session ← workbench ← features/<name> ← guest, main.tsx
 *
 * - board/ is the tldraw adapter: it imports no feature, no session, no workbench;
 * - session/ knows no feature and no workbench;
 * - workbench/ renders what features contribute and names none of them;
 * - a feature imports no other feature (share through session/ or workbench/ instead).
 */
const ALLOWED = {
  device: ['device'],
  host: ['host'],
  board: ['board', 'device'],
  session: ['session', 'board', 'device'],
  workbench: ['workbench', 'session', 'board', 'device', 'host'],
  features: ['features', 'workbench', 'session', 'board', 'device', 'host'],
}

/** { layer, feature } of a file inside src/renderer, or null outside it. */
function layerOf(file) {
  const rel = path.relative(path.resolve('src/renderer'), file)
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null
  const [top, sub] = rel.split(path.sep)
  return { layer: top, feature: top === 'features' ? sub : null }
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: { type: 'problem', schema: [], messages: { layer: '{{msg}}' } },
  create(context) {
    const from = layerOf(context.filename)
    if (!from || !(from.layer in ALLOWED)) return {}
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return
      const to = layerOf(path.resolve(path.dirname(context.filename), spec))
      if (!to) return
      let msg = null
      if (!ALLOWED[from.layer].includes(to.layer))
        msg = `src/renderer/${from.layer} may not import src/renderer/${to.layer} (ADR 0011).`
      else if (from.layer === 'features' && to.layer === 'features' && to.feature !== from.feature)
        msg = `The ${from.feature} feature may not import the ${to.feature} feature; share through session/ or workbench/ (ADR 0011).`
      if (msg) context.report({ node, messageId: 'layer', data: { msg } })
    }
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
    }
  },
}

export const rendererLayers = { rules: { 'renderer-layers': rule } }
