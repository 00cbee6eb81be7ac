/**
 * Periodic screenshots turned on the way a server-mode operator does (--screenshots-every), with
 * real parts: headless Chromium renders program, the stream goes live to a loopback nginx-rtmp, and
 * the pictures land in the data folder as real JPEGs of the canvas's aspect, none before going live.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startNginxRtmp, type NginxRtmp } from '../harness';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { startStudioServer, type StudioServer } from '../harness/studio-server';

let nginx: NginxRtmp;
let server: StudioServer;
let client: StudioClient;

beforeAll(async () => {
  nginx = await startNginxRtmp();
  server = await startStudioServer({ headless: true, args: ['--screenshots-every', '1'] });
  client = await connectStudio(server);
});

afterAll(async () => {
  client?.close();
  await server?.stop();
  await nginx?.stop();
});

const pictures = (dir: string): string[] => {
  try {
    return readdirSync(dir).filter((f) => /^program-.*\.jpg$/.test(f));
  } catch {
    return [];
  }
};

it('--screenshots-every saves JPEGs of program into screenshots/ while live', async () => {
  const folder = path.join(server.dataDir, 'screenshots');
  const changed = await client.waitFor((e) => e.type === 'document.changed');
  expect(changed.type === 'document.changed' && changed.data.document.output.screenshots).toMatchObject({ enabled: true, intervalSec: 1 });
  expect(pictures(folder), 'nothing is taken before the stream is live').toEqual([]);

  await client.must('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: 'shots', enabled: true });
  await client.must('stream.start', {});
  await client.waitFor((e) => e.type === 'stream.state' && e.data.state === 'live', 60_000);
  // One picture proves the path; the rhythm and the pruning are unit-tested (screenshot*.test.ts).
  await expect.poll(() => pictures(folder).length, { timeout: 120_000 }).toBeGreaterThanOrEqual(1);

  const jpeg = readFileSync(path.join(folder, pictures(folder)[0]!));
  // JPEG SOI marker, and a baseline frame header whose size keeps the 16:9 canvas's aspect.
  expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  expect(sof).toBeGreaterThan(0);
  const height = jpeg.readUInt16BE(sof + 5);
  const width = jpeg.readUInt16BE(sof + 7);
  expect(width).toBe(1280);
  expect(height).toBe(720);
  await client.must('stream.stop', {});
}, 240_000);
