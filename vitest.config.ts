import { defineConfig } from 'vitest/config'

/**
 * Two projects in one run:
 *   node       unit and integration tests (test/unit, test/integration) in Node, as the server runs
 *   component  React component tests (test/component, *.test.tsx) in happy-dom with Testing Library
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['test/component/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['test/component/setup.ts'],
        },
      },
    ],
  },
  resolve: { dedupe: ['yjs'] },
})
