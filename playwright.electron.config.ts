import { defineConfig } from '@playwright/test';

// The desktop app's smoke suite (e2e-electron/), apart from the server-mode specs because it needs
// an Electron runtime: scripts/test-electron.mjs runs it where one is installed.
export default defineConfig({
  testDir: 'e2e-electron',
  outputDir: 'test-results/electron',
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 30_000 },
});
