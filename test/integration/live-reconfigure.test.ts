/**
 * Live reconfiguration (issue 12, the seed's "dynamic configuration"), against real parts: the
 * StreamOutput's real FFmpeg encoders and pushers → nginx-rtmp, whose on_publish counts every
 * publish, and FFmpeg readers that copy what each destination received into a file. While live,
 * the bitrate and output size change and a destination's rendition changes; the received streams
 * must show the new size and rate, no gap longer than one GOP, and exactly one publish per
 * destination (nobody reconnected).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ffprobeJson, listFfmpegChildren, startNginxRtmp, type NginxRtmp } from '../harness';
import { callVendor, refused, startInProcessRemote, type VendorData } from '../harness/in-process-remote';
import { startAuthEndpoint, type AuthEndpoint } from '../harness/auth-endpoint';
import { largestGap, packetTimes, recordStream, type StreamRecorder } from '../harness/stream-recorder';
import { RIG_ENCODER, RIG_VIDEO, destIs, outputRig, type Rig } from '../harness/output-rig';

/** The rig's keyframe interval, in seconds: the longest gap a destination may see. */
const GOP_SEC = RIG_ENCODER.keyframeIntervalSec;
const KEYS = ['rc-a', 'rc-b', 'rc-c', 'rc-d', 'rc-e', 'rs-a', 'rs-b'];

const temps: string[] = [];
let auth: AuthEndpoint;
let server: NginxRtmp;
beforeAll(async () => {
  auth = await startAuthEndpoint(KEYS);
  server = await startNginxRtmp({ onPublishPort: auth.port });
});
afterAll(async () => {
  await server?.stop();
  await auth?.close();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await expect.poll(() => listFfmpegChildren(), { timeout: 30_000, message: 'no FFmpeg outlives a test' }).toEqual([]);
});

function rig(): Rig {
  const r = outputRig();
  cleanups.push(() => r.dispose());
  return r;
}

async function recorder(key: string): Promise<StreamRecorder> {
  const dir = mkdtempSync(path.join(tmpdir(), 'reconf-'));
  temps.push(dir);
  const rec = await recordStream(server.url(key), path.join(dir, `${key}.ts`));
  cleanups.push(() => rec.stop());
  return rec;
}

interface Row {
  t: number;
  a: number;
  b: number;
}

/** ffprobe's csv rows of `entries` for the video stream: [time, x, y] numbers per packet or frame. */
function probeRows(file: string, section: 'packet' | 'frame', entries: string): Promise<Row[]> {
  const args = ['-v', 'error', '-select_streams', 'v', '-show_entries', `${section}=${entries}`, '-of', 'csv=p=0', file];
  return new Promise((resolve, reject) => {
    execFile('ffprobe', args, { maxBuffer: 64 << 20 }, (error, stdout) => {
      if (error) return reject(error);
      const rows = stdout
        .split('\n')
        .map((line) => line.split(',').map((f) => Number(f.trim())))
        .filter((f) => f.length >= 2 && f.every(Number.isFinite))
        .map(([t, a, b]) => ({ t: t!, a: a!, b: b ?? 0 }));
      resolve(rows);
    });
  });
}

/** Seconds of video the reader has written so far. */
async function mediaSeconds(rec: StreamRecorder): Promise<number> {
  const times = await packetTimes(rec.file).catch(() => []);
  return times.length < 2 ? 0 : Math.max(...times) - Math.min(...times);
}

/** Decoded frame sizes over time; where the size first became `width`. */
async function sizeChange(file: string, from: number, to: number): Promise<{ at: number; before: number; after: number; back: number }> {
  // frame=pts_time,width,height decodes every frame: the size is what a viewer's decoder saw.
  const frames = await probeRows(file, 'frame', 'pts_time,width,height');
  const at = frames.findIndex((f) => f.a === to);
  return {
    at: at < 0 ? NaN : frames[at]!.t,
    before: frames.slice(0, Math.max(0, at)).filter((f) => f.a === from).length,
    after: at < 0 ? 0 : frames.slice(at).filter((f) => f.a === to).length,
    // Frames of the old size after the change: none may come back.
    back: at < 0 ? 0 : frames.slice(at).filter((f) => f.a !== to).length,
  };
}

