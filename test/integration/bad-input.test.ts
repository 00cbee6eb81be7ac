/**
 * Bad input never crashes the studio and never loses data: each case gets a clear, specific message.
 * Runs the real engine in-process (createStudio) with real FFmpeg; no renderer is needed because the
 * FramePump feeds FFmpeg black frames until a compositor sends some.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { createStudio } from '../../src/engine/studio';
import type { Studio } from '../../src/engine/api';
import type { StudioEvent } from '../../src/shared';
import { listFfmpegProcesses } from '../harness';

const resourcesDir = path.resolve(import.meta.dirname, '../../resources');
const studios: Studio[] = [];

async function open(dataDir = mkdtempSync(path.join(tmpdir(), 'studio-bad-'))) {
  const studio = await createStudio({ dataDir, resourcesDir });
  studios.push(studio);
  const events: StudioEvent[] = [];
  const session = studio.openRendererSession({ event: (e) => events.push(e), ack: () => {} });
  const notices = () => events.filter((e) => e.type === 'notice').map((e) => (e.data as { message: string }).message);
  return { studio, dataDir, events, session, notices };
}

afterEach(async () => {
  await Promise.all(studios.splice(0).map((s) => s.dispose()));
});

async function closedPort(): Promise<number> {
  // Bind then release: nothing listens there afterwards, so a connect is refused at once.
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('bad input', () => {
  it('an RTMP server that cannot be reached: the stream fails with a message naming the cause, and nothing is left running', async () => {
    const { studio, events } = await open();
    const port = await closedPort();
    expect((await studio.execute('destination.upsert', { name: 'Nowhere', server: `rtmp://127.0.0.1:${port}/live`, key: 'k', enabled: true })).ok).toBe(true);
    const started = await studio.execute('stream.start', {});
    expect(started.ok).toBe(true);
    const failed = await waitFor(events, (e) => e.type === 'stream.state' && e.data.state === 'failed');
    const error = (failed.data as { error?: { message: string } }).error;
    expect(error?.message).toMatch(/refused|reach|connect/i);
    expect(error?.message).not.toContain('/live/k');
    expect(listFfmpegProcesses(`127.0.0.1:${port}`)).toEqual([]);
    // The document is untouched and the studio keeps working.
    expect(studio.document().destinations).toHaveLength(1);
    expect((await studio.execute('scene.create', { name: 'Still alive' })).ok).toBe(true);
  });

  it('a malformed URL is refused with the field and what was expected; nothing is saved', async () => {
    const { studio } = await open();
    for (const server of ['not a url', 'http://example.com/live', 'rtmp://', 'rtmp:/missing-slash']) {
      const result = await studio.execute('destination.upsert', { name: 'Bad', server, key: 'secret-key', enabled: true });
      expect(result.ok, server).toBe(false);
      if (!result.ok) {
        expect(result.error.field).toBe('server');
        expect(result.error.message).toMatch(/rtmp:\/\/|rtmps:\/\/|srt:\/\//);
        expect(result.error.message).not.toContain('secret-key');
      }
    }
    expect(studio.document().destinations).toEqual([]);
  });

  it('a missing image file: the user is told which source and which file, the input is kept', async () => {
    const { studio, notices } = await open();
    const sceneUuid = studio.document().currentSceneUuid;
    const missing = path.join(tmpdir(), 'definitely-not-here.png');
    const created = await studio.execute('input.create', { sceneUuid, name: 'Logo', kind: 'image_source', settings: { file: missing } });
    expect(created.ok).toBe(true);
    await expect.poll(() => notices().find((m) => m.includes('Logo') && m.includes(missing))).toBeTruthy();
    expect(studio.document().inputs.some((i) => i.name === 'Logo')).toBe(true);
  });

  it('a corrupt collection file is moved aside (bytes intact), defaults load, and the user is told', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'studio-corrupt-'));
    const garbage = '{"version": 1, "scenes": [ this is not json';
    writeFileSync(path.join(dataDir, 'collection.json'), garbage);
    const { studio, notices } = await open(dataDir);
    const aside = readdirSync(dataDir).find((f) => f.startsWith('collection.corrupt-'));
    expect(aside).toBeTruthy();
    expect(readFileSync(path.join(dataDir, aside!), 'utf8')).toBe(garbage);
    expect(notices().some((m) => m.includes('collection.json') && m.includes(aside!))).toBe(true);
    expect(studio.document().scenes.length).toBeGreaterThan(0);
  });
});

function waitFor(events: StudioEvent[], predicate: (e: StudioEvent) => boolean, timeoutMs = 20_000): Promise<StudioEvent> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const found = events.find(predicate);
      if (found) {
        clearInterval(poll);
        resolve(found);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`not seen within ${timeoutMs} ms: ${JSON.stringify(events.slice(-6)).slice(0, 1500)}`));
      }
    }, 50);
  });
}
