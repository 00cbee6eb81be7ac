import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (src/**/*.test.ts); integration tests that start real FFmpeg,
// nginx-rtmp and Chromium live in test/. Playwright specs (e2e/) run separately.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: integration files each run FFmpeg and a browser, so never more than two at once.
    maxWorkers: 2,
  },
});
