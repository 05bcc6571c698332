import { defineConfig } from '@playwright/test';

// End-to-end against the real local host (started by e2e/global-setup.ts on a free port over a fresh data folder)
// in Debian's Chromium: browsers cannot be downloaded here. Screenshots and traces go to .okcow/web-artifacts/.
const artifacts = process.env.OKCOW_WEB_ARTIFACTS ?? '../../.okcow/web-artifacts';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: `${artifacts}/test-results`,
  timeout: 240_000,
  expect: { timeout: 20_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] },
    locale: 'ko-KR',
    timezoneId: 'America/New_York',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
