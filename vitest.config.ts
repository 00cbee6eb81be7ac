import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (src/**/*.test.ts); integration tests that start real FFmpeg,
// nginx-rtmp and Chromium live in test/. Playwright specs (e2e/) run separately.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // Removes the studio-server harness's data folders once each file's tests are done.
    setupFiles: ['test/harness/data-dir-cleanup.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // CI is a loaded 2-core box: a poll waits for its positive signal up to 20 s unless it says
    // otherwise (the 1 s default failed there on replies that were merely late).
    expect: { poll: { timeout: 20_000 } },
    // Two cores: integration files each run FFmpeg and a browser, so never more than two at once.
    maxWorkers: 2,
  },
});
