/**
 * Every video filter kind (and the scene item blend modes), judged on pixels that came through the real path: server mode with its
 * headless Chromium compositor, filters created and changed by obs-websocket-js, and pictures taken
 * with GetSourceScreenshot (a source alone after its filters, or a scene after its own), decoded by
 * FFmpeg. Expected values follow each filter's math; tolerances cover 8-bit rounding only.
 * Needs `npx electron-vite build` first (npm test runs it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket, { type OBSRequestTypes } from 'obs-websocket-js';
import { decodePngDataUrl, near, type Picture, type Rgba } from '../harness/png';
import { connectStudio } from '../harness/studio-client';
import { startStudioServer, type StudioServer } from '../harness/studio-server';

type FilterSettings = NonNullable<OBSRequestTypes['CreateSourceFilter']['filterSettings']>;

let server: StudioServer;
const obs = new OBSWebSocket();
let sceneName: string;

/** ABGR, as color_source_v3 takes it. */
const abgr = (r: number, g: number, b: number, a = 255): number => ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;

beforeAll(async () => {
  server = await startStudioServer({ headless: true });
  const studio = await connectStudio(server);
  let url: string;
  let password: string;
  try {
    const info = await studio.must('remote.info', {});
    url = info.url!;
    password = info.password!;
  } finally {
    studio.close();
  }
  await obs.connect(url, password);
  sceneName = 'Filters';
  await obs.call('CreateScene', { sceneName });
  await obs.call('SetCurrentProgramScene', { sceneName });
});

