/**
 * display_capture in server mode: the headless Chromium's getDisplayMedia (a synthetic screen, with
 * --use-fake-ui-for-media-stream given through STUDIO_CHROMIUM_ARGS) is created over
 * obs-websocket-js with OBS's monitor_capture id, and the received RTMP stream shows a moving
 * picture that is not the "no signal" card. Needs `npx electron-vite build` first (npm test runs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket from 'obs-websocket-js';
import { startNginxRtmp, type NginxRtmp } from '../harness';
import { decodeTinyFrames } from '../harness/clips';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { suiteResources } from '../harness/suite';
import type { StudioEvent } from '../../src/shared';

const res = suiteResources();
const TW = 96;
const TH = 54;

let nginx: NginxRtmp;
let server: StudioServer;
let studio: StudioClient;
let obs: OBSWebSocket;

beforeAll(async () => {
  nginx = await startNginxRtmp();
  server = await startStudioServer({
    headless: true,
    env: { STUDIO_CHROMIUM_ARGS: '--use-fake-ui-for-media-stream --use-fake-device-for-media-stream' },
  });
  studio = await connectStudio(server);
  const info = await studio.must('remote.info', {});
  await studio.must('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: 'screen', enabled: true });
  obs = new OBSWebSocket();
  await obs.connect(info.url!, info.password!);
}, 120_000);

afterAll(async () => {
  await obs?.disconnect();
  studio?.close();
  await server?.stop();
  await nginx?.stop();
});

/** Pixels that changed by far more than coding noise between two RGB frames. */
function changedPixels(a: Buffer, b: Buffer): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 3) {
    if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 120) n++;
  }
  return n;
}

/** Spread of a frame's values: a flat card or black frame has almost none. */
function spread(f: Buffer): number {
  let min = 255;
  let max = 0;
  for (const v of f) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return max - min;
}

describe('display_capture (getDisplayMedia in the headless compositor)', () => {
  it('puts a moving screen on program', async () => {
    const sceneName = 'Screen';
    await obs.call('CreateScene', { sceneName });
    await obs.call('SetCurrentProgramScene', { sceneName });
    await obs.call('CreateInput', { sceneName, inputName: 'Desktop', inputKind: 'monitor_capture', inputSettings: { capture_cursor: false } });
    expect((await obs.call('GetInputList')).inputs.find((i) => i.inputName === 'Desktop')?.inputKind).toBe('display_capture');

    await studio.must('stream.start', {});
    res.onCleanup(async () => {
      if ((await studio.call('stream.stop', {})).ok) await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 20_000);
    });
    await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'live', 30_000);

    // The capture starts after the stream does (getDisplayMedia is slow on a loaded machine): until
    // then program is the empty scene's black. Wait for the positive signal, a picture with content
    // (not a flat card or black), then check that it moves.
    const spreads: number[] = [];
    let frames: Buffer[] = [];
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      frames = (await decodeTinyFrames(nginx.url('screen'), 4, { width: TW, height: TH })).slice(15);
      spreads.push(frames.length ? spread(frames[frames.length - 1]!) : -1);
      if (frames.length >= 60 && spread(frames[0]!) > 60) break;
    }
    expect(frames.length).toBeGreaterThanOrEqual(60);
    const last = frames[frames.length - 1]!;
    const first = frames[0]!;
    expect(spread(first), `the picture has content (spreads seen: ${spreads.join(', ')})`).toBeGreaterThan(60);
    expect(spread(last), 'the picture keeps its content').toBeGreaterThan(60);
    // Chromium's synthetic screen moves a shape and counts frames: some pixels change a lot.
    // A loaded machine renders few fresh frames, so compare the first with every later one.
    const moved = Math.max(...frames.map((f) => changedPixels(first, f)));
    expect(moved, 'the picture moves').toBeGreaterThanOrEqual(4);
  }, 180_000);
});
