/**
 * A second, vertical canvas end to end with real parts: server mode's headless compositor composes
 * the main scene and the vertical canvas's scene each tick, both go over the WebSocket as frames
 * (the vertical ones tagged with their canvas), the engine encodes each with its own FFmpeg, and
 * one destination per canvas pushes to a real nginx-rtmp. Read back with ffprobe and FFmpeg: each
 * stream has its canvas's size and shows its own scene, and an input placed in both scenes (one
 * source, one upload per tick) appears in both.
 *
 * The vertical canvas is also recorded (RecordingSettings.canvas): the file has its size and scene.
 * Its scene's filters and the program watermark apply to it as to the main program (the watermark
 * placed in the canvas's own pixels). A lower third and a scoreboard sized "0 = canvas", items of
 * both canvases' scenes, keep to each canvas's own safe area.
 *
 * Sizes are small for this 2-core box: main 640×360, vertical 360×640 (9:16, as 1080×1920).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffprobeJson, grabFrameRgb, listFfmpegChildren, startNginxRtmp, type NginxRtmp } from '../harness';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import type { StudioEvent } from '../../src/shared';

const MAIN = { width: 640, height: 360 };
const VERTICAL = { width: 360, height: 640 };
const RED_ABGR = 0xff0000ff;
const BLUE_ABGR = 0xffff0000;
const GREEN_ABGR = 0xff00ff00;

type Rgb = [number, number, number];
const near = (got: Rgb, want: Rgb, tol = 28): boolean => got.every((v, i) => Math.abs(v - want[i]!) <= tol);

async function pixels(url: string, size: { width: number; height: number }, points: [number, number][]): Promise<Rgb[]> {
  const frame = await grabFrameRgb(url, size);
  return points.map(([x, y]) => {
    const i = (y * size.width + x) * 3;
    return [frame[i]!, frame[i + 1]!, frame[i + 2]!];
  });
}

describe('vertical canvas: its own scene, encoding and destination beside the main one', () => {
  let nginx: NginxRtmp;
  let server: StudioServer;
  let client: StudioClient;
  /** The vertical canvas's scene (made by the first test). */
  let shortsScene = '';

  beforeAll(async () => {
    nginx = await startNginxRtmp();
    server = await startStudioServer({ headless: true });
    client = await connectStudio(server);
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
    await nginx?.stop();
  });

  it('streams each canvas at its size with its own scene; an input reused in both shows in both', async () => {
    await client.must('video.set', { baseWidth: MAIN.width, baseHeight: MAIN.height, outputWidth: MAIN.width, outputHeight: MAIN.height });
    const { sceneUuid: mainScene } = await client.must('scene.create', { name: 'Landscape' });
    await client.must('scene.setCurrent', { sceneUuid: mainScene });
    await client.must('input.create', { sceneUuid: mainScene, name: 'Red', kind: 'color_source_v3', settings: { color: RED_ABGR } });
    const { inputUuid: badge } = await client.must('input.create', {
      sceneUuid: mainScene,
      name: 'Badge',
      kind: 'color_source_v3',
      settings: { color: GREEN_ABGR, width: 80, height: 80 },
      transform: { positionX: 20, positionY: 20 },
    });

    const { sceneUuid: verticalScene } = await client.must('scene.create', { name: 'Shorts' });
    shortsScene = verticalScene;
    await client.must('input.create', {
      sceneUuid: verticalScene,
      name: 'Blue',
      kind: 'color_source_v3',
      settings: { color: BLUE_ABGR, width: VERTICAL.width, height: VERTICAL.height },
    });
    // The main canvas's input, reused: one source feeds both canvases.
    await client.must('item.create', { sceneUuid: verticalScene, sourceUuid: badge, transform: { positionX: 140, positionY: 400 } });
    await client.must('canvas.set', { id: 'vertical', width: VERTICAL.width, height: VERTICAL.height, programSceneUuid: verticalScene, bitrateKbps: 800 });

    const rtmp = `rtmp://127.0.0.1:${nginx.port}/live`;
    const { id: mainDest } = await client.must('destination.upsert', { name: 'Landscape out', server: rtmp, key: 'landscape', enabled: true });
    const { id: verticalDest } = await client.must('destination.upsert', { name: 'Shorts out', server: rtmp, key: 'shorts', enabled: true, canvas: 'vertical' });

    await client.must('stream.start', {});
    const live = (id: string) => (e: StudioEvent) => e.type === 'destination.state' && e.data.id === id && e.data.state === 'live';
    await Promise.all([client.waitFor(live(mainDest), 60_000), client.waitFor(live(verticalDest), 60_000)]);

    const [main, vertical] = await Promise.all([ffprobeJson(nginx.url('landscape')), ffprobeJson(nginx.url('shorts'))]);
    const mv = main.streams.find((s) => s.codec_type === 'video');
    const vv = vertical.streams.find((s) => s.codec_type === 'video');
    expect([mv?.width, mv?.height]).toEqual([MAIN.width, MAIN.height]);
    expect([vv?.width, vv?.height]).toEqual([VERTICAL.width, VERTICAL.height]);
    expect(vv?.codec_name).toBe('h264');
    // Its sound is the program mix, as the main stream's.
    expect(vertical.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');

    // Each stream shows its own scene (read until the compositor's pictures replace the first black).
    await expect
      .poll(async () => {
        const [bg, badgeAt] = await pixels(nginx.url('landscape'), MAIN, [[400, 250], [60, 60]]);
        return near(bg!, [255, 0, 0]) && near(badgeAt!, [0, 255, 0]);
      }, { timeout: 60_000, interval: 500 })
      .toBe(true);
    await expect
      .poll(async () => {
        const [bg, badgeAt, above] = await pixels(nginx.url('shorts'), VERTICAL, [[180, 100], [180, 440], [60, 60]]);
        return near(bg!, [0, 0, 255]) && near(badgeAt!, [0, 255, 0]) && near(above!, [0, 0, 255]);
      }, { timeout: 60_000, interval: 500 })
      .toBe(true);

    // The vertical canvas has its own frame clock in the stats: whole pictures, then (a still scene)
    // "unchanged" repeats instead of packing and reading back the same picture again.
    const clock = (e: StudioEvent) => (e.type === 'stream.stats' ? e.data.stats.canvases?.find((c) => c.canvas === 'vertical') : undefined);
    await client.waitFor((e: StudioEvent) => (clock(e)?.fresh ?? 0) > 0 && (clock(e)?.unchanged ?? 0) > 0, 30_000);

    await client.must('stream.stop', {});
    await client.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 30_000);
    expect(listFfmpegChildren(server.process.pid!)).toEqual([]);
  });

  it('a destination on a canvas that is off fails on its own with the reason; the main one goes live', async () => {
    await client.must('canvas.set', { id: 'vertical', enabled: false });
    // Only this run's events count from here.
    client.events.splice(0);
    await client.must('stream.start', {});
    const failed = await client.waitFor(
      (e: StudioEvent) => e.type === 'destination.state' && e.data.name === 'Shorts out' && e.data.state === 'failed',
      30_000,
    );
    expect(failed.type === 'destination.state' && failed.data.error?.message).toMatch(/canvas "vertical" is off/);
    await client.waitFor((e: StudioEvent) => e.type === 'destination.state' && e.data.name === 'Landscape out' && e.data.state === 'live', 60_000);
    await client.must('stream.stop', {});
    await client.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 30_000);
  });

  it('records the vertical canvas: the file has its size and shows its scene; refused while the canvas is off', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'bs-vertical-rec-'));
    try {
      await client.must('output.setRecording', { folder, canvas: 'vertical', minFreeMb: 1, format: 'mkv' });
      // The canvas is still off from the test before: the recording says so instead of writing black.
      const refused = await client.call('record.start', {});
      expect(!refused.ok && refused.error.message).toMatch(/canvas "Vertical" is off/);

      await client.must('canvas.set', { id: 'vertical', enabled: true });
      client.events.splice(0);
      const { path: file } = await client.must('record.start', {});
      // Frames written: the vertical canvas's clock has taken the compositor's pictures, and more
      // were encoded after that (a second stats report with more frames sent), so the file's last
      // pictures are the scene's, not the black a canvas starts with.
      const clock = (e: StudioEvent) => (e.type === 'stream.stats' ? e.data.stats.canvases?.find((c) => c.canvas === 'vertical') : undefined);
      const fresh = await client.waitFor((e: StudioEvent) => (clock(e)?.fresh ?? 0) > 0, 60_000);
      const sent = clock(fresh)!.framesSent;
      await client.waitFor((e: StudioEvent) => (clock(e)?.framesSent ?? 0) > sent, 30_000);
      await expect.poll(async () => (await client.must('record.status', {})).bytes, { timeout: 30_000, interval: 250 }).toBeGreaterThan(0);
      await client.must('record.stop', {});
      await client.waitFor((e: StudioEvent) => e.type === 'record.saved', 30_000);
      await expect.poll(() => listFfmpegChildren(server.process.pid!), { timeout: 30_000, interval: 250 }).toEqual([]);

      const probe = await ffprobeJson(file);
      const v = probe.streams.find((s) => s.codec_type === 'video');
      expect([v?.width, v?.height]).toEqual([VERTICAL.width, VERTICAL.height]);
      expect(probe.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');
      // Its last picture (decoded up to 0.3 s before the end) is the vertical scene: blue, the badge green.
      const seconds = Number(probe.format.duration ?? 0);
      expect(seconds).toBeGreaterThan(0);
      const frame = await grabFrameRgb(file, { ...VERTICAL, skipMs: Math.max(0, Math.round(seconds * 1000) - 300) });
      const at = (x: number, y: number): Rgb => {
        const i = (y * VERTICAL.width + x) * 3;
        return [frame[i]!, frame[i + 1]!, frame[i + 2]!];
      };
      expect(near(at(180, 100), [0, 0, 255])).toBe(true);
      expect(near(at(180, 440), [0, 255, 0])).toBe(true);
    } finally {
      await client.call('output.setRecording', { canvas: 'main' });
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("applies the vertical scene's filters and the program watermark to the vertical canvas", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'bs-vertical-mark-'));
    try {
      // A white 40×40 mark, top left, 10 px in: pixels 10..49 of each canvas.
      const mark = path.join(folder, 'mark.png');
      await promisify(execFile)('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=white:s=40x40', '-frames:v', '1', mark]);
      await client.must('watermark.set', { enabled: true, type: 'image', file: mark, scale: 100, anchor: 'top_left', margin: 10, opacity: 100, safeArea: false });
      // Red added: the blue background turns magenta, the green badge yellow; the mark stays white (it goes on after).
      await client.must('filter.create', { sourceUuid: shortsScene, name: 'Warm', kind: 'color_filter_v2', settings: { color_add: 0xff0000ff } });
      client.events.splice(0);
      await client.must('stream.start', {});
      await client.waitFor((e: StudioEvent) => e.type === 'destination.state' && e.data.name === 'Shorts out' && e.data.state === 'live', 60_000);
      await expect
        .poll(async () => {
          const [bg, badgeAt, markAt] = await pixels(nginx.url('shorts'), VERTICAL, [[180, 100], [180, 440], [30, 30]]);
          return near(bg!, [255, 0, 255]) && near(badgeAt!, [255, 255, 0]) && near(markAt!, [255, 255, 255]);
        }, { timeout: 60_000, interval: 500 })
        .toBe(true);
      await client.must('stream.stop', {});
      await client.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 30_000);
    } finally {
      await client.call('watermark.set', { enabled: false });
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("runs the program's transition on the vertical canvas when its scene changes", async () => {
    const { sceneUuid: next } = await client.must('scene.create', { name: 'Shorts 2' });
    await client.must('input.create', { sceneUuid: next, name: 'Red 2', kind: 'color_source_v3', settings: { color: RED_ABGR, width: VERTICAL.width, height: VERTICAL.height } });
    // Long, so a frame read from the stream (a second or two behind) still catches it part-way.
    await client.must('transition.set', { kind: 'fade_transition', durationMs: 8000 });
    client.events.splice(0);
    await client.must('stream.start', {});
    await client.waitFor((e: StudioEvent) => e.type === 'destination.state' && e.data.name === 'Shorts out' && e.data.state === 'live', 60_000);
    // The old scene first (magenta: blue with the red the last test's filter adds).
    const at = async (): Promise<Rgb> => (await pixels(nginx.url('shorts'), VERTICAL, [[180, 100]]))[0]!;
    await expect.poll(async () => near(await at(), [255, 0, 255]), { timeout: 60_000, interval: 500 }).toBe(true);
    await client.must('canvas.set', { id: 'vertical', programSceneUuid: next });
    // Part-way: red stays, blue is neither the old scene's nor gone; then the new scene alone.
    await expect.poll(async () => {
      const [r, , b] = await at();
      return r > 200 && b > 50 && b < 205;
    }, { timeout: 60_000, interval: 250 }).toBe(true);
    await expect.poll(async () => near(await at(), [255, 0, 0]), { timeout: 60_000, interval: 500 }).toBe(true);
    await client.must('stream.stop', {});
    await client.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 30_000);
  });

  it("keeps the vertical canvas in the replay buffer when the recording writes it: the saved replay is vertical", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'bs-vertical-replay-'));
    try {
      await client.must('output.setRecording', { folder, canvas: 'vertical', minFreeMb: 1, format: 'mkv', replayMaxSeconds: 5 });
      client.events.splice(0);
      const started = await client.must('replay.start', {});
      expect(started.canvas).toBe('vertical');
      // It holds whole seconds of the canvas's own encoding before the save.
      await expect.poll(async () => (await client.must('replay.status', {})).durationMs, { timeout: 60_000, interval: 250 }).toBeGreaterThan(2000);
      const saved = await client.must('replay.save', {});
      await client.must('replay.stop', {});
      await expect.poll(() => listFfmpegChildren(server.process.pid!), { timeout: 30_000, interval: 250 }).toEqual([]);
      const probe = await ffprobeJson(saved.path);
      const v = probe.streams.find((s) => s.codec_type === 'video');
      expect([v?.width, v?.height]).toEqual([VERTICAL.width, VERTICAL.height]);
      // Its last picture is the vertical canvas's scene (red since the transition test).
      const seconds = Number(probe.format.duration ?? 0);
      const frame = await grabFrameRgb(saved.path, { ...VERTICAL, skipMs: Math.max(0, Math.round(seconds * 1000) - 300) });
      const i = (100 * VERTICAL.width + 180) * 3;
      expect(near([frame[i]!, frame[i + 1]!, frame[i + 2]!], [255, 0, 0])).toBe(true);
    } finally {
      await client.call('output.setRecording', { canvas: 'main' });
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('vertical canvas: overlays laid out in each canvas', () => {
  let nginx: NginxRtmp;
  let server: StudioServer;
  let client: StudioClient;

  beforeAll(async () => {
    nginx = await startNginxRtmp();
    server = await startStudioServer({ headless: true });
    client = await connectStudio(server);
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
    await nginx?.stop();
  });

  it("puts one lower third and one scoreboard in each canvas's own safe area (0 = the canvas it is drawn on)", async () => {
    await client.must('video.set', { baseWidth: MAIN.width, baseHeight: MAIN.height, outputWidth: MAIN.width, outputHeight: MAIN.height });
    await client.must('transition.set', { kind: 'cut_transition' });
    await client.must('watermark.set', { enabled: false });
    const { sceneUuid: landscape } = await client.must('scene.create', { name: 'Landscape graphics' });
    await client.must('scene.setCurrent', { sceneUuid: landscape });
    await client.must('input.create', { sceneUuid: landscape, name: 'Red', kind: 'color_source_v3', settings: { color: RED_ABGR, width: MAIN.width, height: MAIN.height } });
    // A name too long for the vertical canvas's width: there its panel ends at the safe area's edge.
    const { inputUuid: caption } = await client.must('input.create', {
      sceneUuid: landscape,
      name: 'Caption',
      kind: 'lower_third',
      settings: { design: 'bar', name: 'Ada Lovelace, Countess of Lovelace', title: 'Mathematician', visible: true, anim_ms: 0, background_color: BLUE_ABGR, accent_color: GREEN_ABGR },
    });
    const { inputUuid: score } = await client.must('input.create', {
      sceneUuid: landscape,
      name: 'Score',
      kind: 'scoreboard',
      settings: { home_name: 'HOME', away_name: 'AWAY', home_color: GREEN_ABGR, away_color: BLUE_ABGR, background_color: 0xff202020 },
    });
    const { sceneUuid: shorts } = await client.must('scene.create', { name: 'Shorts graphics' });
    await client.must('input.create', { sceneUuid: shorts, name: 'Red tall', kind: 'color_source_v3', settings: { color: RED_ABGR, width: VERTICAL.width, height: VERTICAL.height } });
    // The same two inputs, items of the vertical canvas's scene as they are: no transform of their own.
    await client.must('item.create', { sceneUuid: shorts, sourceUuid: caption });
    await client.must('item.create', { sceneUuid: shorts, sourceUuid: score });
    await client.must('canvas.set', { id: 'vertical', width: VERTICAL.width, height: VERTICAL.height, programSceneUuid: shorts, enabled: true, bitrateKbps: 800 });
    const rtmp = `rtmp://127.0.0.1:${nginx.port}/live`;
    const { id: mainDest } = await client.must('destination.upsert', { name: 'Landscape out', server: rtmp, key: 'landscape-gfx', enabled: true });
    const { id: verticalDest } = await client.must('destination.upsert', { name: 'Shorts out', server: rtmp, key: 'shorts-gfx', enabled: true, canvas: 'vertical' });
    await client.must('stream.start', {});
    const live = (id: string) => (e: StudioEvent) => e.type === 'destination.state' && e.data.id === id && e.data.state === 'live';
    await Promise.all([client.waitFor(live(mainDest), 60_000), client.waitFor(live(verticalDest), 60_000)]);

    const RED: Rgb = [255, 0, 0];
    const BLUE: Rgb = [0, 0, 255];
    const GREEN: Rgb = [0, 255, 0];
    // Each canvas's safe area starts 5 % in from its edges. The caption's panel sits in its
    // bottom-left corner (bottom at 92 % of the height, lower-third-layout.ts), the scoreboard's
    // bar in its top-left corner.
    // Polls until every point has its colour; a failure lists the points that had another.
    const expectAt = async (url: string, size: typeof MAIN, want: [number, number, Rgb][]): Promise<void> => {
      await expect
        .poll(async () => {
          const got = await pixels(url, size, want.map(([x, y]) => [x, y]));
          return want.flatMap(([x, y, c], i) => (near(got[i]!, c) ? [] : [`(${x}, ${y}) is ${got[i]!.join(',')}, not ${c.join(',')}`]));
        }, { timeout: 60_000, interval: 500 })
        .toEqual([]);
    };
    // Vertical 360×640: safe area x 18..342, y 32..608; the caption's bottom at 589, its name line 32 px.
    await expectAt(nginx.url('shorts-gfx'), VERTICAL, [
      [32, 583, BLUE], // the panel, left of its text and below it
      [336, 583, BLUE], // as wide as the safe area lets it be…
      [352, 583, RED], // …and no wider
      [22, 583, GREEN], // the accent strip at the safe area's left edge
      [24, 35, GREEN], // the home cell at the safe area's top-left corner
      [352, 35, RED], // the bar ends inside the safe area
      [180, 300, RED],
    ]);
    // Main 640×360 (as before): safe area x 32..608, y 18..342; the caption's bottom at 331.
    await expectAt(nginx.url('landscape-gfx'), MAIN, [
      [40, 328, BLUE],
      [36, 21, GREEN],
      [620, 328, RED],
      [320, 180, RED],
    ]);
    await client.must('stream.stop', {});
    await client.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 30_000);
  });
});
