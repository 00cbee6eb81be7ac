/**
 * Screenshots with real parts: the engine runs in this process (createStudio), server mode's HTTP
 * server serves the built UI and bridges /studio to it, and a real headless Chromium runs the
 * compositor as the primary renderer. Pictures come back as data: URLs, which FFmpeg decodes so
 * the test can check sizes and pixels. Periodic screenshots run while streaming to a loopback
 * nginx-rtmp. Needs `npx electron-vite build` first (npm test runs it).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Status, type Result, type StudioEvent } from '../../src/shared';
import type { Logger, ScreenshotRequest, Studio } from '../../src/engine/api';
import { createStudio } from '../../src/engine/studio';
import { startStudioServer, type StudioServer } from '../../src/server/http';
import { findChromium, launchHeadless, type HeadlessChromium } from '../../src/server/headless';
import { startNginxRtmp, type NginxRtmp } from '../harness';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RENDERER_DIR = path.join(ROOT, 'out/renderer');
const RED = 0xff0000ff; // ABGR
const BLUE = 0xffff0000;
const GREEN = 0xff00ff00;
const HALF_RED = 0x800000ff;

interface Picture {
  width: number;
  height: number;
  codec: string;
  /** RGBA, top row first. */
  rgba: Buffer;
  at(x: number, y: number): [number, number, number, number];
}

function run(file: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { encoding: 'buffer', maxBuffer: 256 << 20, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')}: ${String(error)}\n${stderr.toString()}`));
      else resolve(stdout);
    });
  });
}

