/**
 * The network stream source end to end with real parts: FFmpeg publishes a solid colour and a tone
 * (H.264 + AAC) into a loopback nginx-rtmp; a server-mode studio (headless Chromium compositor) is
 * given an ffmpeg_source with is_local_file false over obs-websocket-js and streams its program to
 * a second loopback nginx-rtmp, whose frames are decoded and read.
 *
 * - Bad URLs are refused on CreateInput and SetInputSettings with what to change.
 * - The source's colour shows in its place on program, beside a colour source, and through a
 *   colour filter while it has one.
 * - The source's server is killed: GetMediaInputStatus says buffering ("reconnecting…"), the
 *   no-signal card takes the source's place, and the received program keeps advancing.
 * - A server and a publisher (another colour) come back on the same port: the new picture returns
 *   by itself.
 * - The stream key is in no FFmpeg's argv and in none of the studio's output.
 * Needs `npx electron-vite build` first (npm test runs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket, { EventSubscription, OBSWebSocketError } from 'obs-websocket-js';
import { grabAudioPcm, grabFrameRgb, startNginxRtmp, toneStrength, type NginxRtmp } from '../harness';
import { colourName, pixel } from '../harness/clips';
import { listFfmpegChildren, listFfmpegProcesses } from '../harness/procs';
import { publishTestStream, type Publisher } from '../harness/publisher';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { suiteResources } from '../harness/suite';
import type { StudioEvent } from '../../src/shared';

/** Received program, scaled down: the 1280×720 canvas as 64×36. */
const W = 64;
const H = 36;
/** The source (320×180 at scale 2) fills the top-left quarter; the backdrop the rest. */
const SOURCE_AT: [number, number] = [16, 9];
const CARD_AT: [number, number] = [4, 4];
const BACKDROP_AT: [number, number] = [48, 27];
const KEY = 'netsrc-key-5d1e8b2a';
const CARD_RGB = [0x1c, 0x1f, 0x26];

const res = suiteResources();
let out: NginxRtmp;
let src: NginxRtmp;
let server: StudioServer;
let studio: StudioClient;
let obs: OBSWebSocket;
const publishers: Publisher[] = [];
const servers: NginxRtmp[] = [];

beforeAll(async () => {
  out = await startNginxRtmp();
  src = await startNginxRtmp();
  servers.push(out, src);
  server = await startStudioServer({ headless: true });
  studio = await connectStudio(server);
  const info = await studio.must('remote.info', {});
  await studio.must('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${out.port}/live`, key: 'program', enabled: true });
  obs = new OBSWebSocket();
  await obs.connect(info.url!, info.password!, { eventSubscriptions: EventSubscription.All });
  // The studio's start-up checks of FFmpeg (-version, encoder probes) are done before any test.
  await until('start-up FFmpeg checks done', async () => listFfmpegChildren().length, (n) => n === 0);
}, 120_000);

afterAll(async () => {
  await obs?.disconnect();
  studio?.close();
  await server?.stop();
  for (const s of servers) await s.stop();
});

async function until<T>(what: string, get: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await get();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; last: ${JSON.stringify(last)}\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const program = (): Promise<Buffer> => grabFrameRgb(out.url('program'), { width: W, height: H, skipMs: 300 });
const at = (f: Buffer, [x, y]: [number, number]): number[] => [...pixel(f, W, x, y)];
const near = (got: number[], want: number[], tol = 24): boolean => got.every((v, i) => Math.abs(v - want[i]!) <= tol);
const status = (inputName: string) => obs.call('GetMediaInputStatus', { inputName });
const streamFrames = async (): Promise<number> => (await obs.call('GetStreamStatus')).outputTotalFrames;

async function refused(call: () => Promise<unknown>): Promise<OBSWebSocketError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof OBSWebSocketError) return error;
    throw error;
  }
  throw new Error('the request was accepted');
}

