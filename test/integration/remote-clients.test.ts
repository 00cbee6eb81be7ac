/**
 * Real obs-websocket clients against the real studio: server mode with its headless Chromium
 * compositor, driven by obs-websocket-js in both builds — msgpack (what Node's default import gives
 * Companion and scripts) and JSON (the browser build the web remote uses) — one after the other on
 * one studio, to stay light on a two-core machine. Each signs in with the password the studio
 * generated (read the way Settings reads it, with 'remote.info'), builds a scene with a moved color
 * source, checks it in a PNG screenshot, points the stream at a loopback nginx-rtmp, goes live,
 * checks what arrives there with ffprobe, stops, and leaves no FFmpeg behind.
 * Needs `npx electron-vite build` first (npm test runs it).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocketMsgpack from 'obs-websocket-js';
import OBSWebSocketJson from 'obs-websocket-js/json';
import { ffprobeJson, listFfmpegChildren, listFfmpegProcesses, startNginxRtmp, type NginxRtmp } from '../harness';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { connectStudio } from '../harness/studio-client';

type Client = InstanceType<typeof OBSWebSocketMsgpack> | InstanceType<typeof OBSWebSocketJson>;
type Rgba = [number, number, number, number];

/** ABGR, as OBS's color_source_v3 takes it, and the RGBA a picture shows for it. */
const RED = { abgr: 0xff0000ff, rgba: [255, 0, 0, 255] as Rgba };
const GREEN = { abgr: 0xff00ff00, rgba: [0, 255, 0, 255] as Rgba };

let nginx: NginxRtmp;
let server: StudioServer;
let wsUrl: string;
let password: string;

beforeAll(async () => {
  nginx = await startNginxRtmp();
  server = await startStudioServer({ headless: true });
  // What the Settings section shows: where to connect and the generated password.
  const studio = await connectStudio(server);
  try {
    const info = await studio.must('remote.info', {});
    expect(info).toMatchObject({ enabled: true, exposed: false, problem: null });
    expect(info.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(info.password).toMatch(/^[\w-]{22}$/);
    wsUrl = info.url!;
    password = info.password!;
  } finally {
    studio.close();
  }
});

afterAll(async () => {
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
  await nginx?.stop();
  // The studio is gone, and nothing it started is still pushing to our server.
  expect(listFfmpegProcesses(`127.0.0.1:${nginx.port}`)).toEqual([]);
});

/** Runs FFmpeg with `input` on stdin and returns its stdout. */
function ffmpeg(args: string[], input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`ffmpeg exited ${code}: ${err}`))));
    child.stdin.end(input);
  });
}