/** Video bytes per second over [from, to) seconds of media. */
async function kbpsBetween(file: string, from: number, to: number): Promise<number> {
  const packets = await probeRows(file, 'packet', 'pts_time,size');
  const bytes = packets.filter((p) => p.t >= from && p.t < to).reduce((n, p) => n + p.a, 0);
  return (bytes * 8) / 1000 / (to - from);
}

describe('live reconfiguration: settings change while every destination stays connected', () => {
  it('bitrate and output size change on the main encoding, then a destination moves to a new rendition, with no reconnect and no gap over one GOP', async () => {
    const r = rig();
    await r.start(
      [
        { id: 'a', name: 'Main', url: server.url('rc-a') },
        { id: 'b', name: 'Small', url: server.url('rc-b'), rendition: { width: 320, bitrateKbps: 300 } },
      ],
      { bitrateKbps: 800 },
    );
    await r.waitFor(destIs('a', 'live'), 30_000, 'a live');
    await r.waitFor(destIs('b', 'live'), 30_000, 'b live');
    const [recA, recB] = await Promise.all([recorder('rc-a'), recorder('rc-b')]);
    await expect.poll(() => mediaSeconds(recA), { timeout: 60_000 }).toBeGreaterThan(3);

    // 1. Main encoding: 640x360 at 800 kb/s → 480x270 at 2000 kb/s, live.
    const changed = await r.out.reconfigure({
      video: { ...RIG_VIDEO, outputWidth: 480, outputHeight: 270 },
      encoder: { ...RIG_ENCODER, bitrateKbps: 2000 },
    });
    expect(changed).toEqual({ ok: true, value: null });
    const atA = await mediaSeconds(recA);
    await expect.poll(() => mediaSeconds(recA), { timeout: 60_000 }).toBeGreaterThan(atA + 4);

    // 2. Destination b: its rendition 320 wide at 300 kb/s → 480 wide at 700 kb/s, live.
    expect(r.out.updateDestination('b', { rendition: { width: 480, bitrateKbps: 700 } })).toEqual({ ok: true, value: null });
    const atB = await mediaSeconds(recB);
    await expect.poll(() => mediaSeconds(recB), { timeout: 60_000 }).toBeGreaterThan(atB + 4);
    // The encoding b left is stopped once nobody reads it; the main and b's new one remain.
    await expect.poll(() => r.out.diagnostics().encoders.sort(), { timeout: 30_000 }).toEqual(['480x270@700k', 'main']);

    await Promise.all([recA.stop(), recB.stop()]);
    expect(await r.out.stop()).toEqual({ ok: true, value: null });

    // Nobody reconnected: one publish each.
    expect(auth.attempts('rc-a')).toBe(1);
    expect(auth.attempts('rc-b')).toBe(1);
    expect(r.states('a').filter((s) => s === 'reconnecting')).toEqual([]);
    expect(r.states('b').filter((s) => s === 'reconnecting')).toEqual([]);

    for (const rec of [recA, recB]) {
      const video = await packetTimes(rec.file);
      const audio = await packetTimes(rec.file, 'a');
      expect(largestGap(video), `largest video gap in ${rec.file}`).toBeLessThanOrEqual(GOP_SEC + 0.05);
      expect(largestGap(audio), `largest audio gap in ${rec.file}`).toBeLessThanOrEqual(GOP_SEC + 0.05);
    }

    // The new size arrived, and stayed.
    const a = await sizeChange(recA.file, 640, 480);
    expect(a.before).toBeGreaterThan(30);
    expect(a.after).toBeGreaterThan(60);
    expect(a.back).toBe(0);
    const b = await sizeChange(recB.file, 320, 480);
    expect(b.before).toBeGreaterThan(30);
    expect(b.after).toBeGreaterThan(60);
    expect(b.back).toBe(0);

    // The new bitrate arrived (CBR with filler: the received rate follows the setting).
    const aBefore = await kbpsBetween(recA.file, a.at - 2.5, a.at - 0.5);
    const aAfter = await kbpsBetween(recA.file, a.at + 1, a.at + 3);
    expect(aAfter / aBefore, `main: ${aBefore.toFixed(0)} → ${aAfter.toFixed(0)} kb/s`).toBeGreaterThan(1.8);
    const bBefore = await kbpsBetween(recB.file, b.at - 2.5, b.at - 0.5);
    const bAfter = await kbpsBetween(recB.file, b.at + 1, b.at + 3);
    expect(bAfter / bBefore, `rendition: ${bBefore.toFixed(0)} → ${bAfter.toFixed(0)} kb/s`).toBeGreaterThan(1.6);
  });

  it('the audio-only switch stops the pictures and brings them back on the same connection, in step with the sound, also on a connection opened audio-only', async () => {
    const r = rig();
    await r.start([
      { id: 'c', name: 'Video', url: server.url('rc-c') },
      { id: 'd', name: 'Switching', url: server.url('rc-d') },
      { id: 'e', name: 'Radio', url: server.url('rc-e'), audioOnly: true },
    ]);
    for (const id of ['c', 'd', 'e']) await r.waitFor(destIs(id, 'live'), 30_000, `${id} live`);
    const [recC, recD] = await Promise.all([recorder('rc-c'), recorder('rc-d')]);
    await expect.poll(() => mediaSeconds(recD), { timeout: 60_000 }).toBeGreaterThan(2);
    const last = async (file: string, kind: 'v' | 'a'): Promise<number> => Math.max(...(await packetTimes(file, kind).catch(() => [0])));

    // d: sound only, on the same connection; its sound goes on well past its last picture.
    expect(r.out.updateDestination('d', { audioOnly: true })).toEqual({ ok: true, value: null });
    const videoStop = await last(recD.file, 'v');
    await expect.poll(() => last(recD.file, 'a'), { timeout: 60_000 }).toBeGreaterThan(videoStop + 4);
    // d: pictures again, from a keyframe, still the same connection.
    expect(r.out.updateDestination('d', { audioOnly: false })).toEqual({ ok: true, value: null });
    // Where the sound was at the switch back, and where c's pictures were (the same encoder's video;
    // under load it runs seconds behind the sound, and d's next keyframe comes from that video).
    const [audioAt, videoAtC] = await Promise.all([last(recD.file, 'a'), last(recC.file, 'v')]);
    await expect.poll(() => last(recD.file, 'v'), { timeout: 60_000 }).toBeGreaterThan(audioAt + 2);

    // e was opened audio-only: its connection declared a video track all along, so pictures come
    // on the same connection (nginx-rtmp holds a player until pictures arrive: this one plays then).
    expect(r.out.updateDestination('e', { audioOnly: false })).toEqual({ ok: true, value: null });
    const recE = await recorder('rc-e');
    await expect.poll(async () => (await packetTimes(recE.file, 'v').catch(() => [])).length, { timeout: 60_000 }).toBeGreaterThan(30);
    expect((await packetTimes(recE.file, 'a')).length).toBeGreaterThan(30);

    await Promise.all([recC.stop(), recD.stop(), recE.stop()]);
    expect(await r.out.stop()).toEqual({ ok: true, value: null });
    expect(auth.attempts('rc-c')).toBe(1);
    expect(auth.attempts('rc-d')).toBe(1);
    expect(auth.attempts('rc-e')).toBe(1);
    expect(r.states('e').filter((s) => s === 'reconnecting')).toEqual([]);
    expect(largestGap(await packetTimes(recC.file))).toBeLessThanOrEqual(GOP_SEC + 0.05);
    // d's sound never paused; its pictures paused exactly while it sent sound only, on the sound's
    // timeline: the first picture after the pause is no earlier than the sound at the switch back,
    // or than the pictures the encoder had made by then.
    const video = (await packetTimes(recD.file, 'v')).sort((x, y) => x - y);
    expect(largestGap(await packetTimes(recD.file, 'a'))).toBeLessThanOrEqual(GOP_SEC + 0.05);
    const pause = video.findIndex((t, i) => i > 0 && t - video[i - 1]! > 2);
    expect(pause, `a pause in the pictures: ${largestGap(video).toFixed(2)} s at most`).toBeGreaterThan(0);
    expect(video[pause - 1]!).toBeLessThanOrEqual(videoStop + GOP_SEC);
    expect(video[pause]!, `sound at the switch back ${audioAt.toFixed(2)} s, c's pictures ${videoAtC.toFixed(2)} s`).toBeGreaterThanOrEqual(Math.min(audioAt, videoAtC) - GOP_SEC);
  });
});

