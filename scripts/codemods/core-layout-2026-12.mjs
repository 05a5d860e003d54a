// One-off codemod for merging branches written before the core/common reorganisation (issue 13, item 1;
// ADR 0009). Run from the repository root after a merge: `node scripts/codemods/core-layout-2026-12.mjs`,
// then `npx tsc -b`. For every `import { … } from` / `export { … } from` that names a moved module, it
// resolves each name to the new module that exports it (a module that was split sends names to
// different files) and rewrites the declaration; it prints what it cannot do (namespace imports,
// `export *`, names nobody exports any more). Run prettier on the changed files afterwards.
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
const ROOT = process.cwd()
const C = (p) => path.join(ROOT, 'src/core/common', p)
const S = (p) => path.join(ROOT, 'src/shared/model', p)
const R = (p) => path.join(ROOT, 'src/renderer', p)
const MAP = {
  [C('board/docSchema')]: [C('session/docSchema'), C('cards/card'), C('cards/cardRecord')],
  [C('board/keyedRecords')]: [C('session/keyedRecords')],
  [C('export/readDoc')]: [C('session/read')],
  [C('board/workshopState')]: [
    C('session/read'),
    C('session/write'),
    C('facilitation/state'),
    C('newSession'),
  ],
  [C('board/stats')]: [C('session/stats')],
  [C('board/records')]: [C('cards/cardRecord')],
  [C('board/attribution')]: [C('structure/attribution')],
  [C('board/structureEdits')]: [C('structure/edits/index')],
  [C('board/gridEdits')]: [C('structure/edits/grid')],
  [C('board/zoneEdits')]: [C('structure/edits/zones')],
  [C('board/cardPlacement')]: [C('structure/edits/holding')],
  [C('board/itemTextPatch')]: [C('structure/edits/itemText')],
  [C('export/votes')]: [C('voting/tally'), C('text/compare')],
  [C('facilitation/voting')]: [
    C('voting/ballots'),
    C('voting/tally'),
    C('voting/eligibility'),
    C('structure/areas'),
  ],
  [C('facilitation/balance')]: [C('export/liveBalance')],
  [C('export/text')]: [C('text/sanitize'), C('text/words')],
  [C('templates/text')]: [C('text/fields')],
  [C('facilitation/schema')]: [
    C('facilitation/schema'),
    C('voting/round'),
    C('voting/ballots'),
    C('session/docSchema'),
  ],
  [C('facilitation/state')]: [
    C('facilitation/state'),
    C('facilitation/locks'),
    C('voting/round'),
    C('voting/ballots'),
    C('session/read'),
    C('session/write'),
  ],
  [C('facilitation/index')]: [
    C('facilitation/index'),
    C('voting/round'),
    C('voting/ballots'),
    C('voting/tally'),
    C('voting/eligibility'),
    C('session/read'),
    C('session/write'),
    C('session/docSchema'),
    C('export/liveBalance'),
    C('structure/areas'),
  ],
  [S('cards')]: [S('cardKinds'), S('participant'), C('cards/card')],
  [S('index')]: [S('index'), C('cards/card')],
  [C('export/index')]: [C('export/index')],
  [R('board/a11y/freeSpot')]: [C('structure/placement')],
  [R('board/structure/describeCell')]: [C('structure/cellLabel')],
  [R('board/structure/permissions')]: [C('permissions')],
}
const allCands = [...new Set(Object.values(MAP).flat())]
const files = allCands.map((c) => (fs.existsSync(c + '.ts') ? c + '.ts' : c + '.tsx'))
const program = ts.createProgram(files, {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  skipLibCheck: true,
  noEmit: true,
})
const checker = program.getTypeChecker()
const exportsOf = {}
for (const c of allCands) {
  const f = fs.existsSync(c + '.ts') ? c + '.ts' : c + '.tsx'
  const sf = program.getSourceFile(f)
  if (!sf) {
    console.error('no source', f)
    continue
  }
  const sym = checker.getSymbolAtLocation(sf)
  exportsOf[c] = new Set(sym ? checker.getExportsOfModule(sym).map((s) => s.name) : [])
}
function resolveSpec(from, spec) {
  if (!spec.startsWith('.')) return null
  const abs = path.resolve(path.dirname(from), spec)
  if (fs.existsSync(abs + '.ts') || fs.existsSync(abs + '.tsx')) return abs
  if (fs.existsSync(path.join(abs, 'index.ts'))) return path.join(abs, 'index')
  return abs // may be an old, moved module
}
function rel(from, target) {
  let r = path.relative(path.dirname(from), target)
  if (r.endsWith('/index')) r = r.slice(0, -'/index'.length)
  if (!r.startsWith('.')) r = './' + r
  return r
}
function walk(d, out) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue
    const p = path.join(d, e.name)
    if (e.isDirectory()) walk(p, out)
    else if (/\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p)
  }
  return out
}
const targets = ['src', 'test', 'bench', 'scripts'].flatMap((d) => walk(path.join(ROOT, d), []))
let changed = 0
for (const f of targets) {
  const text = fs.readFileSync(f, 'utf8')
  const sf = ts.createSourceFile(
    f,
    text,
    ts.ScriptTarget.Latest,
    true,
    f.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  )
  const edits = []
  for (const st of sf.statements) {
    const isImp = ts.isImportDeclaration(st),
      isExp = ts.isExportDeclaration(st)
    if (!isImp && !isExp) continue
    if (!st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier)) continue
    const abs = resolveSpec(f, st.moduleSpecifier.text)
    if (!abs || !MAP[abs]) continue
    const cands = MAP[abs]
    const declType = isImp ? !!(st.importClause && st.importClause.isTypeOnly) : st.isTypeOnly
    let elements
    if (isImp) {
      const cl = st.importClause
      if (!cl) {
        console.log('SIDE-EFFECT', f, st.getText())
        continue
      }
      if (cl.name || !cl.namedBindings || !ts.isNamedImports(cl.namedBindings)) {
        console.log('MANUAL', f, st.getText())
        continue
      }
      elements = cl.namedBindings.elements
    } else {
      if (!st.exportClause && (fs.existsSync(abs + '.ts') || fs.existsSync(abs + '.tsx'))) continue
      if (!st.exportClause || !ts.isNamedExports(st.exportClause)) {
        console.log('MANUAL', f, st.getText())
        continue
      }
      elements = st.exportClause.elements
    }
    const groups = new Map()
    let bad = false
    for (const el of elements) {
      const name = (el.propertyName || el.name).text
      const c = cands.find((c) => exportsOf[c] && exportsOf[c].has(name))
      if (!c) {
        console.log('UNRESOLVED', f, name, 'from', st.moduleSpecifier.text)
        bad = true
        continue
      }
      if (!groups.has(c)) groups.set(c, [])
      groups.get(c).push(el.getText())
    }
    if (groups.size === 1 && [...groups.keys()][0] === abs && !bad) continue
    const kw = isImp ? 'import' : 'export'
    const out = [...groups.entries()].map(
      ([c, els]) => `${kw} ${declType ? 'type ' : ''}{ ${els.join(', ')} } from '${rel(f, c)}'`,
    )
    edits.push([st.getStart(), st.getEnd(), out.join('\n')])
  }
  if (edits.length) {
    let t = text
    for (const [a, b, r] of edits.sort((x, y) => y[0] - x[0])) t = t.slice(0, a) + r + t.slice(b)
    fs.writeFileSync(f, t)
    changed++
  }
}
console.log('changed files', changed)
