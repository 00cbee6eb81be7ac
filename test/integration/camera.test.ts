/**
 * camera_input end to end: server mode's headless Chromium gets Chromium's fake camera through
 * STUDIO_CHROMIUM_ARGS, fed a Y4M clip made by FFmpeg (one solid colour per second). A camera
 * created over obs-websocket-js with OBS's v4l2_input id is stored as camera_input, its device list
 * comes through GetInputPropertiesListPropertyItems, the engine writes the chosen camera's name
 * beside its id and finds it again by name when the id is stale, and the received RTMP stream shows
 * the clip's colours in order. Needs `npx electron-vite build` first (npm test runs it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket from 'obs-websocket-js';
import { startNginxRtmp, type NginxRtmp } from '../harness';
import { CLIP_COLOURS, colourName, decodeTinyFrames, makeColourY4m, pixel, runs } from '../harness/clips';
import { decodePngDataUrl, type Rgba } from '../harness/png';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { suiteResources } from '../harness/suite';
import type { StudioEvent } from '../../src/shared';

const res = suiteResources();
const TW = 16;
const TH = 9;

let nginx: NginxRtmp;
let server: StudioServer;
let studio: StudioClient;
let obs: OBSWebSocket;

beforeAll(async () => {
  const y4m = path.join(res.temp('camera-'), 'colours.y4m');
  await makeColourY4m(y4m);
  nginx = await startNginxRtmp();
  server = await startStudioServer({
    headless: true,
    env: { STUDIO_CHROMIUM_ARGS: `--use-fake-device-for-media-stream --use-fake-ui-for-media-stream --use-file-for-fake-video-capture=${y4m}` },
  });
  studio = await connectStudio(server);
  const info = await studio.must('remote.info', {});
  await studio.must('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: 'camera', enabled: true });
  obs = new OBSWebSocket();
  await obs.connect(info.url!, info.password!);
}, 120_000);

afterAll(async () => {
  await obs?.disconnect();
  studio?.close();
  await server?.stop();
  await nginx?.stop();
});

async function until<T>(what: string, get: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await get();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; last: ${JSON.stringify(last)}\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The centre of the camera's own picture (a screenshot of the source). */
async function centre(): Promise<Rgba> {
  const { imageData } = await obs.call('GetSourceScreenshot', { sourceName: 'Cam', imageFormat: 'png' });
  const p = await decodePngDataUrl(imageData);
  return p.at(p.width >> 1, p.height >> 1);
}