const temps: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Decodes an image file with FFmpeg: its size and codec from ffprobe, its pixels as RGBA. */
async function decodeFile(file: string): Promise<Picture> {
  const probe = JSON.parse(
    (await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', file])).toString(),
  ) as { streams: { width: number; height: number; codec_name: string }[] };
  const { width, height, codec_name: codec } = probe.streams[0]!;
  const rgba = await run('ffmpeg', ['-v', 'error', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1']);
  expect(rgba.length).toBe(width * height * 4);
  const at = (x: number, y: number): [number, number, number, number] => {
    const i = (y * width + x) * 4;
    return [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!, rgba[i + 3]!];
  };
  return { width, height, codec, rgba, at };
}

async function decode(dataUrl: string, format: string): Promise<Picture> {
  const prefix = `data:image/${format};base64,`;
  expect(dataUrl.startsWith(prefix), dataUrl.slice(0, 40)).toBe(true);
  const file = path.join(await tempDir('shot-'), `shot.${format}`);
  await writeFile(file, Buffer.from(dataUrl.slice(prefix.length), 'base64'));
  return decodeFile(file);
}

const near = (got: number[], want: number[], tol = 3): boolean => want.every((v, i) => Math.abs(got[i]! - v) <= tol);

function valueOf<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function quietLogger(lines: string[]): Logger {
  return { log: (level, message, fields) => lines.push(`${level} ${message} ${fields ? JSON.stringify(fields) : ''}`) };
}

afterAll(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('screenshots without a compositor', () => {
  it('answers NotReady at once, from the hub, when no renderer has claimed output', async () => {
    const studio = await createStudio({ dataDir: await tempDir('studio-'), resourcesDir: path.join(ROOT, 'resources'), logger: quietLogger([]) });
    try {
      const bare = await studio.screenshot({ sourceUuid: null, format: 'png' });
      // A session that never claimed output (a test client, a remote tool) is not asked either.
      const bystander = studio.openRendererSession({ event: () => {}, ack: () => {} });
      const still = await studio.screenshot({ sourceUuid: null, format: 'png' });
      bystander.dispose();
      for (const r of [bare, still]) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error).toMatchObject({ code: Status.NotReady, message: expect.stringContaining('No compositor is connected') });
      }
      // Only a renderer session may answer a capture request.
      const forged = await studio.execute('renderer.captureResult', { requestId: 'x', error: 'nope' });
      expect(forged.ok).toBe(false);
    } finally {
      await studio.dispose();
    }
  });
});

describe('screenshots rendered by the headless compositor', () => {
  let studio: Studio;
  let server: StudioServer;
  let chromium: HeadlessChromium;
  let nginx: NginxRtmp;
  let shotsDir: string;
  const logs: string[] = [];
  const uuids: Record<string, string> = {};

  const shoot = async (request: ScreenshotRequest): Promise<Picture> => decode(valueOf(await studio.screenshot(request)).dataUrl, request.format);

  const waitForState = (state: string, timeoutMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`the stream did not reach ${state} within ${timeoutMs} ms:\n${logs.slice(-20).join('\n')}`));
      }, timeoutMs);
      const sub = studio.subscribe((e: StudioEvent) => {
        if (e.type === 'stream.state' && e.data.state === state) {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
    });

  beforeAll(async () => {
    if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
      throw new Error(`${RENDERER_DIR} is missing: run "npx electron-vite build" (npm test does) before these tests.`);
    }
    nginx = await startNginxRtmp();
    shotsDir = await tempDir('periodic-');
    const logger = quietLogger(logs);
    studio = await createStudio({
      dataDir: await tempDir('studio-'),
      resourcesDir: path.join(ROOT, 'resources'),
      logger,
      screenshots: { dir: shotsDir, intervalSec: 1, format: 'jpeg', maxWidth: 320, keep: 3 },
    });
    server = valueOf(await startStudioServer({ studio, logger, rendererDir: RENDERER_DIR, version: 'test', port: 0 }));
    chromium = launchHeadless({
      executable: valueOf(findChromium()),
      url: server.ticketUrl('role=primary'),
      logger,
      onUnexpectedExit: (reason) => logs.push(`chromium exited: ${reason}`),
    });

    const { sceneUuid } = valueOf(await studio.execute('scene.create', { name: 'Shots' }));
    valueOf(await studio.execute('scene.setCurrent', { sceneUuid }));
    uuids['scene'] = sceneUuid;
    const input = async (name: string, settings: Record<string, unknown>, transform?: Record<string, number>, scene = sceneUuid) =>
      valueOf(await studio.execute('input.create', { sceneUuid: scene, name, kind: 'color_source_v3', settings, ...(transform ? { transform } : {}) }))
        .inputUuid;
    uuids['blue'] = await input('Blue', { color: BLUE });
    uuids['red'] = await input('Red', { color: RED, width: 320, height: 180 }, { positionX: 200, positionY: 150 });
    uuids['half'] = await input('Half', { color: HALF_RED, width: 64, height: 64 }, { positionX: 1000, positionY: 500 });
    const other = valueOf(await studio.execute('scene.create', { name: 'Elsewhere' })).sceneUuid;
    uuids['other'] = other;
    await input('Green', { color: GREEN }, undefined, other);

    // The page loads, connects, claims output and builds its compositor; until then the answer is NotReady.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const probe = await studio.screenshot({ sourceUuid: null, format: 'png', width: 64 });
      if (probe.ok) break;
      if (Date.now() > deadline) throw new Error(`the headless compositor never answered: ${probe.error.message}\n${logs.slice(-30).join('\n')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    await studio?.dispose();
    await nginx?.stop();
  });

  it('renders one source alone at its own size, and keeps the aspect when only a width is asked', async () => {
    const red = await shoot({ sourceUuid: uuids['red']!, format: 'png' });
    expect([red.codec, red.width, red.height]).toEqual(['png', 320, 180]);
    for (const [x, y] of [[0, 0], [319, 0], [0, 179], [319, 179], [160, 90]] as const) {
      expect(near(red.at(x, y), [255, 0, 0, 255]), `red at ${x},${y}: ${red.at(x, y)}`).toBe(true);
    }
    const small = await shoot({ sourceUuid: uuids['red']!, format: 'png', width: 160 });
    expect([small.width, small.height]).toEqual([160, 90]);
    expect(near(small.at(80, 45), [255, 0, 0, 255])).toBe(true);
  });

  it('keeps a source’s transparency, with straight (not premultiplied) color', async () => {
    const half = await shoot({ sourceUuid: uuids['half']!, format: 'png' });
    expect([half.width, half.height]).toEqual([64, 64]);
    expect(near(half.at(32, 32), [255, 0, 0, 128], 2), `half-transparent red: ${half.at(32, 32)}`).toBe(true);
  });

  it('renders program at the asked size with the box where the scene puts it', async () => {
    const program = await shoot({ sourceUuid: null, format: 'png', width: 640, height: 360 });
    expect([program.width, program.height]).toEqual([640, 360]);
    // Canvas 1280×720 at half scale: the 320×180 box at (200,150) covers x 100..259, y 75..164.
    const inside = [[102, 77], [257, 162], [180, 120]] as const;
    const outside = [[97, 120], [262, 120], [180, 72], [180, 167], [5, 5]] as const;
    for (const [x, y] of inside) expect(near(program.at(x, y), [255, 0, 0, 255]), `box at ${x},${y}: ${program.at(x, y)}`).toBe(true);
    for (const [x, y] of outside) expect(near(program.at(x, y), [0, 0, 255, 255]), `backdrop at ${x},${y}: ${program.at(x, y)}`).toBe(true);
    // The half-transparent square over blue, opaque as program always is.
    expect(near(program.at(516, 266), [128, 0, 127, 255], 3), `blend ${program.at(516, 266)}`).toBe(true);
  });

  it('renders a scene that is not on program when its uuid is asked', async () => {
    const other = await shoot({ sourceUuid: uuids['other']!, format: 'png', height: 36 });
    expect([other.width, other.height]).toEqual([64, 36]);
    expect(near(other.at(32, 18), [0, 255, 0, 255])).toBe(true);
  });

  it('encodes JPEG and WebP', async () => {
    const jpeg = await shoot({ sourceUuid: null, format: 'jpeg', width: 640, quality: 80 });
    expect([jpeg.codec, jpeg.width, jpeg.height]).toEqual(['mjpeg', 640, 360]);
    expect(near(jpeg.at(180, 120), [255, 0, 0, 255], 30), `jpeg box ${jpeg.at(180, 120)}`).toBe(true);
    expect(near(jpeg.at(40, 300), [0, 0, 255, 255], 30), `jpeg backdrop ${jpeg.at(40, 300)}`).toBe(true);
    const webp = await shoot({ sourceUuid: uuids['red']!, format: 'webp', width: 80 });
    expect([webp.codec, webp.width, webp.height]).toEqual(['webp', 80, 45]);
  });

  it('refuses an unknown source with ResourceNotFound and bad sizes with OutOfRange', async () => {
    const unknown = await studio.screenshot({ sourceUuid: '00000000-0000-4000-8000-000000000000', format: 'png' });
    expect(unknown.ok ? null : unknown.error.code).toBe(Status.ResourceNotFound);
    const tiny = await studio.screenshot({ sourceUuid: null, format: 'png', width: 4 });
    expect(tiny.ok ? null : tiny.error.code).toBe(Status.OutOfRange);
  });

  it('saves program screenshots every interval while live, at the capped size, within the folder cap', async () => {
    // Files that are not ours must survive the pruning.
    await writeFile(path.join(shotsDir, 'notes.txt'), 'keep me');
    await writeFile(path.join(shotsDir, 'program-mine.jpg'), 'keep me too');
    valueOf(await studio.execute('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: 'shots', enabled: true }));
    const live = waitForState('live', 30_000);
    valueOf(await studio.execute('stream.start', {}));
    await live;

    const ours = async (): Promise<string[]> => (await readdir(shotsDir)).filter((n) => /^program-\d{4}-.*\.jpg$/.test(n)).sort();
    // The engine's own once-a-second stream.stats ticks: the rhythm is judged against them, not
    // against wall-clock milliseconds, which a loaded machine stretches.
    const ticks: number[] = [];
    const tickSub = studio.subscribe((e: StudioEvent) => {
      if (e.type === 'stream.stats') ticks.push(Date.now());
    });
    const seen = new Set<string>();
    const deadline = Date.now() + 30_000;
    while (seen.size < 5) {
      const now = await ours();
      expect(now.length, `files now: ${now.join(', ')}`).toBeLessThanOrEqual(3);
      for (const n of now) seen.add(n);
      if (Date.now() > deadline) throw new Error(`only ${seen.size} screenshots in 30 s:\n${logs.slice(-20).join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    tickSub.dispose();
    const stamps = [...seen].sort().map((n) => Date.parse(n.slice(8, -4).replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z/, 'T$1:$2:$3.$4Z')));
    // The timer keeps the 1 s rhythm: between the first picture and the last, no more pictures than
    // the engine's 1 s stats ticks (give or take the one at an edge), and no two from one tick. A
    // loaded machine may skip a tick (a busy compositor), so fewer is fine.
    const between = ticks.filter((at) => at > stamps[0]! && at <= stamps.at(-1)!).length;
    expect(stamps.length - 1, `picture gaps against ${between} stats ticks`).toBeLessThanOrEqual(between + 1);
    expect(new Set(stamps).size, 'distinct stamps').toBe(stamps.length);

    const stopped = waitForState('idle', 20_000);
    valueOf(await studio.execute('stream.stop', {}));
    await stopped;
    // A picture asked for just before the stop may still land (and rotate out the oldest): wait until
    // the folder has been still for a second and a half before reading it.
    let kept = await ours();
    for (let still = 0; still < 15; ) {
      await new Promise((r) => setTimeout(r, 100));
      const now = await ours();
      still = now.join() === kept.join() ? still + 1 : 0;
      kept = now;
    }
    expect(kept.length).toBe(3);
    for (const name of kept) {
      const pic = await decodeFile(path.join(shotsDir, name));
      expect([pic.codec, pic.width, pic.height]).toEqual(['mjpeg', 320, 180]);
      expect(near(pic.at(90, 60), [255, 0, 0, 255], 30), `periodic box ${pic.at(90, 60)}`).toBe(true);
    }
    expect((await readdir(shotsDir)).filter((n) => !kept.includes(n)).sort()).toEqual(['notes.txt', 'program-mine.jpg']);
    // Not live any more: no new pictures. Judged over three of the recorder's once-a-second status
    // ticks (a recording alone takes no pictures), a positive sign that engine time passed.
    let recordTicks = 0;
    const threeTicks = new Promise<void>((resolve) => {
      const sub = studio.subscribe((e: StudioEvent) => {
        if (e.type === 'record.state' && e.data.state === 'recording' && ++recordTicks >= 3) {
          sub.dispose();
          resolve();
        }
      });
    });
    valueOf(await studio.execute('record.start', {}));
    await threeTicks;
    valueOf(await studio.execute('record.stop', {}));
    expect(await ours()).toEqual(kept);
  });

  it('is NotReady again once the compositor has gone', async () => {
    await chromium.close();
    const deadline = Date.now() + 20_000;
    let last: Result<{ dataUrl: string }>;
    do {
      last = await studio.screenshot({ sourceUuid: null, format: 'png' });
      if (!last.ok && last.error.message.includes('No compositor')) break;
      await new Promise((r) => setTimeout(r, 200));
    } while (Date.now() < deadline);
    expect(last.ok ? null : last.error.code).toBe(Status.NotReady);
  });
});
