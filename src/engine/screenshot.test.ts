import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIXER_DEFAULTS, Status, ok, type Result, type StudioDocument, type StudioEvent } from '../shared';
import type { Logger, RendererSink, ScreenshotRequest } from './api';
import { blankDocument } from './document/defaults';
import { RendererHub, type CaptureSpec } from './renderer-hub';
import { PeriodicScreenshots, decodeDataUrl, fitSize, takeScreenshot } from './screenshot';
import { FakeClock } from './testing/fake-clock';

const PNG_URL = `data:image/png;base64,${Buffer.from('not really a png').toString('base64')}`;

function doc(): StudioDocument {
  let n = 0;
  const d = blankDocument(() => `scene-${++n}`);
  return { ...d, inputs: [{ uuid: 'red', name: 'Red', kind: 'color_source_v3', settings: { color: 0xff0000ff }, muted: false, volumeMul: 1, filters: [], ...MIXER_DEFAULTS }] };
}

const errorOf = (r: Result<unknown>) => {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
};

describe('takeScreenshot', () => {
  const run = async (request: unknown) => {
    const asked: CaptureSpec[] = [];
    const result = await takeScreenshot(
      {
        document: doc,
        capture: (spec) => {
          asked.push(spec);
          return Promise.resolve(ok({ dataUrl: PNG_URL }));
        },
      },
      request,
    );
    return { result, asked };
  };

  it('renders program at the canvas size, or at the asked size with the aspect kept', async () => {
    expect((await run({ sourceUuid: null, format: 'png' })).asked).toEqual([
      { sourceUuid: null, width: 1280, height: 720, format: 'png', quality: 90 },
    ]);
    expect((await run({ sourceUuid: null, format: 'jpeg', width: 640, quality: 40 })).asked[0]).toMatchObject({ width: 640, height: 360, quality: 40 });
    expect((await run({ sourceUuid: 'scene-1', format: 'png', height: 90 })).asked[0]).toMatchObject({ sourceUuid: 'scene-1', width: 160, height: 90 });
  });

  it('leaves an input’s missing sides to the compositor, which knows the source’s size', async () => {
    expect((await run({ sourceUuid: 'red', format: 'webp' })).asked[0]).toMatchObject({ width: 0, height: 0 });
    expect((await run({ sourceUuid: 'red', format: 'png', width: 100 })).asked[0]).toMatchObject({ width: 100, height: 0 });
  });

  it('refuses what it cannot serve before asking any renderer', async () => {
    const cases: [unknown, number, string?][] = [
      [{ sourceUuid: 'nope', format: 'png' }, Status.ResourceNotFound, 'sourceUuid'],
      [{ sourceUuid: null, format: 'gif' }, Status.InvalidRequestField, 'format'],
      [{ sourceUuid: null, format: 'png', width: 7 }, Status.OutOfRange, 'width'],
      [{ sourceUuid: null, format: 'png', height: 4097 }, Status.OutOfRange, 'height'],
      [{ sourceUuid: null, format: 'png', width: 10.5 }, Status.OutOfRange, 'width'],
      [{ sourceUuid: null, format: 'png', width: '100' }, Status.InvalidRequestFieldType, 'width'],
      [{ sourceUuid: null, format: 'jpeg', quality: 101 }, Status.OutOfRange, 'quality'],
      [{ sourceUuid: 5, format: 'png' }, Status.InvalidRequestFieldType, 'sourceUuid'],
      [null, Status.InvalidRequestField],
    ];
    for (const [request, code, field] of cases) {
      const { result, asked } = await run(request);
      expect(errorOf(result), JSON.stringify(request)).toMatchObject({ code, ...(field ? { field } : {}) });
      expect(asked).toEqual([]);
    }
  });
});

describe('fitSize and decodeDataUrl', () => {
  it('keeps the aspect, clamps derived sides, and scales huge sources into 4096', () => {
    expect(fitSize(undefined, undefined, 320, 180)).toEqual({ width: 320, height: 180 });
    expect(fitSize(64, undefined, 320, 180)).toEqual({ width: 64, height: 36 });
    expect(fitSize(undefined, 4096, 10, 1000)).toEqual({ width: 41, height: 4096 });
    expect(fitSize(4096, undefined, 10, 1000)).toEqual({ width: 4096, height: 4096 });
    expect(fitSize(undefined, undefined, 8192, 1024)).toEqual({ width: 4096, height: 512 });
  });

  it('decodes base64 data: URLs only', () => {
    expect(decodeDataUrl(PNG_URL)).toEqual({ mime: 'image/png', bytes: Buffer.from('not really a png') });
    expect(decodeDataUrl('data:image/png,plain')).toBeNull();
    expect(decodeDataUrl('https://example.com/x.png')).toBeNull();
  });
});

