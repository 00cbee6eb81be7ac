/**
 * ffmpeg_source end to end with real parts: a clip made by FFmpeg (one solid colour per second and
 * a 1 kHz tone) is created over obs-websocket-js in server mode, played by the headless Chromium
 * compositor's <video>, streamed to a loopback nginx-rtmp, and read back: the received frames show
 * the colours in order and loop with no black frame between; pause, seek and play over
 * obs-websocket change what arrives; the tone is in the received audio; a file Chromium cannot
 * decode is named with its codec; a missing file draws the "no signal" card while another item
 * still draws. Needs `npx electron-vite build` first (npm test runs it).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket, { EventSubscription } from 'obs-websocket-js';
import { grabAudioPcm, grabFrameRgb, startNginxRtmp, toneStrength, type NginxRtmp } from '../harness';
import { CLIP_COLOURS, colourName, decodeTinyFrames, makeColourClip, pixel, runs } from '../harness/clips';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { suiteResources } from '../harness/suite';
import type { StudioEvent } from '../../src/shared';

const W = 1280;
const H = 720;
const TW = 16;
const TH = 9;
const res = suiteResources();

let nginx: NginxRtmp;
let server: StudioServer;
let studio: StudioClient;
let obs: OBSWebSocket;
let clip: string;
let dir: string;
const obsEvents: { type: string; data: Record<string, unknown> }[] = [];

beforeAll(async () => {
  dir = res.temp('media-source-');
  clip = path.join(dir, 'colours.mp4');
  await makeColourClip(clip);
  nginx = await startNginxRtmp();
  server = await startStudioServer({ headless: true });
  studio = await connectStudio(server);
  const info = await studio.must('remote.info', {});
  await studio.must('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: 'media', enabled: true });
  obs = new OBSWebSocket();
  await obs.connect(info.url!, info.password!, { eventSubscriptions: EventSubscription.All });
  for (const type of ['MediaInputPlaybackStarted', 'MediaInputPlaybackEnded', 'MediaInputActionTriggered'] as const) {
    obs.on(type, (data) => obsEvents.push({ type, data: data as Record<string, unknown> }));
  }
}, 120_000);

afterAll(async () => {
  await obs?.disconnect();
  studio?.close();
  await server?.stop();
  await nginx?.stop();
});

/** Waits until `check` holds, polling; the message says what never happened. */
async function until<T>(what: string, get: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await get();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; last: ${JSON.stringify(last)}\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const status = (inputName: string) => obs.call('GetMediaInputStatus', { inputName });
/** The colour at the centre of the received picture, from `seconds` of stream. */
const colours = async (seconds: number): Promise<string[]> =>
  (await decodeTinyFrames(nginx.url('media'), seconds, { width: TW, height: TH })).map((f) => colourName(pixel(f, TW, TW / 2, TH / 2)));

describe('ffmpeg_source (server mode, headless Chromium, obs-websocket-js)', () => {
  it('plays a local file into the program: colours in order, a seamless loop, pause, seek, play, its sound', async () => {
    const sceneName = 'Media';
    await obs.call('CreateScene', { sceneName });
    await obs.call('SetCurrentProgramScene', { sceneName });
    const { sceneItemId, inputUuid } = await obs.call('CreateInput', {
      sceneName,
      inputName: 'Clip',
      inputKind: 'ffmpeg_source',
      inputSettings: { local_file: clip, looping: true },
    });
    // The 640×360 clip fills the 1280×720 canvas.
    await obs.call('SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: { scaleX: 2, scaleY: 2 } });

    const started = await until('MediaInputPlaybackStarted', async () => obsEvents, (e) => e.some((x) => x.type === 'MediaInputPlaybackStarted'));
    expect(started.find((x) => x.type === 'MediaInputPlaybackStarted')?.data).toMatchObject({ inputName: 'Clip', inputUuid });
    const playing = await until('playing', () => status('Clip'), (s) => s.mediaState === 'OBS_MEDIA_STATE_PLAYING' && s.mediaDuration !== null);
    expect(playing.mediaDuration).toBeGreaterThanOrEqual(3900);
    expect(playing.mediaDuration).toBeLessThanOrEqual(4100);

    await studio.must('stream.start', {});
    res.onCleanup(async () => {
      if ((await studio.call('stream.stop', {})).ok) await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 20_000);
    });
    await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'live', 30_000);

    // 10 s of received video: 2½ passes over the 4 s loop. The first half second is left out:
    // a reader that joins a live stream mid-GOP decodes a few broken frames.
    const seen = (await colours(10)).slice(15);
    expect(seen.length, 'frames received').toBeGreaterThanOrEqual(200);
    const r = runs(seen);
    expect(seen.filter((c) => c === 'other').length, `frames that are none of the clip's colours: ${JSON.stringify(r)}`).toBe(0);
    // Those pictures came the cheap way: the decoder's YUV planes, converted on the GPU (the
    // element's way costs a core at 1080p in software GL; see docs/PERFORMANCE.md).
    const log = readFileSync(path.join(server.dataDir, 'logs', 'studio.log'), 'utf8');
    expect(log, "how the clip's frames reach the GPU").toContain('Media \\"Clip\\": frames are read as YUV planes and converted on the GPU.');
    const names = CLIP_COLOURS.map((c) => c.name);
    // Each colour is followed by a later one of the clip, and yellow by red again (the loop). A
    // loaded machine may stall the compositor past a whole colour while the player keeps wall-clock
    // time, so a skipped colour is allowed; going back, or any frame that is not the clip's, is not.
    let wraps = 0;
    for (let i = 1; i < r.length; i++) {
      const step = (names.indexOf(r[i]![0]) - names.indexOf(r[i - 1]![0]) + names.length) % names.length;
      expect(step, `run ${i} of ${JSON.stringify(r)}`).toBeGreaterThan(0);
      if (names.indexOf(r[i]![0]) < names.indexOf(r[i - 1]![0])) wraps++;
    }
    expect(wraps, `the loop wrapped with no other frame between: ${JSON.stringify(r)}`).toBeGreaterThanOrEqual(1);

    // Its sound reaches the program: the clip's 1 kHz tone dominates the received audio.
    const pcm = await grabAudioPcm(nginx.url('media'), 2);
    let sum = 0;
    for (const v of pcm) sum += v * v;
    expect(Math.sqrt(sum / pcm.length), 'audio RMS').toBeGreaterThan(500);
    expect(toneStrength(pcm, 1000)).toBeGreaterThan(10 * toneStrength(pcm, 440));

    // Pause: the picture holds one colour, and the cursor stops. A reader joins the live stream at
    // its last keyframe, so wait until what arrives has held still before judging 3 s of it.
    await obs.call('TriggerMediaInputAction', { inputName: 'Clip', mediaAction: 'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PAUSE' });
    await until('paused', () => status('Clip'), (s) => s.mediaState === 'OBS_MEDIA_STATE_PAUSED');
    const still = await until('the received picture holds still', () => colours(1.5), (c) => c.length > 0 && new Set(c).size === 1);
    const paused = await status('Clip');
    const held = await colours(3);
    expect(new Set(held), `frames after the pause: ${JSON.stringify(runs(held))}`).toEqual(new Set([still[0]]));
    expect((await status('Clip')).mediaCursor).toBe(paused.mediaCursor);

    // Seek while paused, two colours on: the picture changes to that second's colour.
    const at = names.indexOf(held[0]!);
    const target = (at + 2) % names.length;
    await obs.call('SetMediaInputCursor', { inputName: 'Clip', mediaCursor: target * 1000 + 500 });
    const cursor = await until('cursor moved', () => status('Clip'), (s) => Math.abs((s.mediaCursor ?? 0) - (target * 1000 + 500)) <= 100);
    expect(cursor.mediaState).toBe('OBS_MEDIA_STATE_PAUSED');
    await until(`${names[target]} on the received picture`, () => colours(1), (c) => c.length > 0 && c.every((x) => x === names[target]));

    // Play again: colours move on.
    await obs.call('TriggerMediaInputAction', { inputName: 'Clip', mediaAction: 'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PLAY' });
    await until('playing again', () => status('Clip'), (s) => s.mediaState === 'OBS_MEDIA_STATE_PLAYING');
    await until('the received picture moves on', () => colours(2), (c) => new Set(c).size >= 2);
    const actions = obsEvents.filter((e) => e.type === 'MediaInputActionTriggered').map((e) => e.data.mediaAction);
    expect(actions).toEqual(['OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PAUSE', 'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PLAY']);

    // Without looping the clip ends: MediaInputPlaybackEnded, and the state says so.
    await obs.call('SetInputSettings', { inputName: 'Clip', inputSettings: { looping: false } });
    await until('MediaInputPlaybackEnded', async () => obsEvents, (e) => e.some((x) => x.type === 'MediaInputPlaybackEnded'), 15_000);
    expect((await status('Clip')).mediaState).toBe('OBS_MEDIA_STATE_ENDED');
  }, 180_000);

  it('names the codec a file uses when the compositor cannot decode it; a missing file draws "no signal" beside a live item and recovers by itself', async () => {
    const unplayable = path.join(dir, 'mpeg4-part2.mp4');
    await makeColourClip(unplayable, { codec: 'mpeg4' });
    const later = path.join(dir, 'arrives-later.mp4');
    const sceneName = 'Broken';
    await obs.call('CreateScene', { sceneName });
    await obs.call('SetCurrentProgramScene', { sceneName });
    await obs.call('CreateInput', { sceneName, inputName: 'Backdrop', inputKind: 'color_source_v3', inputSettings: { color: 0xff00ff00 } });

    const named = studio.waitFor((e: StudioEvent) => e.type === 'notice' && e.data.message.includes('Unplayable'), 30_000);
    const u = await obs.call('CreateInput', { sceneName, inputName: 'Unplayable', inputKind: 'ffmpeg_source', inputSettings: { local_file: unplayable } });
    const notice = await named;
    expect(notice.type === 'notice' && notice.data.message).toMatch(/video codec mpeg4 cannot be decoded/);
    await until('an error state', () => status('Unplayable'), (s) => s.mediaState === 'OBS_MEDIA_STATE_ERROR');
    await obs.call('SetSceneItemEnabled', { sceneName, sceneItemId: u.sceneItemId, sceneItemEnabled: false });

    // No file yet: the source takes the canvas size with its card, here scaled to the top-left quarter.
    const missing = await obs.call('CreateInput', { sceneName, inputName: 'Missing', inputKind: 'ffmpeg_source', inputSettings: { local_file: later, looping: true } });
    await obs.call('SetSceneItemTransform', { sceneName, sceneItemId: missing.sceneItemId, sceneItemTransform: { scaleX: 0.5, scaleY: 0.5 } });
    await until('an error state', () => status('Missing'), (s) => s.mediaState === 'OBS_MEDIA_STATE_ERROR');

    await studio.must('stream.start', {});
    res.onCleanup(async () => {
      if ((await studio.call('stream.stop', {})).ok) await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 20_000);
    });
    await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'live', 30_000);

    const near = (got: number[], want: number[], tol = 24): boolean => got.every((v, i) => Math.abs(v - want[i]!) <= tol);
    const at = (frame: Buffer, x: number, y: number): number[] => [...pixel(frame, W, x, y)];
    const frame = await until(
      'the card on program',
      () => grabFrameRgb(nginx.url('media'), { width: W, height: H, skipMs: 500 }),
      (f) => near(at(f, 40, 40), [0x1c, 0x1f, 0x26]),
    );
    // The card's words are there, and the other item still draws beside it.
    let bright = 0;
    for (let y = 0; y < 360; y += 2) for (let x = 0; x < 640; x += 2) if (at(frame, x, y).every((v) => v > 150)) bright++;
    expect(bright, 'light text pixels on the card').toBeGreaterThan(100);
    expect(near(at(frame, 960, 540), [0, 255, 0]), `backdrop ${at(frame, 960, 540)}`).toBe(true);
    expect(near(at(frame, 960, 100), [0, 255, 0]), `backdrop ${at(frame, 960, 100)}`).toBe(true);

    // The file arrives: the source finds it by itself and plays (the clip is 640×360 at scale ½).
    copyFileSync(clip, later);
    await until(
      'the clip in place of the card',
      () => grabFrameRgb(nginx.url('media'), { width: W, height: H, skipMs: 500 }),
      (f) => colourName(pixel(f, W, 100, 60)) !== 'other',
      45_000,
    );
    await until('playing', () => status('Missing'), (s) => s.mediaState === 'OBS_MEDIA_STATE_PLAYING');
  }, 180_000);

  it('plays a slideshow of images in order, and its media controls (pause, next, previous) reach the picture', async () => {
    const slides = ['red', 'green', 'blue'];
    const files: { value: string }[] = [];
    for (const name of slides) {
      const file = path.join(dir, `${name}.png`);
      const ffmpegColour = CLIP_COLOURS.find((c) => c.name === name)!.ffmpeg;
      await makeStill(file, ffmpegColour);
      files.push({ value: file });
    }
    const sceneName = 'Slides';
    await obs.call('CreateScene', { sceneName });
    await obs.call('SetCurrentProgramScene', { sceneName });
    const { sceneItemId } = await obs.call('CreateInput', { sceneName, inputName: 'Show', inputKind: 'slideshow', inputSettings: { files, slide_time: 700 } });
    await obs.call('SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: { scaleX: 4, scaleY: 4 } });

    await studio.must('stream.start', {});
    res.onCleanup(async () => {
      if ((await studio.call('stream.stop', {})).ok) await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 20_000);
    });
    await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'live', 30_000);

    // The slides follow each other in order and wrap (a stalled compositor may skip one). What
    // arrives before the first slide (a loaded machine may take longer than 15 frames) is not a slide.
    const all = await colours(6);
    const seen = all.slice(Math.max(15, all.findIndex((c) => slides.includes(c))));
    const r = runs(seen);
    expect(seen.filter((c) => c === 'other').length, JSON.stringify(r)).toBe(0);
    expect(new Set(seen), JSON.stringify(r)).toEqual(new Set(slides));
    for (let i = 1; i < r.length; i++) {
      const step = (slides.indexOf(r[i]![0]) - slides.indexOf(r[i - 1]![0]) + slides.length) % slides.length;
      expect(step, `run ${i} of ${JSON.stringify(r)}`).toBeGreaterThan(0);
    }

    // Paused, it holds a slide; next and previous move from it. The slide on show is read from a
    // screenshot of the source itself, then looked for in what arrives.
    await obs.call('TriggerMediaInputAction', { inputName: 'Show', mediaAction: 'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PAUSE' });
    await until('paused', () => status('Show'), (s) => s.mediaState === 'OBS_MEDIA_STATE_PAUSED');
    const held = await shotColour('Show');
    await until(`the held slide (${held})`, () => colours(1.5), (c) => c.length > 0 && c.every((x) => x === held));
    const at = slides.indexOf(held);
    await obs.call('TriggerMediaInputAction', { inputName: 'Show', mediaAction: 'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_NEXT' });
    const next = slides[(at + 1) % slides.length]!;
    await until(`the next slide (${next}) in the source`, () => shotColour('Show'), (c) => c === next);
    await until(`the next slide (${next}) on program`, () => colours(1.5), (c) => c.length > 0 && c.every((x) => x === next));
    await obs.call('TriggerMediaInputAction', { inputName: 'Show', mediaAction: 'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PREVIOUS' });
    await until(`the previous slide (${held}) in the source`, () => shotColour('Show'), (c) => c === held);
    await until(`the previous slide (${held}) on program`, () => colours(1.5), (c) => c.length > 0 && c.every((x) => x === held));
  }, 180_000);
});

/** The colour at the centre of a screenshot of one source (decoded by FFmpeg). */
async function shotColour(sourceName: string): Promise<string> {
  const shot = await obs.call('GetSourceScreenshot', { sourceName, imageFormat: 'png', imageWidth: 16, imageHeight: 9 });
  const png = Buffer.from(shot.imageData.slice(shot.imageData.indexOf(',') + 1), 'base64');
  const rgb = await new Promise<Buffer>((resolve, reject) => {
    const child = execFile('ffmpeg', ['-v', 'error', '-f', 'png_pipe', '-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { encoding: 'buffer' }, (err, out) =>
      err ? reject(err) : resolve(out),
    );
    child.stdin?.end(png);
  });
  return colourName(pixel(rgb, 16, 8, 4));
}

/** A 320×180 PNG of one FFmpeg colour. */
function makeStill(file: string, colour: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${colour}:s=320x180`, '-frames:v', '1', file], (err) => (err ? reject(err) : resolve()));
  });
}
