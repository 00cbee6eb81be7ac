import { defineConfig } from '@playwright/test';

// Playwright cannot download its browsers here: the system Chromium is used (CHROMIUM_PATH, or
// Debian's /usr/bin/chromium). Specs start their own studio (server mode) and RTMP server.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--autoplay-policy=no-user-gesture-required',
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
      ],
    },
    viewport: { width: 1600, height: 900 },
    trace: 'off',
  },
});