describe('RendererHub.capture', () => {
  function setup() {
    const clock = new FakeClock();
    const hub = new RendererHub({
      getDocument: doc,
      outputActive: () => false,
      kinds: () => [],
      streamState: () => 'idle',
      execute: () => Promise.resolve(ok(null)),
      pushFrame: () => {},
      reportRenderer: () => {},
      startupNotices: [],
      clock,
    });
    const connect = () => {
      const events: StudioEvent[] = [];
      const sink: RendererSink = { event: (e) => events.push(e), ack: () => {} };
      const session = hub.open(sink);
      const requests = () => events.flatMap((e) => (e.type === 'renderer.captureRequest' ? [e.data] : []));
      return { session, events, requests };
    };
    const spec: CaptureSpec = { sourceUuid: null, width: 64, height: 36, format: 'png', quality: 90 };
    return { clock, hub, connect, spec };
  }

  it('is NotReady at once when no session has claimed output (test clients and remotes are never asked)', async () => {
    const { hub, connect, spec, clock } = setup();
    expect(errorOf(await hub.capture(spec))).toMatchObject({ code: Status.NotReady, message: expect.stringContaining('No compositor') });
    const bystander = connect();
    expect(errorOf(await hub.capture(spec)).code).toBe(Status.NotReady);
    expect(bystander.requests()).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it('asks the output owner only, and resolves with its answer', async () => {
    const { hub, connect, spec, clock } = setup();
    const secondary = connect();
    await secondary.session.call('renderer.claimOutput', { priority: 'secondary' });
    const primary = connect();
    await primary.session.call('renderer.claimOutput', { priority: 'primary' });
    const shot = hub.capture(spec);
    expect(secondary.requests()).toEqual([]);
    const [request] = primary.requests();
    expect(request).toMatchObject(spec);
    // Another session cannot answer for it.
    expect(errorOf(await secondary.session.call('renderer.captureResult', { requestId: request!.requestId, dataUrl: PNG_URL })).code).toBe(
      Status.ResourceNotFound,
    );
    expect(await primary.session.call('renderer.captureResult', { requestId: request!.requestId, dataUrl: PNG_URL })).toEqual(ok(null));
    expect(await shot).toEqual(ok({ dataUrl: PNG_URL }));
    expect(clock.pending()).toBe(0);
    // Only once.
    expect(errorOf(await primary.session.call('renderer.captureResult', { requestId: request!.requestId, dataUrl: PNG_URL })).code).toBe(
      Status.ResourceNotFound,
    );
  });

  it('passes over a claimant whose compositor has no WebGL', async () => {
    const { hub, connect, spec } = setup();
    const blind = connect();
    await blind.session.call('renderer.claimOutput', { priority: 'primary' });
    blind.session.stats({ renderLagged: 0, renderMs: 0, sendSkipped: 0, glRenderer: 'unavailable' });
    const seeing = connect();
    await seeing.session.call('renderer.claimOutput', { priority: 'secondary' });
    void hub.capture(spec);
    expect(blind.requests()).toEqual([]);
    expect(seeing.requests()).toHaveLength(1);
    hub.dispose();
  });

  it('turns a timeout, a departure, a renderer error and a bad image into Results', async () => {
    const { hub, connect, spec, clock } = setup();
    const r = connect();
    await r.session.call('renderer.claimOutput', { priority: 'primary' });

    const late = hub.capture(spec);
    clock.advance(4999);
    clock.advance(1);
    expect(errorOf(await late)).toMatchObject({ code: Status.NotReady, message: expect.stringContaining('did not answer') });

    const failing = hub.capture(spec);
    const id1 = r.requests().at(-1)!.requestId;
    expect(await r.session.call('renderer.captureResult', { requestId: id1, error: 'no\nGL   here' })).toEqual(ok(null));
    expect(errorOf(await failing)).toMatchObject({ code: Status.RequestProcessingFailed, message: expect.stringContaining('no GL here') });

    const garbled = hub.capture(spec);
    const id2 = r.requests().at(-1)!.requestId;
    const reply = await r.session.call('renderer.captureResult', { requestId: id2, dataUrl: 'data:image/jpeg;base64,AAAA' });
    expect(errorOf(reply)).toMatchObject({ code: Status.InvalidRequestField, field: 'dataUrl' });
    expect(errorOf(await garbled).code).toBe(Status.RequestProcessingFailed);

    const malformed = [{}, { requestId: 'x' }, { requestId: 'x', dataUrl: PNG_URL, error: 'both' }, { requestId: 'x', dataUrl: 5 }, null];
    for (const args of malformed) expect(errorOf(await r.session.call('renderer.captureResult', args)).code).toBeGreaterThanOrEqual(400);

    const orphan = hub.capture(spec);
    r.session.dispose();
    expect(errorOf(await orphan)).toMatchObject({ code: Status.NotReady, message: expect.stringContaining('disconnected') });
    expect(clock.pending()).toBe(0);
  });
});

describe('PeriodicScreenshots', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  async function setup(options: Partial<ConstructorParameters<typeof PeriodicScreenshots>[0]> = {}) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shots-'));
    dirs.push(dir);
    const clock = new FakeClock();
    const listeners = new Set<(e: StudioEvent) => void>();
    const asked: ScreenshotRequest[] = [];
    const logs: string[] = [];
    const logger: Logger = { log: (level, message) => logs.push(`${level} ${message}`) };
    let wall = Date.UTC(2026, 10, 25, 12, 0, 0);
    type Answer = Result<{ dataUrl: string }>;
    let answer: (n: number) => Answer | Promise<Answer> = (n) =>
      ok({ dataUrl: `data:image/jpeg;base64,${Buffer.alloc(100 + n, n).toString('base64')}` });
    const shots = new PeriodicScreenshots(
      { dir, intervalSec: 1, format: 'jpeg', maxWidth: 320, keep: 3, ...options },
      {
        shoot: (r) => {
          asked.push(r);
          return Promise.resolve(answer(asked.length));
        },
        document: doc,
        subscribe: (l) => {
          listeners.add(l);
          return { dispose: () => listeners.delete(l) };
        },
        clock,
        logger,
        now: () => (wall += 1000),
      },
    );
    const emit = (state: 'live' | 'idle') => {
      for (const l of listeners) l({ type: 'stream.state', data: { state } });
    };
    const files = async () => (await readdir(dir)).sort();
    const setAnswer = (f: typeof answer) => (answer = f);
    return { dir, clock, shots, emit, asked, files, logs, listeners, setAnswer };
  }

  it('saves program at most maxWidth wide every interval while live, keeping only the newest files', async () => {
    const t = await setup();
    await writeFile(path.join(t.dir, 'notes.txt'), 'mine');
    t.clock.advance(5000);
    expect(t.asked).toEqual([]);
    t.emit('live');
    for (let i = 1; i <= 5; i++) {
      t.clock.advance(1000);
      await vi.waitFor(() => expect(t.shots.status().saved).toBe(i));
      expect((await t.files()).filter((f) => f.startsWith('program-')).length).toBe(Math.min(i, 3));
    }
    expect(t.asked[0]).toEqual({ sourceUuid: null, width: 320, height: 180, format: 'jpeg', quality: -1 });
    expect(await t.files()).toEqual([
      'notes.txt',
      'program-2026-11-25T12-00-03-000Z.jpg',
      'program-2026-11-25T12-00-04-000Z.jpg',
      'program-2026-11-25T12-00-05-000Z.jpg',
    ]);
    t.emit('idle');
    expect(t.clock.pending()).toBe(0);
    await t.shots.dispose();
    expect(t.listeners.size).toBe(0);
  });

  it('holds a byte cap, skips ticks while busy and reports a failing streak once', async () => {
    const t = await setup({ keep: 100, maxBytes: 250, maxHeight: 90, format: 'png' });
    t.emit('live');
    t.clock.advance(1000);
    await vi.waitFor(() => expect(t.shots.status().saved).toBe(1));
    t.clock.advance(1000);
    await vi.waitFor(() => expect(t.shots.status().saved).toBe(2));
    // 101 + 102 bytes fit in 250; a third file of 103 does not, so the oldest goes.
    t.clock.advance(1000);
    await vi.waitFor(() => expect(t.shots.status().saved).toBe(3));
    expect((await t.files()).length).toBe(2);
    expect(t.asked[0]).toMatchObject({ width: 160, height: 90, format: 'png' });

    t.setAnswer(() => ({ ok: false, error: { code: Status.NotReady, message: 'No compositor is connected.' } }));
    for (let i = 1; i <= 3; i++) {
      t.clock.advance(1000);
      await vi.waitFor(() => expect(t.shots.status().failed).toBe(i));
    }
    expect(t.logs.filter((l) => l.includes('could not be saved'))).toHaveLength(1);

    // A shot still being taken makes the next ticks skip instead of piling up requests.
    let release: (r: Result<{ dataUrl: string }>) => void = () => {};
    t.setAnswer(() => new Promise((r) => (release = r)));
    const before = t.asked.length;
    t.clock.advance(3000);
    expect(t.asked.length).toBe(before + 1);
    expect(t.shots.status().skipped).toBe(2);
    release(ok({ dataUrl: PNG_URL }));
    await vi.waitFor(() => expect(t.shots.status().saved).toBe(4));
    expect(t.logs.some((l) => l.includes('being saved again'))).toBe(true);
    await t.shots.dispose();
    expect(t.clock.pending()).toBe(0);
  });

  it('stays off with a clear log line when its options are unusable', async () => {
    const t = await setup({ dir: 'relative/dir' });
    t.emit('live');
    expect(t.clock.pending()).toBe(0);
    expect(t.logs.some((l) => l.startsWith('error Periodic screenshots are off'))).toBe(true);
    await t.shots.dispose();
  });
});