afterAll(async () => {
  await obs.disconnect();
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

/** Retries while the studio answers 207 NotReady (the headless compositor is still connecting). */
async function shot(sourceName: string, size?: { imageWidth: number; imageHeight: number }): Promise<Picture> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const { imageData } = await obs.call('GetSourceScreenshot', { sourceName, imageFormat: 'png', ...size });
      return await decodePngDataUrl(imageData);
    } catch (error) {
      if ((error as { code?: number }).code !== 207 || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

let inputs = 0;
/** A color input in the test scene (at x, y), named uniquely; answers its name. */
async function color(rgba: number, width: number, height: number, at: { x?: number; y?: number; scene?: string } = {}): Promise<string> {
  const inputName = `Color ${++inputs}`;
  const { sceneItemId } = await obs.call('CreateInput', {
    sceneName: at.scene ?? sceneName,
    inputName,
    inputKind: 'color_source_v3',
    inputSettings: { color: rgba, width, height },
  });
  if (at.x || at.y) {
    await obs.call('SetSceneItemTransform', {
      sceneName: at.scene ?? sceneName,
      sceneItemId,
      sceneItemTransform: { positionX: at.x ?? 0, positionY: at.y ?? 0 },
    });
  }
  return inputName;
}

async function filter(sourceName: string, filterKind: string, filterSettings: FilterSettings): Promise<string> {
  const filterName = `${filterKind} ${++inputs}`;
  await obs.call('CreateSourceFilter', { sourceName, filterName, filterKind, filterSettings });
  return filterName;
}

const expectNear = (got: Rgba, want: Rgba, tol = 3, what = ''): void => {
  expect(near(got, want, tol), `${what} ${got.join(',')} ≉ ${want.join(',')}`).toBe(true);
};

/** Takes pictures (or other readings) until one passes `ok` (a positive signal, e.g. a file finished loading). */
async function until<T>(take: () => Promise<T>, ok: (p: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const p = await take();
    if (ok(p)) return p;
    if (Date.now() > deadline) throw new Error(what);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let scenes = 0;
async function newScene(): Promise<string> {
  const name = `Scene ${++scenes}`;
  await obs.call('CreateScene', { sceneName: name });
  return name;
}

const halves = (p: Picture): [Rgba, Rgba] => [p.at(12, 32), p.at(52, 32)];

/**
 * A looping 64×64 H.264 clip of two flat halves (left 0x3070A0, right 0xB08850: far from black and
 * white, so the grades below do not clip) as a new media input in the test scene; answers its name
 * and its halves' colours as the studio shows them without filters (through the YUV planes).
 */
async function videoHalves(): Promise<{ clip: string; plain: [Rgba, Rgba] }> {
  const file = path.join(server.dataDir, 'halves.mp4');
  if (!existsSync(file)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x3070A0:s=64x64:r=30:d=4,drawbox=x=32:y=0:w=32:h=64:color=0xB08850:t=fill', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '30', file]);
  }
  const clip = `Video ${++inputs}`;
  await obs.call('CreateInput', { sceneName, inputName: clip, inputKind: 'ffmpeg_source', inputSettings: { local_file: file, looping: true } });
  // Until the file has loaded the source has no size, and no screenshot.
  const loaded = await until(
    () => shot(clip).catch(() => null),
    (p) => p !== null && p.at(12, 32)[3] === 255 && p.at(12, 32)[2] > 100,
    'the clip never showed',
  );
  return { clip, plain: halves(loaded!) };
}

/** Waits for the studio's log to say that the clip's first filter runs in its frames' conversion. */
async function saysFused(clip: string): Promise<void> {
  const log = path.join(server.dataDir, 'logs', 'studio.log');
  const said = `Media \\"${clip}\\": its first filter runs in the frames' conversion`;
  const about = (): string => readFileSync(log, 'utf8').split('\n').filter((l) => l.includes(clip)).join('\n');
  await until(async () => readFileSync(log, 'utf8'), (text) => text.includes(said), 'the studio never said the filter ran in the conversion').catch((err: Error) => {
    throw new Error(`${err.message}; what it said of the clip:\n${about()}`);
  });
}

describe('video filters on real frames', () => {
  it('color_filter_v2: multiply, saturation, hue, brightness, gamma and opacity', async () => {
    const white = await color(abgr(255, 255, 255), 32, 32);
    const name = await filter(white, 'color_filter_v2', { color_multiply: abgr(255, 128, 0) });
    expectNear((await shot(white)).at(16, 16), [255, 128, 0, 255], 2, 'multiply');

    const set = (filterSettings: FilterSettings) =>
      obs.call('SetSourceFilterSettings', { sourceName: white, filterName: name, filterSettings, overlay: false });
    // White at 50 % opacity: the straight color stays, alpha halves.
    await set({ opacity: 0.5 });
    expectNear((await shot(white)).at(3, 3), [255, 255, 255, 128], 2, 'opacity');

    const red = await color(abgr(255, 0, 0), 32, 32);
    const redFilter = await filter(red, 'color_filter_v2', { saturation: -1 });
    // Fully desaturated red is its BT.601 luma: 0.299 × 255.
    expectNear((await shot(red)).at(16, 16), [76, 76, 76, 255], 2, 'saturation');
    await obs.call('SetSourceFilterSettings', { sourceName: red, filterName: redFilter, filterSettings: { hue_shift: 120 }, overlay: false });
    // A third of a turn around the gray axis takes red to green.
    expectNear((await shot(red)).at(16, 16), [0, 255, 0, 255], 3, 'hue');

    const gray = await color(abgr(64, 64, 64), 32, 32);
    const grayFilter = await filter(gray, 'color_filter_v2', { gamma: 1 });
    // Gamma 1 is an exponent of 1/2: √(64/255) × 255 ≈ 128.
    expectNear((await shot(gray)).at(16, 16), [128, 128, 128, 255], 2, 'gamma');
    await obs.call('SetSourceFilterSettings', { sourceName: gray, filterName: grayFilter, filterSettings: { brightness: 0.2 }, overlay: false });
    expectNear((await shot(gray)).at(16, 16), [115, 115, 115, 255], 2, 'brightness');
    // Turned off, the source shows as it is; the filter stays in place.
    await obs.call('SetSourceFilterEnabled', { sourceName: gray, filterName: grayFilter, filterEnabled: false });
    expectNear((await shot(gray)).at(16, 16), [64, 64, 64, 255], 1, 'disabled');
  });

  it("color_filter_v2 first on a video runs in its frames' conversion, with the pixels of its own pass", async () => {
    const { clip, plain } = await videoHalves();

    // What color_filter_v2 does to a straight colour (contrast 0, hue 0, gamma 0: their identities).
    const graded = (c: Rgba, s: { brightness: number; saturation: number; mul: [number, number, number] }): Rgba => {
      const rgb = [0, 1, 2].map((i) => c[i]! / 255 + s.brightness);
      const luma = 0.299 * rgb[0]! + 0.587 * rgb[1]! + 0.114 * rgb[2]!;
      const out = rgb.map((v, i) => Math.round(Math.min(1, Math.max(0, (luma + (v - luma) * (1 + s.saturation)) * s.mul[i]!)) * 255));
      return [out[0]!, out[1]!, out[2]!, 255];
    };
    const expectGraded = (p: Picture, s: Parameters<typeof graded>[1], what: string): void => {
      const [l, r] = halves(p);
      expectNear(l, graded(plain[0], s), 3, `${what}, left`);
      expectNear(r, graded(plain[1], s), 3, `${what}, right`);
    };
    const first = { brightness: 0.1, saturation: -0.5, mul: [1, 200 / 255, 100 / 255] as [number, number, number] };
    const grade = await filter(clip, 'color_filter_v2', { brightness: 0.1, saturation: -0.5, color_multiply: abgr(255, 200, 100) });
    expectGraded(await until(() => shot(clip), (p) => near(halves(p)[0], graded(plain[0], first), 3), 'the grade never showed'), first, 'graded');
    await saysFused(clip);
    expectGraded(await shot(clip), first, 'graded in the conversion');

    // Paused, no new frame comes: a change of the grade converts the picture shown again.
    await obs.call('TriggerMediaInputAction', { inputName: clip, mediaAction: 'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PAUSE' });
    await until(() => obs.call('GetMediaInputStatus', { inputName: clip }), (st) => st.mediaState === 'OBS_MEDIA_STATE_PAUSED', 'the clip never paused');
    const second = { brightness: -0.1, saturation: 0.3, mul: [1, 1, 1] as [number, number, number] };
    await obs.call('SetSourceFilterSettings', { sourceName: clip, filterName: grade, filterSettings: { brightness: -0.1, saturation: 0.3 }, overlay: true });
    await obs.call('SetSourceFilterSettings', { sourceName: clip, filterName: grade, filterSettings: { color_multiply: abgr(255, 255, 255) }, overlay: true });
    expectGraded(await shot(clip), second, 'graded again while paused');

    // A filter after it runs on the graded picture (sharpness leaves flat halves as they are)…
    const sharp = await filter(clip, 'sharpness_filter_v2', { sharpness: 0.5 });
    expectGraded(await shot(clip), second, 'graded, then sharpened');
    // …and moved behind it, the grade runs in its own pass: once, not twice.
    await obs.call('SetSourceFilterIndex', { sourceName: clip, filterName: sharp, filterIndex: 0 });
    expectGraded(await shot(clip), second, 'sharpened, then graded');
    await obs.call('SetSourceFilterIndex', { sourceName: clip, filterName: sharp, filterIndex: 1 });
    expectGraded(await shot(clip), second, 'graded first again');
    // Turned off, the video shows as it is.
    await obs.call('SetSourceFilterEnabled', { sourceName: clip, filterName: grade, filterEnabled: false });
    const off = halves(await shot(clip));
    expectNear(off[0], plain[0], 1, 'grade off, left');
    expectNear(off[1], plain[1], 1, 'grade off, right');
  });

  it("color_key_filter_v2 and luma_key_filter_v2 first on a video key it in its frames' conversion", async () => {
    const keyed = await videoHalves();
    // The left half's colour keyed out, the right half kept as it is.
    await filter(keyed.clip, 'color_key_filter_v2', { key_color_type: 'custom', key_color: abgr(0x30, 0x70, 0xa0), similarity: 80, smoothness: 1 });
    await saysFused(keyed.clip);
    const [gone, kept] = halves(await shot(keyed.clip));
    expect(gone[3], `left half keyed out: ${gone.join(',')}`).toBe(0);
    expectNear(kept, keyed.plain[1], 2, 'right half kept');

    const lit = await videoHalves();
    // Luma (BT.709) 0.40 on the left, 0.55 on the right: a luma_max between them keys out the right.
    await filter(lit.clip, 'luma_key_filter_v2', { luma_max: 0.48, luma_max_smooth: 0.02 });
    await saysFused(lit.clip);
    const [dark, bright] = halves(await shot(lit.clip));
    expectNear(dark, lit.plain[0], 2, 'darker half kept');
    expect(bright[3], `brighter half keyed out: ${bright.join(',')}`).toBe(0);
  });

  it('chroma_key_filter_v2 and color_key_filter_v2 key out their color and keep the rest', async () => {
    const green = await color(abgr(0, 255, 0), 32, 32);
    await filter(green, 'chroma_key_filter_v2', {});
    expect((await shot(green)).at(16, 16)[3]).toBe(0);
    const red = await color(abgr(255, 0, 0), 32, 32);
    await filter(red, 'chroma_key_filter_v2', {});
    expectNear((await shot(red)).at(16, 16), [255, 0, 0, 255], 2, 'chroma key keeps red');

    const blue = await color(abgr(0, 0, 255), 32, 32);
    await filter(blue, 'color_key_filter_v2', { key_color_type: 'blue' });
    expect((await shot(blue)).at(16, 16)[3]).toBe(0);
    const custom = await color(abgr(200, 100, 50), 32, 32);
    const keyed = await filter(custom, 'color_key_filter_v2', { key_color_type: 'custom', key_color: abgr(200, 100, 50) });
    expect((await shot(custom)).at(16, 16)[3]).toBe(0);
    // Far from the key (distance 0.4 > similarity 0.08 + smoothness 0.05) it stays opaque.
    await obs.call('SetSourceFilterSettings', { sourceName: custom, filterName: keyed, filterSettings: { key_color: abgr(100, 100, 50) } });
    expectNear((await shot(custom)).at(16, 16), [200, 100, 50, 255], 2, 'color key keeps other colors');
  });

  it('luma_key_filter_v2 keys out what is brighter than luma_max', async () => {
    const white = await color(abgr(255, 255, 255), 32, 32);
    await filter(white, 'luma_key_filter_v2', { luma_max: 0.5 });
    expect((await shot(white)).at(16, 16)[3]).toBe(0);
    const dark = await color(abgr(50, 50, 50), 32, 32);
    await filter(dark, 'luma_key_filter_v2', { luma_max: 0.5 });
    expectNear((await shot(dark)).at(16, 16), [50, 50, 50, 255], 1, 'luma key keeps dark');
  });

  it('crop_filter and scale_filter change the size the source has', async () => {
    const red = await color(abgr(255, 0, 0), 100, 50);
    await filter(red, 'crop_filter', { left: 30, right: 10, top: 5 });
    const cropped = await shot(red);
    expect([cropped.width, cropped.height]).toEqual([60, 45]);
    // In its scene the item shrinks too: drawn at 0,0 it now ends at x = 60.
    const scene = await newScene();
    const withCrop = await color(abgr(255, 0, 0), 100, 50, { scene });
    await filter(withCrop, 'crop_filter', { left: 30, right: 10 });
    const picture = await shot(scene);
    expectNear(picture.at(57, 25), [255, 0, 0, 255], 2, 'inside the cropped item');
    expectNear(picture.at(63, 25), [0, 0, 0, 255], 2, 'past the cropped item');

    const blue = await color(abgr(0, 0, 255), 64, 64);
    await filter(blue, 'scale_filter', { resolution: '32x16', sampling: 'point' });
    const scaled = await shot(blue);
    expect([scaled.width, scaled.height]).toEqual([32, 16]);
    expectNear(scaled.at(16, 8), [0, 0, 255, 255], 1, 'scaled');
  });

  it('sharpness_filter_v2 and blur_filter on a scene picture', async () => {
    // A one-pixel line of gray 150 at x = 100 over gray 100.
    const scene = await newScene();
    await color(abgr(100, 100, 100), 0, 0, { scene });
    await color(abgr(150, 150, 150), 1, 720, { scene, x: 100 });
    const name = await filter(scene, 'sharpness_filter_v2', { sharpness: 0.1 });
    const sharp = await shot(scene);
    // The line: 150 + 0.1 × (8 × 150 − 2 × 150 − 6 × 100) = 180. Its neighbours are unchanged:
    // a pixel that matches a neighbour on both axes is left alone.
    expectNear(sharp.at(100, 300), [180, 180, 180, 255], 2, 'sharpened line');
    expectNear(sharp.at(99, 300), [100, 100, 100, 255], 1, 'beside the line');
    expectNear(sharp.at(600, 300), [100, 100, 100, 255], 1, 'flat area');
    await obs.call('RemoveSourceFilter', { sourceName: scene, filterName: name });

    // A white box from x = 200 to 399 over black, blurred (Gaussian, radius 8).
    const boxes = await newScene();
    await color(abgr(255, 255, 255), 200, 720, { scene: boxes, x: 200 });
    const blur = await filter(boxes, 'blur_filter', { radius: 8, type: 'gaussian' });
    const soft = await shot(boxes);
    const edge = soft.at(200, 300)[0];
    expect(edge, 'at the edge: about half').toBeGreaterThan(100);
    expect(edge).toBeLessThan(190);
    expect(soft.at(196, 300)[0], 'just outside: some light').toBeGreaterThan(10);
    expectNear(soft.at(300, 300), [255, 255, 255, 255], 1, 'deep inside');
    expectNear(soft.at(150, 300), [0, 0, 0, 255], 1, 'far outside');
    // Only inside a rectangle over the left edge: the right edge stays sharp.
    await obs.call('SetSourceFilterSettings', {
      sourceName: boxes,
      filterName: blur,
      filterSettings: { region: 'rect', region_x: 150, region_y: 0, region_cx: 100, region_cy: 720 },
    });
    const part = await shot(boxes);
    expect(part.at(196, 300)[0]).toBeGreaterThan(10);
    expectNear(part.at(401, 300), [0, 0, 0, 255], 1, 'right edge sharp');
    expectNear(part.at(398, 300), [255, 255, 255, 255], 1, 'right edge sharp');
  });

  it('beauty_filter smooths small differences and keeps strong edges', async () => {
    // Columns of gray 100 | 110 | 100 | 255, 16 pixels each, as an image.
    const file = path.join(server.dataDir, 'steps.png');
    const draw = 'color=c=0x646464:s=64x32,format=rgb24,drawbox=x=16:y=0:w=16:h=32:color=0x6e6e6e:t=fill,drawbox=x=48:y=0:w=16:h=32:color=white:t=fill';
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', draw, '-frames:v', '1', file]);
    const inputName = `Steps ${++inputs}`;
    await obs.call('CreateInput', { sceneName, inputName, inputKind: 'image_source', inputSettings: { file } });
    const plain = await until(() => shot(inputName), (p) => p.width === 64, 'the image never loaded');
    expectNear(plain.at(15, 16), [100, 100, 100, 255], 1, 'unfiltered');
    await filter(inputName, 'beauty_filter', { strength: 1, radius: 6, edge: 0.1 });
    const p = await shot(inputName);
    // Across the faint 100/110 step the values meet in the middle…
    expect(p.at(15, 16)[0], 'smoothed').toBeGreaterThan(101);
    expect(p.at(16, 16)[0], 'smoothed').toBeLessThan(109);
    // …while the strong 100/255 edge stays where it was.
    expectNear(p.at(47, 16), [100, 100, 100, 255], 3, 'strong edge, dark side');
    expectNear(p.at(48, 16), [255, 255, 255, 255], 3, 'strong edge, bright side');
  });

  it('scroll_filter moves a scene picture over time, wrapping around', async () => {
    const scene = await newScene();
    await color(abgr(255, 0, 0), 640, 720, { scene });
    await color(abgr(0, 255, 0), 640, 720, { scene, x: 640 });
    await filter(scene, 'scroll_filter', { speed_x: 200, loop: true });
    const row = (p: Picture) => Array.from({ length: p.width }, (_, x) => (p.at(x, 360)[0] > 128 ? 'r' : 'g')).join('');
    // The picture moves on with the program clock: wait until it has moved off the start.
    let moved = '';
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const r = row(await shot(scene));
      if (r.slice(630, 650) !== 'r'.repeat(10) + 'g'.repeat(10)) {
        moved = r;
        break;
      }
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(moved, 'the picture never moved').not.toBe('');
    // Still half red, half green, in two runs (one wrapped around the edge).
    expect(moved.split('r').length - 1).toBeGreaterThanOrEqual(636);
    expect(moved.split('r').length - 1).toBeLessThanOrEqual(644);
    expect(moved.match(/r+|g+/g)!.length).toBeLessThanOrEqual(3);
  });

  it('scene item blend modes combine an item with what is under it, as OBS names them', async () => {
    const scene = await newScene();
    await color(abgr(100, 50, 200), 0, 0, { scene });
    const top = await color(abgr(50, 100, 60), 64, 64, { scene });
    const { sceneItemId } = await obs.call('GetSceneItemId', { sceneName: scene, sourceName: top });
    const expected: Array<[string, Rgba]> = [
      ['OBS_BLEND_NORMAL', [50, 100, 60, 255]],
      ['OBS_BLEND_ADDITIVE', [150, 150, 255, 255]],
      ['OBS_BLEND_SUBTRACT', [50, 0, 140, 255]],
      ['OBS_BLEND_SCREEN', [130, 130, 213, 255]],
      ['OBS_BLEND_MULTIPLY', [20, 20, 47, 255]],
      ['OBS_BLEND_LIGHTEN', [100, 100, 200, 255]],
      ['OBS_BLEND_DARKEN', [50, 50, 60, 255]],
    ];
    for (const [sceneItemBlendMode, want] of expected) {
      await obs.call('SetSceneItemBlendMode', { sceneName: scene, sceneItemId, sceneItemBlendMode });
      expect((await obs.call('GetSceneItemBlendMode', { sceneName: scene, sceneItemId })).sceneItemBlendMode).toBe(sceneItemBlendMode);
      expectNear((await shot(scene)).at(10, 10), want, 3, sceneItemBlendMode);
    }
    await expect(obs.call('SetSceneItemBlendMode', { sceneName: scene, sceneItemId, sceneItemBlendMode: 'OBS_BLEND_GLOW' })).rejects.toMatchObject({ code: 400 });
  });

  it('a filtered picture is drawn 1:1 texel for pixel, and scaled up with filtering', async () => {
    // Black | white, 2 pixels each, as an image, through a color_filter_v2 that changes nothing.
    const file = path.join(server.dataDir, 'edge.png');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=black:s=4x2,format=rgb24,drawbox=x=2:y=0:w=2:h=2:color=white:t=fill', '-frames:v', '1', file]);
    const scene = await newScene();
    const inputName = `Edge ${++inputs}`;
    await obs.call('CreateInput', { sceneName: scene, inputName, inputKind: 'image_source', inputSettings: { file } });
    await until(() => shot(inputName), (p) => p.width === 4, 'the image never loaded');
    await filter(inputName, 'color_filter_v2', {});
    // The same input again, 25 times larger, below the first.
    const { sceneItemId } = await obs.call('CreateSceneItem', { sceneName: scene, sourceName: inputName });
    await obs.call('SetSceneItemTransform', { sceneName: scene, sceneItemId, sceneItemTransform: { positionY: 100, scaleX: 25, scaleY: 25 } });
    const p = await until(() => shot(scene), (q) => q.at(99, 110)[0] > 200, 'the scaled item never showed');
    // 1:1 (read without filtering): each pixel is its texel, the edge as sharp as in the file.
    expectNear(p.at(1, 0), [0, 0, 0, 255], 1, '1:1 black');
    expectNear(p.at(2, 0), [255, 255, 255, 255], 1, '1:1 white');
    // Scaled: texel centres fall at x = 37.5 (black) and 62.5 (white); filtering ramps between them,
    // so x = 50 is mid-grey (read without filtering it would be black or white).
    const mid = p.at(50, 110)[0];
    expect(mid, `x = 50 of the scaled item: ${p.at(50, 110).join(',')}`).toBeGreaterThan(90);
    expect(mid, `x = 50 of the scaled item: ${p.at(50, 110).join(',')}`).toBeLessThan(165);
  });

  it('an opaque video laid 1:1 is copied into place, filtered or not: cropped, flipped, and scaled in a smaller screenshot', async () => {
    const { clip, plain } = await videoHalves();
    const bare = (await videoHalves()).clip;
    // Sharpness and beauty leave flat halves as they are, and keep an opaque picture opaque.
    const smooth = (await videoHalves()).clip;
    await filter(smooth, 'sharpness_filter_v2', { sharpness: 0.3 });
    await filter(smooth, 'beauty_filter', {});
    const [A, B] = plain;
    const grade = await filter(clip, 'color_filter_v2', {});
    const scene = await newScene();
    // Red under everything, so a copy that lands wrong shows.
    await color(abgr(255, 0, 0), 320, 180, { scene });
    const place = async (sceneItemTransform: OBSRequestTypes['SetSceneItemTransform']['sceneItemTransform'], sourceName = clip): Promise<void> => {
      const { sceneItemId } = await obs.call('CreateSceneItem', { sceneName: scene, sourceName });
      await obs.call('SetSceneItemTransform', { sceneName: scene, sceneItemId, sceneItemTransform });
    };
    // At (10, 6) with 4 columns cropped off the left: columns 10-69, rows 6-69; the clip's halves
    // meet at canvas x = 38.
    await place({ positionX: 10, positionY: 6, cropLeft: 4 });
    // Flipped left to right at x = 200: columns 136-199, the clip's column 0 at 199.
    await place({ positionX: 200, positionY: 6, scaleX: -1 });
    // Without filters, straddling the red's right edge at x = 320: columns 300-363.
    await place({ positionX: 300, positionY: 6 }, bare);
    // Sharpened and smoothed, below the others: columns 10-73, rows 100-163.
    await place({ positionX: 10, positionY: 100 }, smooth);
    const log = path.join(server.dataDir, 'logs', 'studio.log');
    // Each was copied into program before it had filters: the filtered ones must say so with them.
    for (const [name, how] of [[clip, ' through its filters'], [bare, ''], [smooth, ' through its filters']] as const) {
      const said = `Compositor: \\"${name}\\"${how} is copied into its place`;
      await until(async () => readFileSync(log, 'utf8'), (t) => t.includes(said), `the studio never said "${name}"${how} was copied`);
    }
    await until(() => shot(scene), (q) => near(q.at(50, 30), B, 3), 'the placed clips never showed');
    // Copied and drawn give the same pixels, and a frame now and then comes the drawn way (a loop's
    // seek): every one of several pictures must be right.
    for (let i = 0; i < 4; i++) {
      const p = await shot(scene);
      expectNear(p.at(26, 30), A, 3, 'cropped item, clip column 20');
      expectNear(p.at(50, 30), B, 3, 'cropped item, clip column 44');
      expectNear(p.at(69, 69), B, 3, 'cropped item, last column and row');
      expectNear(p.at(9, 30), [255, 0, 0, 255], 1, 'left of the cropped item');
      expectNear(p.at(70, 30), [255, 0, 0, 255], 1, 'right of the cropped item');
      expectNear(p.at(30, 5), [255, 0, 0, 255], 1, 'above the cropped item');
      expectNear(p.at(30, 70), [255, 0, 0, 255], 1, 'below the cropped item');
      expectNear(p.at(179, 30), A, 3, 'flipped item, clip column 20');
      expectNear(p.at(155, 30), B, 3, 'flipped item, clip column 44');
      expectNear(p.at(136, 30), B, 3, 'flipped item, clip column 63');
      expectNear(p.at(135, 30), [255, 0, 0, 255], 1, 'left of the flipped item');
      expectNear(p.at(200, 30), [255, 0, 0, 255], 1, 'right of the flipped item');
      expectNear(p.at(310, 30), A, 3, 'unfiltered item over red, clip column 10');
      expectNear(p.at(340, 30), B, 3, 'unfiltered item over black, clip column 40');
      expectNear(p.at(299, 30), [255, 0, 0, 255], 1, 'left of the unfiltered item');
      expectNear(p.at(364, 30), [0, 0, 0, 255], 1, 'right of the unfiltered item');
      expectNear(p.at(26, 130), A, 3, 'sharpened and smoothed item, clip column 16');
      expectNear(p.at(58, 130), B, 3, 'sharpened and smoothed item, clip column 48');
      expectNear(p.at(74, 130), [255, 0, 0, 255], 1, 'right of the sharpened and smoothed item');
    }
    // Half size, the same layout at half the coordinates: the picture is scaled, not copied 1:1.
    const { baseWidth, baseHeight } = await obs.call('GetVideoSettings');
    const half = await shot(scene, { imageWidth: baseWidth / 2, imageHeight: baseHeight / 2 });
    expectNear(half.at(13, 15), A, 6, 'half size, cropped item, clip column 20');
    expectNear(half.at(25, 15), B, 6, 'half size, cropped item, clip column 44');
    expectNear(half.at(40, 15), [255, 0, 0, 255], 2, 'half size, right of the cropped item');
    expectNear(half.at(89, 15), A, 6, 'half size, flipped item, clip column 20');
    // At half opacity the clip is no longer opaque: it is blended over the red, not copied.
    await obs.call('SetSourceFilterSettings', { sourceName: clip, filterName: grade, filterSettings: { opacity: 0.5 }, overlay: true });
    const overRed = (c: Rgba): Rgba => [Math.round(c[0] / 2 + 127.5), Math.round(c[1] / 2), Math.round(c[2] / 2), 255];
    await until(() => shot(scene), (q) => near(q.at(26, 30), overRed(A), 4), 'the half-opaque clip never showed over red');
    for (let i = 0; i < 3; i++) {
      const p = await shot(scene);
      expectNear(p.at(26, 30), overRed(A), 4, 'half opacity, cropped item over red');
      expectNear(p.at(179, 30), overRed(A), 4, 'half opacity, flipped item over red');
    }
  });

  it('mask_filter_v2 and clut_filter read their files', async () => {
    const dir = server.dataDir;
    const mask = path.join(dir, 'mask.png');
    // White on the left half, black on the right: the color mask keeps the left half only.
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=white:s=64x64,drawbox=x=32:y=0:w=32:h=64:color=black:t=fill', '-frames:v', '1', mask]);
    const red = await color(abgr(255, 0, 0), 64, 64);
    await filter(red, 'mask_filter_v2', { type: 'mask_color_filter.effect', image_path: mask, stretch: true });
    // The image loads asynchronously: wait for the mask to show.
    const masked = await until(() => shot(red), (p) => p.at(48, 32)[3] === 0, 'the mask never applied');
    expectNear(masked.at(16, 32), [255, 0, 0, 255], 2, 'left half kept');

    // A 2-level .cube LUT that swaps red and blue.
    const cube = path.join(dir, 'swap.cube');
    const lines = ['LUT_3D_SIZE 2'];
    for (let b = 0; b < 2; b++) for (let g = 0; g < 2; g++) for (let r = 0; r < 2; r++) lines.push(`${b} ${g} ${r}`);
    writeFileSync(cube, `${lines.join('\n')}\n`);
    const src = await color(abgr(255, 0, 0), 32, 32);
    await filter(src, 'clut_filter', { image_path: cube, clut_amount: 1 });
    const graded = await until(() => shot(src), (p) => p.at(16, 16)[2] > 200, 'the LUT never applied');
    expectNear(graded.at(16, 16), [0, 0, 255, 255], 2, 'red looked up as blue');
  });
});