describe('network stream source (ffmpeg_source, is_local_file false)', () => {
  it('refuses URLs it cannot pull, on CreateInput and SetInputSettings, saying what to use', async () => {
    const sceneName = 'Bad URLs';
    await obs.call('CreateScene', { sceneName });
    const garbage = await refused(() =>
      obs.call('CreateInput', { sceneName, inputName: 'Garbage', inputKind: 'ffmpeg_source', inputSettings: { is_local_file: false, input: 'not a url' } }),
    );
    expect(garbage.code).toBe(400);
    expect(garbage.message).toMatch(/not a URL.*rtmp:\/\/, rtmps:\/\/, srt:\/\//);
    const ftp = await refused(() =>
      obs.call('CreateInput', { sceneName, inputName: 'Ftp', inputKind: 'ffmpeg_source', inputSettings: { is_local_file: false, input: 'ftp://example.com/live.ts' } }),
    );
    expect(ftp.message).toMatch(/ftp:\/\/, which the studio does not pull/);
    expect((await obs.call('GetInputList')).inputs.map((i) => i.inputName)).not.toContain('Ftp');

    await obs.call('CreateInput', { sceneName, inputName: 'Later', inputKind: 'ffmpeg_source', inputSettings: { is_local_file: false, input: '' } });
    const set = await refused(() => obs.call('SetInputSettings', { inputName: 'Later', inputSettings: { input: 'rtmp://' } }));
    expect(set.message).toMatch(/Input \(URL\)/);
    expect((await obs.call('GetInputSettings', { inputName: 'Later' })).inputSettings).toMatchObject({ input: '' });
    await obs.call('RemoveInput', { inputName: 'Later' });
  }, 60_000);

  it('shows the pulled stream on program, the no-signal card while its server is down, and the picture again when it returns', async () => {
    publishers.push(publishTestStream(src.url(KEY), { colour: 'blue' }));
    res.onCleanup(async () => {
      for (const p of publishers) await p.stop();
    });
    const sceneName = 'Network';
    await obs.call('CreateScene', { sceneName });
    await obs.call('SetCurrentProgramScene', { sceneName });
    await obs.call('CreateInput', { sceneName, inputName: 'Backdrop', inputKind: 'color_source_v3', inputSettings: { color: 0xff00ff00 } });
    const { sceneItemId } = await obs.call('CreateInput', {
      sceneName,
      inputName: 'Remote cam',
      inputKind: 'ffmpeg_source',
      inputSettings: { is_local_file: false, input: src.url(KEY), reconnect_delay_sec: 2 },
    });
    // Removing the input stops its pull: no FFmpeg outlives the test.
    res.onCleanup(async () => {
      await obs.call('RemoveInput', { inputName: 'Remote cam' });
      await until('the pull ended', async () => listFfmpegProcesses('-f concat').length, (n) => n === 0, 20_000);
    });
    await obs.call('SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: { scaleX: 2, scaleY: 2 } });
    await until('playing', () => status('Remote cam'), (s) => s.mediaState === 'OBS_MEDIA_STATE_PLAYING');

    await studio.must('stream.start', {});
    res.onCleanup(async () => {
      if ((await studio.call('stream.stop', {})).ok) await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 20_000);
    });
    await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'live', 30_000);

    const live = await until('the stream on program', program, (f) => colourName(pixel(f, W, ...SOURCE_AT)) === 'blue');
    expect(colourName(pixel(live, W, ...BACKDROP_AT)), `backdrop ${at(live, BACKDROP_AT)}`).toBe('green');
    // Its sound reaches the program too: the publisher's 440 Hz tone dominates the received audio.
    const pcm = await grabAudioPcm(out.url('program'), 2);
    expect(toneStrength(pcm, 440), 'the 440 Hz tone against 1 kHz').toBeGreaterThan(10 * toneStrength(pcm, 1000));

    // Through a filter: its picture goes to the filter chain directly (and, where frames come as
    // YUV planes, the grade runs in their conversion). Blue's blue taken out and yellow added: yellow.
    await obs.call('CreateSourceFilter', {
      sourceName: 'Remote cam',
      filterName: 'Yellow',
      filterKind: 'color_filter_v2',
      filterSettings: { color_multiply: 0xff00ffff, color_add: 0xff00ffff },
    });
    const graded = await until('the graded stream on program', program, (f) => colourName(pixel(f, W, ...SOURCE_AT)) === 'yellow');
    expect(colourName(pixel(graded, W, ...BACKDROP_AT)), 'the backdrop is not graded').toBe('green');
    await obs.call('RemoveSourceFilter', { sourceName: 'Remote cam', filterName: 'Yellow' });
    await until('the stream as it is again', program, (f) => colourName(pixel(f, W, ...SOURCE_AT)) === 'blue');

    // The key stays out of every FFmpeg's argv (the studio's pull reads it from a descriptor).
    const pulls = listFfmpegProcesses('-f concat');
    expect(pulls.length, 'the pulling FFmpeg').toBeGreaterThanOrEqual(1);
    for (const p of pulls) expect(p.cmdline).not.toContain(KEY);

    // The source's server dies (the publisher with it): reconnecting, the card, program goes on.
    const port = src.port;
    src.kill();
    await src.stop();
    for (const p of publishers.splice(0)) await p.stop();
    const down = await until('buffering while it reconnects', () => status('Remote cam'), (s) => s.mediaState === 'OBS_MEDIA_STATE_BUFFERING');
    expect(down.mediaDuration).toBeNull();
    const card = await until('the no-signal card on program', program, (f) => near(at(f, CARD_AT), CARD_RGB));
    expect(colourName(pixel(card, W, ...BACKDROP_AT)), 'the backdrop still draws').toBe('green');
    const before = await streamFrames();
    await until('program advancing while the source is down', streamFrames, (n) => n >= before + 60);
    const still = await program();
    expect(near(at(still, CARD_AT), CARD_RGB), `card ${at(still, CARD_AT)}`).toBe(true);
    expect(colourName(pixel(still, W, ...BACKDROP_AT))).toBe('green');

    // A server and a publisher (red now) come back on the same port: the picture returns by itself.
    src = await startNginxRtmp({ port });
    servers.push(src);
    publishers.push(publishTestStream(src.url(KEY), { colour: 'red' }));
    await until('the new picture on program', program, (f) => colourName(pixel(f, W, ...SOURCE_AT)) === 'red', 90_000);
    await until('playing again', () => status('Remote cam'), (s) => s.mediaState === 'OBS_MEDIA_STATE_PLAYING');

    expect(server.output()).not.toContain(KEY);
  }, 240_000);
});