describe('camera_input (fake camera in the headless compositor)', () => {
  it('lists the camera, remembers it by name, and streams its frames in order', async () => {
    const sceneName = 'Camera';
    await obs.call('CreateScene', { sceneName });
    await obs.call('SetCurrentProgramScene', { sceneName });
    const { sceneItemId } = await obs.call('CreateInput', { sceneName, inputName: 'Cam', inputKind: 'v4l2_input', inputSettings: {} });
    expect((await obs.call('GetInputList')).inputs.find((i) => i.inputName === 'Cam')?.inputKind).toBe('camera_input');
    // The 320×240 fake camera fills the canvas's height and more.
    await obs.call('SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: { scaleX: 4, scaleY: 4 } });

    // Once the camera is open its label is readable, and the list shows it after "Default camera".
    const listed = await until(
      'a labelled camera in the device list',
      () => obs.call('GetInputPropertiesListPropertyItems', { inputName: 'Cam', propertyName: 'device_id' }),
      (r) => r.propertyItems.length >= 2 && r.propertyItems.slice(1).some((i) => String(i.itemName) !== '' && !/^Camera \d+$/.test(String(i.itemName))),
    );
    expect(listed.propertyItems[0]).toMatchObject({ itemName: 'Default camera', itemValue: '' });
    const device = listed.propertyItems[1]!;
    await expect(obs.call('GetInputPropertiesListPropertyItems', { inputName: 'Cam', propertyName: 'mirror' })).rejects.toMatchObject({ code: 602 });

    // Choosing it by id: the engine writes its name beside the id.
    await obs.call('SetInputSettings', { inputName: 'Cam', inputSettings: { device_id: device.itemValue as string } });
    await until('device_name filled in', () => obs.call('GetInputSettings', { inputName: 'Cam' }), (r) => r.inputSettings.device_name === device.itemName);
    // A stale id (another browser profile, another port) is found again by the name.
    await obs.call('SetInputSettings', { inputName: 'Cam', inputSettings: { device_id: 'id-from-another-profile', device_name: device.itemName as string } });
    await until('device_id found again by name', () => obs.call('GetInputSettings', { inputName: 'Cam' }), (r) => r.inputSettings.device_id === device.itemValue);
    // The stale id opened the camera again (by its name): its picture is back before the stream starts.
    await until('the camera\'s picture', centre, (c) => colourName([c[0], c[1], c[2]]) !== 'other');

    await studio.must('stream.start', {});
    res.onCleanup(async () => {
      if ((await studio.call('stream.stop', {})).ok) await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 20_000);
    });
    await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'live', 30_000);

    // The camera's colours arrive, each followed by a later one of the clip (a stalled compositor on
    // a loaded machine may skip one), never anything else.
    const names = CLIP_COLOURS.map((c) => c.name);
    const seen = (await decodeTinyFrames(nginx.url('camera'), 8, { width: TW, height: TH })).slice(15).map((f) => colourName(pixel(f, TW, TW / 2, TH / 2)));
    const r = runs(seen);
    expect(seen.length).toBeGreaterThanOrEqual(150);
    expect(seen.filter((c) => c === 'other').length, JSON.stringify(r)).toBe(0);
    expect(new Set(seen).size, `several of the clip's colours: ${JSON.stringify(r)}`).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < r.length; i++) {
      const step = (names.indexOf(r[i]![0]) - names.indexOf(r[i - 1]![0]) + names.length) % names.length;
      expect(step, `run ${i} of ${JSON.stringify(r)}`).toBeGreaterThan(0);
    }
    // The program's readbacks give Chromium no cause for its per-frame performance warning (it took
    // all 256 of the context's console reports, so real WebGL errors went unreported).
    const log = readFileSync(path.join(server.dataDir, 'logs', 'studio.log'), 'utf8').split('\n');
    expect(log.filter((l) => l.includes('READ-usage buffer')).length, 'readback warnings in the log').toBe(0);
    expect(log.filter((l) => l.includes('WebGL')).map((l) => l.slice(0, 300)), 'WebGL errors in the log').toEqual([]);
  }, 180_000);

  it('shows the camera through its filters, live', async () => {
    // Red taken out: whichever of the clip's colours the camera shows, the picture has no red in it.
    await obs.call('CreateSourceFilter', { sourceName: 'Cam', filterName: 'No red', filterKind: 'color_filter_v2', filterSettings: { color_multiply: 0xffffff00 } });
    try {
      const seen: Rgba[] = [];
      await until('green and blue through the filter', async () => (seen.push(await centre()), seen), (s) => s.some((c) => c[1] > 200) && s.some((c) => c[2] > 200), 60_000);
      expect(seen.filter((c) => c[0] > 8), `pictures with red: ${JSON.stringify(seen)}`).toEqual([]);
    } finally {
      // Removed even when the test fails, so the next test sees the camera as it was.
      await obs.call('RemoveSourceFilter', { sourceName: 'Cam', filterName: 'No red' });
    }
    // Without it, the clip's red and yellow come back.
    await until('red again', centre, (c) => c[0] > 200, 60_000);
  });

  it('copies a camera laid pixel for pixel into its place, over what is under it', async () => {
    const sceneName = 'Camera 1:1';
    await obs.call('CreateScene', { sceneName });
    await obs.call('CreateInput', { sceneName, inputName: 'Grey', inputKind: 'color_source_v3', inputSettings: { color: 0xff808080, width: 400, height: 300 } });
    const { sceneItemId } = await obs.call('CreateSceneItem', { sceneName, sourceName: 'Cam' });
    // The 320×240 camera at (40, 20): columns 40-359, rows 20-259, grey around it.
    await obs.call('SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: { positionX: 40, positionY: 20 } });
    const shot = async () => decodePngDataUrl((await obs.call('GetSourceScreenshot', { sourceName: sceneName, imageFormat: 'png' })).imageData);
    const log = path.join(server.dataDir, 'logs', 'studio.log');
    // Whatever an earlier test left behind, the camera shows its own picture, unfiltered.
    expect((await obs.call('GetSourceFilterList', { sourceName: 'Cam' })).filters).toEqual([]);
    await until('the camera\'s picture', centre, (c) => colourName([c[0], c[1], c[2]]) !== 'other');
    // The log's compositor lines (not the whole log: a timeout's message must stay readable).
    const told = async (): Promise<string[]> => (await shot(), readFileSync(log, 'utf8').split('\n').filter((l) => l.includes('Compositor:')));
    await until('the log saying the camera is copied', told, (lines) => lines.some((l) => l.includes('Compositor: \\"Cam\\" is copied into its place')));
    const grey = (c: Rgba): boolean => c.slice(0, 3).every((v) => Math.abs(v - 128) <= 2);
    for (let i = 0; i < 3; i++) {
      const p = await shot();
      for (const [x, y] of [[40, 20], [359, 20], [40, 259], [359, 259], [200, 140]] as const) {
        expect(colourName([p.at(x, y)[0], p.at(x, y)[1], p.at(x, y)[2]]), `camera at ${x},${y}: ${p.at(x, y).join(',')}`).not.toBe('other');
      }
      for (const [x, y] of [[39, 20], [40, 19], [360, 259], [359, 260]] as const) expect(grey(p.at(x, y)), `grey at ${x},${y}: ${p.at(x, y).join(',')}`).toBe(true);
    }
  });
});
