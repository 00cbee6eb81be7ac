/**
 * Periodic screenshots follow the profile's settings: off until enabled, started at once when
 * enabled mid-stream, replaced (counts kept) when changed, stopped when disabled; a host's fixed
 * options win. The pictures themselves are PeriodicScreenshots' job (screenshot.test.ts).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, type DestinationState, type ScreenshotSettings, type StudioDocument, type StudioEvent } from '../shared';
import { DEFAULT_OUTPUT, blankDocument } from './document/defaults';
import { ScreenshotSchedule, defaultScreenshotFolder } from './screenshot-schedule';
import { FakeClock } from './testing/fake-clock';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function setup(state: DestinationState = 'live') {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'schedule-'));
  dirs.push(dataDir);
  const clock = new FakeClock();
  let n = 0;
  let doc: StudioDocument = { ...blankDocument(() => `id-${++n}`), output: { ...DEFAULT_OUTPUT } };
  const listeners = new Set<(e: StudioEvent) => void>();
  let shots = 0;
  const schedule = new ScreenshotSchedule({
    dataDir,
    shoot: () => {
      shots++;
      return Promise.resolve(ok({ dataUrl: `data:image/jpeg;base64,${Buffer.alloc(64, shots).toString('base64')}` }));
    },
    document: () => doc,
    subscribe: (l) => {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
    clock,
    logger: { log: () => {} },
    streamState: () => state,
  });
  const set = (patch: Partial<ScreenshotSettings>) => {
    doc = { ...doc, output: { ...doc.output, screenshots: { ...doc.output.screenshots, ...patch } } };
    schedule.sync(doc);
  };
  const files = async (dir = defaultScreenshotFolder(dataDir)) => (await readdir(dir).catch(() => [])).filter((f) => f.startsWith('program-'));
  return { dataDir, clock, schedule, set, files, shotCount: () => shots };
}

describe('ScreenshotSchedule', () => {
  it('is off by default, and starts at once when enabled while the stream is live', async () => {
    const t = await setup('live');
    expect(t.schedule.status()).toMatchObject({ active: false, saved: 0, folder: defaultScreenshotFolder(t.dataDir) });
    t.clock.advance(30_000);
    expect(t.shotCount()).toBe(0);
    t.set({ enabled: true, intervalSec: 2 });
    expect(t.schedule.status().active).toBe(true);
    t.clock.advance(2000);
    await vi.waitFor(() => expect(t.schedule.status().saved).toBe(1));
    expect(await t.files()).toHaveLength(1);
    await t.schedule.dispose();
  });

  it('a changed interval or folder replaces the run and keeps its counts; disabling stops it', async () => {
    const t = await setup('live');
    t.set({ enabled: true, intervalSec: 1 });
    t.clock.advance(1000);
    await vi.waitFor(() => expect(t.schedule.status().saved).toBe(1));
    const elsewhere = path.join(t.dataDir, 'elsewhere');
    t.set({ intervalSec: 5, folder: elsewhere });
    expect(t.schedule.status()).toMatchObject({ active: true, saved: 1, folder: elsewhere });
    t.clock.advance(4000);
    expect(t.shotCount()).toBe(1);
    t.clock.advance(1000);
    await vi.waitFor(() => expect(t.schedule.status().saved).toBe(2));
    expect(await t.files(elsewhere)).toHaveLength(1);
    t.set({ enabled: false });
    expect(t.schedule.status()).toMatchObject({ active: false, saved: 2 });
    t.clock.advance(60_000);
    expect(t.shotCount()).toBe(2);
    await t.schedule.dispose();
  });

  it('settings that only format the same run do not restart it', async () => {
    const t = await setup('idle');
    t.set({ enabled: true });
    const before = t.schedule.status();
    t.set({ enabled: true });
    expect(t.schedule.status()).toEqual(before);
    // Not live: nothing is taken until the stream goes live.
    t.clock.advance(60_000);
    expect(t.shotCount()).toBe(0);
    await t.schedule.dispose();
  });
});
