/**
 * studio.about on a real engine: its version, the host's log file, and the folders recordings,
 * replays and screenshots go to, following the settings (the desktop app opens exactly these).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { Studio } from './api';
import { createStudio } from './studio';
import { STUDIO_VERSION } from './version';

const resourcesDir = path.resolve(import.meta.dirname, '../../resources');
let dir = '';
let studio: Studio | null = null;
afterEach(async () => {
  await studio?.dispose();
  await rm(dir, { recursive: true, force: true });
});

it('names the version, the log file and the folders as the settings resolve them', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-about-'));
  const logFile = path.join(dir, 'logs', 'studio.log');
  studio = await createStudio({ dataDir: dir, resourcesDir, logger: { log: () => undefined }, logFile });
  const first = await studio.execute('studio.about', {});
  expect(first).toEqual({
    ok: true,
    value: {
      version: STUDIO_VERSION,
      logFile,
      folders: { recordings: path.join(dir, 'recordings'), replays: path.join(dir, 'recordings'), screenshots: path.join(dir, 'screenshots') },
    },
  });

  const elsewhere = path.join(dir, 'elsewhere');
  expect((await studio.execute('output.setRecording', { folder: path.join(elsewhere, 'rec') })).ok).toBe(true);
  expect((await studio.execute('output.setScreenshots', { folder: path.join(elsewhere, 'shots') })).ok).toBe(true);
  const after = await studio.execute('studio.about', {});
  expect(after.ok && after.value.folders).toEqual({ recordings: path.join(elsewhere, 'rec'), replays: path.join(elsewhere, 'rec'), screenshots: path.join(elsewhere, 'shots') });
});

it('has no log file when the host logs nowhere but the console', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-about-'));
  studio = await createStudio({ dataDir: dir, resourcesDir, logger: { log: () => undefined } });
  const r = await studio.execute('studio.about', {});
  expect(r.ok && r.value.logFile).toBeNull();
});
