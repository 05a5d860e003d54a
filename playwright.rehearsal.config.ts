import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS } from './playwright.config'

/** `npm run rehearse`: the workshop rehearsal (test/rehearsal), screenshots and layout facts in rehearsal/. */
export default defineConfig({
  testDir: 'test/rehearsal',
  testMatch: '**/*.spec.ts',
  timeout: 10 * 60_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    actionTimeout: 20_000,
    trace: 'off',
    screenshot: 'off',
  },
})