/** A PNG data URL's size (from its IHDR chunk) and pixels (decoded by FFmpeg: the project has no PNG package). */
async function decodePng(dataUrl: string): Promise<{ width: number; height: number; at(x: number, y: number): Rgba }> {
  const prefix = 'data:image/png;base64,';
  expect(dataUrl.slice(0, prefix.length)).toBe(prefix);
  const png = Buffer.from(dataUrl.slice(prefix.length), 'base64');
  expect(png.subarray(0, 8).toString('hex'), 'PNG signature').toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const rgba = await ffmpeg(['-v', 'error', '-f', 'png_pipe', '-i', 'pipe:0', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'], png);
  expect(rgba.length).toBe(width * height * 4);
  return {
    width,
    height,
    at: (x, y) => {
      const i = (y * width + x) * 4;
      return [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!, rgba[i + 3]!];
    },
  };
}

const near = (got: Rgba, want: Rgba, tol = 3): boolean => want.every((v, i) => Math.abs(got[i]! - v) <= tol);

/** Retries a request the studio answers 207 NotReady until the headless compositor has connected. */
async function whenReady<T>(request: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await request();
    } catch (error) {
      if ((error as { code?: number }).code !== 207 || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms:\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const builds = [
  { name: 'msgpack', Client: OBSWebSocketMsgpack, box: RED, at: { x: 200, y: 150 } },
  { name: 'json', Client: OBSWebSocketJson, box: GREEN, at: { x: 760, y: 420 } },
] as const;

describe.each(builds)('obs-websocket-js $name build against server mode', ({ name, Client, box, at }) => {
  it('builds a scene, sees it in a screenshot, streams it to RTMP, records it and stops clean', async () => {
    const obs: Client = new Client();
    const outputStates: string[] = [];
    const recordStates: Array<{ state: string; path: string | null }> = [];
    obs.on('StreamStateChanged', (e) => outputStates.push(e.outputState));
    obs.on('RecordStateChanged', (e) => recordStates.push({ state: e.outputState, path: e.outputPath }));
    try {
      const hello = await obs.connect(wsUrl, password);
      expect(hello.negotiatedRpcVersion).toBe(1);

      // A scene of its own, on program, with a 320×180 box moved away from the top-left corner.
      const sceneName = `Clients ${name}`;
      const { sceneUuid } = await obs.call('CreateScene', { sceneName });
      await obs.call('SetCurrentProgramScene', { sceneName });
      expect((await obs.call('GetCurrentProgramScene')).sceneUuid).toBe(sceneUuid);
      const { sceneItemId } = await obs.call('CreateInput', {
        sceneName,
        inputName: `Box ${name}`,
        inputKind: 'color_source_v3',
        inputSettings: { color: box.abgr, width: 320, height: 180 },
      });
      await obs.call('SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: { positionX: at.x, positionY: at.y } });
      expect((await obs.call('GetSceneItemTransform', { sceneName, sceneItemId })).sceneItemTransform).toMatchObject({
        positionX: at.x,
        positionY: at.y,
        width: 320,
        height: 180,
      });

      // The 1280×720 canvas at half size: the box covers x/2 .. x/2+159, y/2 .. y/2+89.
      const { imageData } = await whenReady(() =>
        obs.call('GetSourceScreenshot', { sourceName: sceneName, imageFormat: 'png', imageWidth: 640, imageHeight: 360 }),
      );
      const shot = await decodePng(imageData);
      expect([shot.width, shot.height]).toEqual([640, 360]);
      const [left, top] = [at.x / 2, at.y / 2];
      const background = shot.at(5, 5);
      expect(near(background, box.rgba, 40), `background ${background} is not the box`).toBe(false);
      for (const [x, y] of [[left + 2, top + 2], [left + 157, top + 87], [left + 80, top + 45]] as const) {
        expect(near(shot.at(x, y), box.rgba), `box at ${x},${y}: ${shot.at(x, y)}`).toBe(true);
      }
      for (const [x, y] of [[left - 3, top + 45], [left + 162, top + 45], [left + 80, top - 3], [left + 80, top + 92], [635, 355]] as const) {
        expect(near(shot.at(x, y), background, 2), `background at ${x},${y}: ${shot.at(x, y)}`).toBe(true);
      }

      // The stream goes where SetStreamServiceSettings points it, under this client's own key.
      await obs.call('SetStreamServiceSettings', {
        streamServiceType: 'rtmp_custom',
        streamServiceSettings: { server: `rtmp://127.0.0.1:${nginx.port}/live`, key: name },
      });
      await obs.call('StartStream');
      await waitFor(
        'the stream did not go live and send bytes',
        async () => {
          const s = await obs.call('GetStreamStatus');
          return s.outputActive && s.outputBytes > 0;
        },
        40_000,
      );
      const probe = await ffprobeJson(nginx.url(name));
      const video = probe.streams.find((s) => s.codec_type === 'video');
      const audio = probe.streams.find((s) => s.codec_type === 'audio');
      expect([video?.codec_name, video?.width, video?.height]).toEqual(['h264', 1280, 720]);
      expect(audio?.codec_name).toBe('aac');
      const live = await obs.call('GetStreamStatus');
      expect(live.outputTimecode).toMatch(/^\d\d:\d\d:\d\d\.\d\d\d$/);

      await obs.call('StopStream');
      await waitFor('the stream did not stop', async () => !(await obs.call('GetStreamStatus')).outputActive, 20_000);
      await expect.poll(() => listFfmpegChildren(server.process.pid!), { timeout: 10_000 }).toEqual([]);
      expect(outputStates).toEqual(expect.arrayContaining(['OBS_WEBSOCKET_OUTPUT_STARTED', 'OBS_WEBSOCKET_OUTPUT_STOPPED']));
      expect(outputStates.indexOf('OBS_WEBSOCKET_OUTPUT_STARTED')).toBeLessThan(outputStates.lastIndexOf('OBS_WEBSOCKET_OUTPUT_STOPPED'));

      // Record the same program for a few seconds: a file that decodes, where the events said.
      await obs.call('StartRecord');
      await waitFor('the recording did not grow', async () => (await obs.call('GetRecordStatus')).outputBytes > 50_000, 30_000);
      const { outputPath } = await obs.call('StopRecord');
      expect(existsSync(outputPath), outputPath).toBe(true);
      expect(execFileSync('ffmpeg', ['-v', 'error', '-i', outputPath, '-f', 'null', '-'], { encoding: 'utf8' })).toBe('');
      expect((await obs.call('GetRecordStatus')).outputActive).toBe(false);
      await waitFor('RecordStateChanged did not say STOPPED', () => Promise.resolve(recordStates.some((r) => r.state === 'OBS_WEBSOCKET_OUTPUT_STOPPED')), 10_000);
      expect(recordStates.find((r) => r.state === 'OBS_WEBSOCKET_OUTPUT_STARTED')?.path).toBe(outputPath);
      expect(recordStates.at(-1)).toEqual({ state: 'OBS_WEBSOCKET_OUTPUT_STOPPED', path: outputPath });
      await expect.poll(() => listFfmpegChildren(server.process.pid!), { timeout: 10_000 }).toEqual([]);
    } finally {
      await obs.disconnect();
    }
    // The first client also waits for the headless compositor to start: generous on a loaded two-core machine.
  }, 240_000);
});
