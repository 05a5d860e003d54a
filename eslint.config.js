// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import i18next from 'eslint-plugin-i18next'
import copro from './scripts/deps/eslintPlugin.mjs'
import { KNOWN_LONG_FILES, MAX_LINES } from './scripts/deps/policy.mjs'

/** One `copro` plugin: import cycles and boundaries (scripts/deps, ADR 0016) and the renderer's layers (ADR 0011). */

/**
 * Import boundaries (architecture.md):
 *   shared ← core/common ← core/node ← main, cli
 *   renderer may use shared and core/common, never core/node, main or electron
 *   preload imports only electron and the channel names
 *   `electron` is imported only in src/main and src/preload
 * Over the whole import graph (scripts/deps/, ADR 0016): no file or folder cycles, features import no other
 * feature, the layers below the features import none. No file over MAX_LINES lines.
 */
const noElectron = { name: 'electron', message: 'electron may be imported only in src/main and src/preload.' }
const electronPattern = { group: ['electron', 'electron/*'], message: noElectron.message }
const up = (what) => ({
  group: [`**/${what}`, `**/${what}/**`],
  message: `This layer may not import ${what}.`,
})

/**
 * Screens whose words are not in the message catalogues yet (issue 19, docs/i18n.md). The lint rule
 * `i18next/no-literal-string` fails on a hard-coded user-facing string in every other src/renderer
 * .tsx file. Shrink this list to empty as screens are converted; never add to it.
 */
export const NOT_YET_TRANSLATED = []

/** What the renderer must not show without a catalogue: JSX text and these attributes (issue 19). */
export const NO_LITERAL_STRING = [
  'error',
  {
    mode: 'jsx-only',
    'jsx-attributes': {
      include: ['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label'],
    },
    // not words: punctuation, symbols and numbers in any script (·, ×, −, …, ◷, 100 %)
    words: { exclude: [/^[\s\p{P}\p{S}\p{N}]+$/u] },
  },
]

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { paths: [], patterns }],
})

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'docs/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [] }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: restrict([
      electronPattern,
      up('core'),
      up('main'),
      up('renderer'),
      up('preload'),
      up('cli'),
      {
        group: ['node:*', 'fs', 'path', 'os', 'react', 'react-dom', 'tldraw', '@tldraw/*', 'ws'],
        message: 'src/shared is pure: no Node, DOM or UI libraries.',
      },
    ]),
  },
  {
    files: ['src/core/common/**'],
    rules: restrict([
      electronPattern,
      up('core/node'),
      up('main'),
      up('renderer'),
      up('preload'),
      up('cli'),
      {
        group: [
          'node:*',
          'fs',
          'path',
          'os',
          'react',
          'react-dom',
          'tldraw',
          '@tldraw/*',
          'ws',
          'lowdb',
          'lowdb/*',
        ],
        message: 'src/core/common is pure TypeScript: no Node, DOM or UI libraries.',
      },
    ]),
  },
  {
    files: ['src/core/node/**'],
    rules: restrict([
      electronPattern,
      up('main'),
      up('renderer'),
      up('preload'),
      up('cli'),
      { group: ['react', 'react-dom', 'tldraw', '@tldraw/*'], message: 'src/core/node holds no UI code.' },
    ]),
  },
  {
    files: ['src/cli/**'],
    rules: restrict([electronPattern, up('main'), up('renderer'), up('preload')]),
  },
  {
    files: ['src/main/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [], patterns: [up('renderer'), up('preload'), up('cli')] }],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [],
          patterns: [
            up('core'),
            up('main'),
            up('renderer'),
            up('cli'),
            {
              group: ['**/shared/model', '**/shared/model/**'],
              message: 'The preload imports only electron and the channel names.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, copro },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      ...restrict([
        electronPattern,
        up('core/node'),
        up('main'),
        up('preload'),
        up('cli'),
        {
          group: ['node:*', 'fs', 'path', 'os', 'ws', 'lowdb', 'lowdb/*'],
          message: 'The renderer runs in a browser: no Node modules.',
        },
      ]),
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { copro },
    rules: { 'copro/no-import-cycle': 'error', 'copro/import-boundaries': 'error' },
  },
  {
    // every user-facing string from the message catalogues (ADR 0045, docs/i18n.md)
    files: ['src/renderer/**/*.tsx'],
    ignores: NOT_YET_TRANSLATED,
    plugins: { i18next },
    rules: { 'i18next/no-literal-string': NO_LITERAL_STRING },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: [...KNOWN_LONG_FILES],
    rules: { 'max-lines': ['error', { max: MAX_LINES, skipBlankLines: false, skipComments: false }] },
  },
  {
    // One home for the Y.Doc layout (src/core/common/session/docSchema.ts): nothing else opens a
    // top-level map or array by name; use sessionMap(doc, name) / recordsArray(doc) instead.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/core/common/session/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(getMap|getArray)$/]",
          message:
            'Only src/core/common/session/ opens Y.Doc maps by name: use sessionMap(doc, name), recordsArray(doc) or a session/ reader.',
        },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['test/e2e/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // e2e tests drive the app through its UI and app API, and read it through the documented test
      // hook (window.__coproTest, src/renderer/board/testHook.md): no board internals, no doc writes.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'MemberExpression[property.name=/^__copro(Board|Bench)$/], Identifier[name=/^__copro(Board|Bench)$/]',
          message: 'Use the test hook (window.__coproTest) or the UI; see src/renderer/board/testHook.md.',
        },
        {
          selector:
            "MemberExpression[property.name='editor']:matches([object.name='window'], [object.expression.name='window'], [object.expression.expression.name='window'])",
          message: 'No tldraw Editor internals in e2e tests: use the UI or window.__coproTest.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^get(Map|Array|Text|XmlFragment)$/]',
          message:
            'No Y.Doc access in e2e tests: read stored state with window.__coproTest.stored(), change it through the UI.',
        },
        {
          selector: 'Literal[value=/__coproBoard|window\\.editor\\b/]',
          message: 'Use the test hook (window.__coproTest) or the UI; see src/renderer/board/testHook.md.',
        },
      ],
    },
  },
)
