// @ts-check
/**
 * The repository's import and size policy (ADR 0016), read by the ESLint plugin (eslintPlugin.mjs, run by
 * `npm run lint`) and by test/unit/deps/*.test.ts (run by vitest). Both run in `npm test`.
 *
 *   1. No import cycles between files — runtime or `import type` alike.
 *   2. No import cycles between concept folders (src/core/common/<concept>, src/renderer/<area>,
 *      src/renderer/features/<name>, …): imports between folders go one way.
 *   3. A feature (src/renderer/features/<name>/) imports, inside the renderer, only its own folder and the
 *      layers below the features (BELOW_FEATURES: board, session, workbench, host, device); outside the
 *      renderer, src/core/common and src/shared (eslint.config.js closes the other layers). Never another
 *      feature: features meet through the session and the workbench's registries.
 *   4. The layers below the features, the tldraw adapter (src/renderer/board/) first, import no feature
 *      (src/renderer/features/, and src/renderer/contrib/, its name before issue 13).
 *   5. No file longer than MAX_LINES lines.
 *
 * The allowlists below hold what the tree had when these rules arrived (December 2026), before the
 * restructuring of issue 13 landed. They only shrink. To remove an entry: fix the code, delete the entry, run
 * `npx vitest run test/unit/deps` — the test fails while an entry no longer matches the tree ("stale"), and
 * lint fails while the tree has a cycle or a long file that no entry covers.
 */

import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Folders whose .ts/.tsx files make up the import graph. */
export const GRAPH_INCLUDE = ['src']

export const MAX_LINES = 400

/** Files whose length is checked by test/unit/deps/fileLength.test.ts (ESLint's max-lines covers JS/TS only). */
export const LENGTH_CHECKED = /^(src|test|bench|scripts)\/.*\.(ts|tsx|mts|js|mjs|cjs|css)$/

/**
 * The concept folder a file belongs to, for the folder-cycle rule: src/renderer/features/<name>,
 * src/renderer/contrib/<name>, src/core/<side>/<concept>, otherwise src/<layer>/<area> (e.g.
 * src/renderer/board, src/shared/model). A file directly in a layer folder is its own group.
 * @param {string} file relative to ROOT, forward slashes
 */
export function folderOf(file) {
  const p = file.split('/')
  if (p[1] === 'renderer' && (p[2] === 'features' || p[2] === 'contrib') && p.length > 4)
    return p.slice(0, 4).join('/')
  if (p[1] === 'core' && p.length > 4) return p.slice(0, 4).join('/')
  if (p.length > 3) return p.slice(0, 3).join('/')
  return file
}

/**
 * The renderer's layers below the features, which any feature may use and none of which may import a feature:
 * the tldraw adapter, the open session, the workbench's registries, the app API client and device-wide
 * preferences.
 */
export const BELOW_FEATURES = [
  'src/renderer/board/',
  'src/renderer/session/',
  'src/renderer/workbench/',
  'src/renderer/host/',
  'src/renderer/device/',
]

const FEATURES = 'src/renderer/features/'

/**
 * What each layer below the features may import inside src/renderer (ADR 0011), lowest first:
 *
 *   device ← board ← session ← workbench ← features/<name> ← guest, main.tsx
 *
 * board/ is the tldraw adapter (no session, workbench or feature); session/ knows no workbench and no
 * feature; workbench/ renders what features contribute and names none of them. Imports from outside the
 * renderer (src/core/common, src/shared) are the other ESLint rules' business.
 */
export const RENDERER_LAYERS = {
  device: ['device'],
  host: ['host'],
  board: ['board', 'device'],
  session: ['session', 'board', 'device'],
  workbench: ['workbench', 'session', 'board', 'device', 'host'],
}

/** @type {import('./importGraph.mjs').BoundaryRule[]} */
export const BOUNDARIES = [
  {
    name: 'feature-imports-feature',
    from: /^src\/renderer\/features\/([^/]+)\//,
    allow: (to, m) =>
      !to.startsWith('src/renderer/') ||
      to.startsWith(`${FEATURES}${m[1]}/`) ||
      BELOW_FEATURES.some((p) => to.startsWith(p)),
    message: `A feature imports only its own folder, ${BELOW_FEATURES.join(', ')}, src/core/common and src/shared — never another feature: features meet through the session and the workbench's registries.`,
  },
  {
    name: 'layer-imports-feature',
    from: new RegExp(`^(${BELOW_FEATURES.join('|')})`),
    allow: (to) => !to.startsWith(FEATURES),
    message: `${BELOW_FEATURES.join(', ')} sit below the features and import none (src/renderer/features): features plug into them through registries.`,
  },
  {
    name: 'layer-imports-higher-layer',
    from: /^src\/renderer\/(device|host|board|session|workbench)\//,
    allow: (to, m) => {
      const layer = /^src\/renderer\/([^/]+)\//.exec(to)?.[1]
      const allowed = /** @type {Record<string, string[]>} */ (RENDERER_LAYERS)[m[1] ?? ''] ?? []
      return layer === undefined || layer === 'features' || allowed.includes(layer)
    },
    message: `The renderer's layers import only themselves and the layers below them (device ← board ← session ← workbench; host for the workbench): ${Object.entries(
      RENDERER_LAYERS,
    )
      .map(([l, ok]) => `${l} → ${ok.join('/')}`)
      .join('; ')} (ADR 0011).`,
  },
]

/**
 * File cycles tolerated for now (none since issue 13's restructuring). Each entry is a whole strongly
 * connected component; a cycle is tolerated only while all its files are in one entry.
 * @type {readonly { files: readonly string[], why: string }[]}
 */
export const KNOWN_FILE_CYCLES = []

/**
 * Folder cycles tolerated for now (none; same rule as KNOWN_FILE_CYCLES, over folderOf).
 * @type {readonly { files: readonly string[], why: string }[]}
 */
export const KNOWN_FOLDER_CYCLES = []

/**
 * Imports that break BOUNDARIES and are tolerated for now, as "from → to" (none).
 * @type {readonly string[]}
 */
export const KNOWN_BOUNDARY_VIOLATIONS = []

/**
 * Files longer than MAX_LINES today.
 * @type {readonly string[]}
 */
export const KNOWN_LONG_FILES = []