describe('live reconfiguration over obs-websocket: the studio as a whole', () => {
  it('SetVideoSettings (output size), SetEncoderSettings and SetDestinationSettings apply while live; the canvas and the encoder are refused', async () => {
    const remote = await startInProcessRemote({ prefix: 'reconf-', eventSubscriptions: 0, listen: [] });
    cleanups.push(async () => {
      if ((await remote.obs.call('GetStreamStatus')).outputActive) await remote.obs.call('StopStream');
      await remote.close();
    });
    const vendor = <T = Record<string, unknown>>(type: string, data: VendorData = {}): Promise<T> => callVendor<T>(remote.obs, type, data);
    const stateOf = async (destinationId: string): Promise<string> => (await vendor<{ state: string }>('GetDestinationStatus', { destinationId })).state;
    const sizeOf = async (key: string): Promise<string> => {
      const v = (await ffprobeJson(server.url(key))).streams.find((x) => x.codec_type === 'video');
      return `${v?.width}x${v?.height}`;
    };

    await remote.obs.call('SetVideoSettings', { baseWidth: 640, baseHeight: 360, outputWidth: 640, outputHeight: 360, fpsNumerator: 30, fpsDenominator: 1 });
    await vendor('SetEncoderSettings', { encoderSettings: { encoder: 'libx264', preset: 'ultrafast', bitrateKbps: 800, keyframeIntervalSec: 1 } });
    const rtmp = `rtmp://127.0.0.1:${server.port}/live`;
    const { destinationId: a } = await vendor<{ destinationId: string }>('CreateDestination', { name: 'Main', server: rtmp, key: 'rs-a' });
    const { destinationId: b } = await vendor<{ destinationId: string }>('CreateDestination', { name: 'Small', server: rtmp, key: 'rs-b', rendition: { width: 320 } });
    await remote.obs.call('StartStream');
    for (const id of [a, b]) await expect.poll(() => stateOf(id), { timeout: 60_000, interval: 250 }).toBe('live');
    expect(await sizeOf('rs-a')).toBe('640x360');
    expect(await sizeOf('rs-b')).toBe('320x180');

    // What may not change while live is refused, naming what to do.
    const canvas = await refused(remote.obs.call('SetVideoSettings', { baseWidth: 1280, baseHeight: 720 }));
    expect(canvas).toMatchObject({ code: 500 });
    expect(canvas.message).toMatch(/canvas/);
    const swap = await refused(vendor('SetEncoderSettings', { encoderSettings: { encoder: 'h264_nvenc' } }));
    expect(swap).toMatchObject({ code: 500 });
    expect(swap.message).toMatch(/encoder cannot be swapped/);

    // What may, does: the main output shrinks and its bitrate rises; b moves onto the main encoding.
    await remote.obs.call('SetVideoSettings', { outputWidth: 480, outputHeight: 270 });
    const set = await vendor<{ encoderSettings: { bitrateKbps: number } }>('SetEncoderSettings', { encoderSettings: { bitrateKbps: 1500 } });
    expect(set.encoderSettings.bitrateKbps).toBe(1500);
    await vendor('SetDestinationSettings', { destinationId: b, rendition: { width: 480 } });
    expect(await remote.obs.call('GetVideoSettings')).toMatchObject({ baseWidth: 640, outputWidth: 480, outputHeight: 270 });
    await expect.poll(() => sizeOf('rs-a'), { timeout: 60_000 }).toBe('480x270');
    await expect.poll(() => sizeOf('rs-b'), { timeout: 60_000 }).toBe('480x270');
    // b reads the main encoding now: its own encoder is gone (one encoder process left).
    await expect
      .poll(() => listFfmpegChildren().filter((p) => p.cmdline.includes('-f rawvideo')).length, { timeout: 30_000 })
      .toBe(1);
    for (const id of [a, b]) expect(await stateOf(id)).toBe('live');
    expect(auth.attempts('rs-a')).toBe(1);
    expect(auth.attempts('rs-b')).toBe(1);
    await remote.obs.call('StopStream');
  });
});
