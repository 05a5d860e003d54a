// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { rendererLayers } from './scripts/eslint-renderer-layers.js'

/**
 * Import boundaries (architecture.md):
 *   shared ← core/common ← core/node ← main, cli
 *   renderer may use shared and core/common, never core/node, main or electron
 *   preload imports only electron and the channel names
 *   `electron` is imported only in src/main and src/preload
 */
const noElectron = { name: 'electron', message: 'electron may be imported only in src/main and src/preload.' }
const electronPattern = { group: ['electron', 'electron/*'], message: noElectron.message }
const up = (what) => ({
  group: [`**/${what}`, `**/${what}/**`],
  message: `This layer may not import ${what}.`,
})

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { paths: [], patterns }],
})

export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'docs/**', '**/*.d.ts'],
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
    plugins: { 'react-hooks': reactHooks, copro: rendererLayers },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'copro/renderer-layers': 'error',
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
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['test/e2e/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
)
