import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { removeCreatedDataDirs, startStudioServer } from '../harness/studio-server';

// The harness's own data folders outlive stop() (tests read a stopped server's files) and go with
// the test file; a folder the caller passed in is the caller's and stays.
it('removes the data folders it made once their server has exited, and keeps a caller\'s', async () => {
  const own = mkdtempSync(path.join(tmpdir(), 'harness-own-'));
  const made = await startStudioServer();
  const given = await startStudioServer({ dataDir: own });
  try {
    removeCreatedDataDirs();
    expect(existsSync(made.dataDir), 'a running server keeps its folder').toBe(true);
    await made.stop();
    await given.stop();
    expect(existsSync(path.join(made.dataDir, 'logs')), 'a stopped server\'s files are still there to read').toBe(true);
    removeCreatedDataDirs();
    expect(existsSync(made.dataDir)).toBe(false);
    expect(existsSync(path.join(own, 'logs'))).toBe(true);
  } finally {
    await made.stop();
    await given.stop();
    rmSync(own, { recursive: true, force: true });
  }
});
