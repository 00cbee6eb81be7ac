/**
 * OBS's bounding boxes drawn by the real compositor: server mode's headless Chromium, driven by
 * obs-websocket-js. A 400×200 red source in a 200×200 box over a blue background is fitted as each
 * bounds type says (and cropped to its box on request, as OBS 31); GetSourceScreenshot of the scene (rendered by the compositor) is decoded by
 * FFmpeg and its pixels checked. Needs `npx electron-vite build` first.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket from 'obs-websocket-js';
import { connectStudio } from '../harness/studio-client';
import { startStudioServer, type StudioServer } from '../harness/studio-server';

let server: StudioServer;
const obs = new OBSWebSocket();
const dir = mkdtempSync(path.join(tmpdir(), 'bounds-'));

beforeAll(async () => {
  server = await startStudioServer({ headless: true });
  const studio = await connectStudio(server);
  try {
    const info = await studio.must('remote.info', {});
    await obs.connect(info.url!, info.password!);
  } finally {
    studio.close();
  }
});

afterAll(async () => {
  await obs.disconnect();
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

function ffmpeg(args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('ffmpeg', args, { encoding: 'buffer', maxBuffer: 64 << 20, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`ffmpeg: ${String(error)}\n${stderr.toString()}`));
      else resolve(stdout);
    });
  });
}

/** The scene as the compositor draws it, at canvas size, as a colour lookup: r(ed), b(lue) or x. */
async function shot(sceneName: string, width: number, height: number): Promise<(x: number, y: number) => string> {
  const { imageData } = await obs.call('GetSourceScreenshot', { sourceName: sceneName, imageFormat: 'png', imageWidth: width, imageHeight: height });
  const file = path.join(dir, 'shot.png');
  writeFileSync(file, Buffer.from(imageData.slice(imageData.indexOf(',') + 1), 'base64'));
  const rgb = await ffmpeg(['-v', 'error', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
  expect(rgb.length).toBe(width * height * 3);
  return (x, y) => {
    const i = (y * width + x) * 3;
    const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
    return r > 200 && g < 50 && b < 50 ? 'r' : b > 200 && r < 50 && g < 50 ? 'b' : 'x';
  };
}

describe('bounding boxes on the compositor', () => {
  it('fits a source into its box by each OBS bounds type and alignment', async () => {
    const { baseWidth, baseHeight } = await obs.call('GetVideoSettings');
    // The headless compositor connects a moment after the server is ready: wait for its first picture.
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await obs.call('GetSourceScreenshot', { sourceName: (await obs.call('GetCurrentProgramScene')).sceneName, imageFormat: 'png', imageWidth: 64 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const sceneName = 'Bounds';
    await obs.call('CreateScene', { sceneName });
    await obs.call('SetCurrentProgramScene', { sceneName });
    await obs.call('CreateInput', { sceneName, inputName: 'Back', inputKind: 'color_source_v3', inputSettings: { color: 0xffff0000, width: baseWidth, height: baseHeight } });
    const { sceneItemId } = await obs.call('CreateInput', { sceneName, inputName: 'Card', inputKind: 'color_source_v3', inputSettings: { color: 0xff0000ff, width: 400, height: 200 } });
    const set = (t: Record<string, unknown>) =>
      obs.call('SetSceneItemTransform', {
        sceneName,
        sceneItemId,
        sceneItemTransform: { positionX: 100, positionY: 100, alignment: 5, boundsAlignment: 0, boundsWidth: 200, boundsHeight: 200, ...t },
      });
    // Samples: above the box's middle band, in it, below it, and left/right of the box.
    const probe = (at: (x: number, y: number) => string) => [at(200, 120), at(200, 200), at(200, 280), at(50, 200), at(350, 200)].join('');

    await set({ boundsType: 'OBS_BOUNDS_NONE' });
    expect(probe(await shot(sceneName, baseWidth, baseHeight))).toBe('rrrbr');
    await set({ boundsType: 'OBS_BOUNDS_STRETCH' });
    expect(probe(await shot(sceneName, baseWidth, baseHeight))).toBe('rrrbb');
    // Inner: 200×100 centred in the box (y 150..250).
    await set({ boundsType: 'OBS_BOUNDS_SCALE_INNER' });
    expect(probe(await shot(sceneName, baseWidth, baseHeight))).toBe('brbbb');
    // Outer: 400×200 centred on the box (x 0..400, y 100..300).
    await set({ boundsType: 'OBS_BOUNDS_SCALE_OUTER' });
    expect(probe(await shot(sceneName, baseWidth, baseHeight))).toBe('rrrrr');
    // OBS 31's crop to bounding box: what overhangs the box is cut off (x 100..300 only).
    await set({ boundsType: 'OBS_BOUNDS_SCALE_OUTER', cropToBounds: true });
    expect(probe(await shot(sceneName, baseWidth, baseHeight))).toBe('rrrbb');
    await set({ cropToBounds: false });
    await set({ boundsType: 'OBS_BOUNDS_SCALE_TO_WIDTH' });
    expect(probe(await shot(sceneName, baseWidth, baseHeight))).toBe('brbbb');
    await set({ boundsType: 'OBS_BOUNDS_SCALE_TO_HEIGHT' });
    expect(probe(await shot(sceneName, baseWidth, baseHeight))).toBe('rrrrr');
    // Max only: too big, so it shrinks like inner; aligned to the box's bottom (y 200..300).
    await set({ boundsType: 'OBS_BOUNDS_MAX_ONLY', boundsAlignment: 8 });
    const low = await shot(sceneName, baseWidth, baseHeight);
    expect(probe(low)).toBe('brrbb');
    // Centred it would cover y = 190; at the bottom it starts at 200.
    expect(low(200, 190) + low(200, 205)).toBe('br');
    const t = (await obs.call('GetSceneItemTransform', { sceneName, sceneItemId })).sceneItemTransform;
    expect(t).toMatchObject({ boundsType: 'OBS_BOUNDS_MAX_ONLY', boundsAlignment: 8, boundsWidth: 200, boundsHeight: 200 });
  });
});
