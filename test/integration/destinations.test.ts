/**
 * Many destinations at once, against real parts: StreamOutput (and the Studio for the commands)
 * → real FFmpeg encoders and pushers → nginx-rtmp servers and an FFmpeg SRT listener on loopback,
 * read back with ffprobe. Servers are killed (-9), frozen (SIGSTOP) and made to refuse keys
 * (on_publish → a loopback HTTP endpoint answering 403) while the others must carry on untouched.
 * Frames are synthetic NV12 and a tone, sent the way a renderer sends them.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Status, type DestinationState, type EventMap, type StudioEvent } from '../../src/shared';
import type { Logger, Studio } from '../../src/engine/api';
import { PLATFORMS } from '../../src/engine/platforms';
import type { StreamOutputOptions } from '../../src/engine/output/stream-output';
import { createStudio } from '../../src/engine/studio';
import { PRESETS } from '../../src/renderer/features/controls/presets';
import { ffprobeJson, freePort, listFfmpegChildren, startNginxRtmp, type NginxRtmp } from '../harness';
import { startAuthEndpoint } from '../harness/auth-endpoint';
import { largestGap, packetTimes, recordStream, type StreamRecorder } from '../harness/stream-recorder';
import { RIG_ENCODER, RIG_FFMPEG as FFMPEG, RIG_H as H, RIG_VIDEO, RIG_W as W, destIs, outputRig, type Rig } from '../harness/output-rig';
import { systemClock } from '../../src/engine/clock';
import { Recorder } from '../../src/engine/output/recording/recorder';
const RESOURCES = path.resolve(import.meta.dirname, '../../resources');

const temps: string[] = [];
const temp = (prefix: string): string => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

let serverA: NginxRtmp;
let serverB: NginxRtmp;
beforeAll(async () => {
  [serverA, serverB] = await Promise.all([startNginxRtmp(), startNginxRtmp()]);
});
afterAll(async () => {
  await Promise.all([serverA?.stop(), serverB?.stop()]);
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  expect(listFfmpegChildren(), 'no FFmpeg outlives a test').toEqual([]);
});

function rig(opts: Partial<Pick<StreamOutputOptions, 'timing' | 'bufferSeconds'>> = {}): Rig {
  const r = outputRig(opts);
  cleanups.push(() => r.dispose());
  return r;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pushers = (): number => listFfmpegChildren().filter((p) => p.cmdline.includes('-i pipe:0') && p.cmdline.includes('-c copy')).length;
const encoders = (): number => listFfmpegChildren().filter((p) => p.cmdline.includes('-f rawvideo')).length;

async function recorder(url: string, name: string): Promise<StreamRecorder> {
  const rec = await recordStream(url, path.join(temp('dest-rec-'), name));
  cleanups.push(() => rec.stop());
  return rec;
}

function expectVideo(probe: Awaited<ReturnType<typeof ffprobeJson>>, width = W, height = H): void {
  const v = probe.streams.find((s) => s.codec_type === 'video');
  expect(v).toMatchObject({ codec_name: 'h264', width, height });
  expect(v?.r_frame_rate === '30/1' || v?.avg_frame_rate === '30/1', `fps of ${JSON.stringify(v)}`).toBe(true);
}

// ---- the tests -----------------------------------------------------------------------------------

describe('destinations: many at once, encoded once, each failing and healing on its own', () => {
  it('sends one encoding to two RTMP servers and an SRT listener, each with the right codec, size and rate', async () => {
    const srtPort = await freePort();
    const srt = await recorder(`srt://127.0.0.1:${srtPort}?mode=listener`, 'srt.ts');
    const r = rig();
    await r.start([
      { id: 'a', name: 'Server A', url: serverA.url('three-a') },
      { id: 'b', name: 'Server B', url: serverB.url('three-b') },
      { id: 'c', name: 'SRT', url: `srt://127.0.0.1:${srtPort}?streamid=three-c` },
    ]);
    await Promise.all(['a', 'b', 'c'].map((id) => r.waitFor(destIs(id, 'live'), 30_000, `${id} live`)));
    expect(r.out.state()).toBe('live');
    // Encoded once: one encoder process for three destinations, one pusher each.
    expect(r.out.diagnostics().encoders).toEqual(['main']);
    expect(encoders()).toBe(1);
    expect(pushers()).toBe(3);

    const [a, b] = await Promise.all([ffprobeJson(serverA.url('three-a')), ffprobeJson(serverB.url('three-b'))]);
    for (const probe of [a, b]) {
      expectVideo(probe);
      expect(probe.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    }
    await r.waitFor(() => r.statsOf('c').filter((s) => s.stats.state === 'live').length >= 2, 10_000, 'two stats events');
    for (const id of ['a', 'b', 'c']) {
      const s = r.out.destinationStats().find((x) => x.id === id)!;
      expect(s.state).toBe('live');
      expect(s.bytesSent).toBeGreaterThan(0);
      expect(s.framesSent).toBeGreaterThan(0);
      expect(s.bitrateKbps).toBeGreaterThan(0);
      expect(s.dropped).toBe(0);
      expect(s.congestion).toBeLessThan(1);
    }

    expect(await r.out.stop()).toEqual({ ok: true, value: null });
    expect(r.states('c')).toEqual(['connecting', 'live', 'stopping', 'idle']);
    // The SRT listener ends when its caller leaves; what it wrote is the stream.
    await Promise.race([srt.exited, sleep(5000)]);
    await srt.stop();
    expectVideo(await ffprobeJson(srt.file));
  });

  it('encodes a rendition once for the destinations that ask for it, and sends audio alone where asked', async () => {
    // nginx-rtmp in the harness holds players until video arrives, so the audio-only one goes to SRT.
    const srtPort = await freePort();
    const radioRec = await recorder(`srt://127.0.0.1:${srtPort}?mode=listener`, 'radio.ts');
    const r = rig();
    const small = { width: 320, bitrateKbps: 400 };
    await r.start([
      { id: 'main', name: 'Main', url: serverA.url('rend-main') },
      { id: 's1', name: 'Small 1', url: serverA.url('rend-s1'), rendition: small },
      { id: 's2', name: 'Small 2', url: serverB.url('rend-s2'), rendition: { width: 320, height: 180, bitrateKbps: 400 } },
      { id: 'radio', name: 'Radio', url: `srt://127.0.0.1:${srtPort}`, audioOnly: true, rendition: small },
    ]);
    await Promise.all(['main', 's1', 's2', 'radio'].map((id) => r.waitFor(destIs(id, 'live'), 30_000, `${id} live`)));
    expect(r.out.diagnostics().encoders).toEqual(['main', '320x180@400k']);
    expect(encoders()).toBe(2);
    expectVideo(await ffprobeJson(serverA.url('rend-main')));
    expectVideo(await ffprobeJson(serverB.url('rend-s2')), 320, 180);
    // Sound alone: the connection declares a video track (pictures can be turned on while live
    // without reconnecting) but carries no picture.
    const sound = async (): Promise<number> => (await packetTimes(radioRec.file, 'a').catch(() => [])).length;
    await expect.poll(sound, { timeout: 20_000, interval: 1000 }).toBeGreaterThan(30);
    expect(await packetTimes(radioRec.file, 'v')).toEqual([]);
    // With no destination left on it, the rendition's encoder stops; the main one carries on.
    await r.out.stopDestination('s1');
    expect(r.out.diagnostics().encoders).toEqual(['main', '320x180@400k']);
    await r.out.stopDestination('s2');
    expect(r.out.diagnostics().encoders).toEqual(['main']);
    await expect.poll(encoders, { timeout: 10_000 }).toBe(1);
    expect(r.out.destinationState('main')).toBe('live');
  });

  it('kill -9 of one server: the other destination and the recording show no gap, the killed one reconnects and is live again within its backoff', async () => {
    const doomed = await startNginxRtmp();
    let revived: NginxRtmp | null = null;
    cleanups.push(async () => {
      await doomed.stop();
      await revived?.stop();
    });
    const r = rig();
    await r.start([
      { id: 'k', name: 'Doomed', url: doomed.url('kill-k') },
      { id: 'b', name: 'Steady', url: serverB.url('kill-b') },
    ]);
    await Promise.all(['k', 'b'].map((id) => r.waitFor(destIs(id, 'live'), 30_000, `${id} live`)));
    const rec = await recorder(serverB.url('kill-b'), 'steady.ts');
    // The studio's own recording reads the same encoding: it must not notice the kill either.
    const recording = path.join(temp('dest-own-rec-'), 'show.mkv');
    let ownRecorder: Recorder | null = null;
    const recEnded: string[] = [];
    const attached = await r.out.startRecording({ ffmpegPath: FFMPEG, video: RIG_VIDEO, encoder: RIG_ENCODER }, (fanOut) => {
      ownRecorder = new Recorder({
        ffmpegPath: FFMPEG, fanOut, path: recording, format: 'mkv', minFreeBytes: 0,
        clock: systemClock, logger: { log: () => {} }, onEnd: (why) => recEnded.push(why.message),
      });
      const started = ownRecorder.start();
      return started.ok ? { ok: true, value: ownRecorder } : started;
    });
    expect(attached).toEqual({ ok: true, value: null });
    // Frame counts, not the wall clock, say how much each copy must hold (this box is often loaded).
    const framesAtRecordStart = r.out.diagnostics().framesSent;
    await expect.poll(() => r.out.diagnostics().framesSent, { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(framesAtRecordStart + 90);

    const framesAtKill = r.out.diagnostics().framesSent;
    const killedAt = Date.now();
    doomed.kill('SIGKILL');
    const lost = await r.waitFor(destIs('k', 'reconnecting'), 20_000, 'killed destination reconnecting');
    const detectMs = lost.at - killedAt;
    // A retry meets the closed port: a second announced attempt is the signal.
    const retried = (e: StudioEvent) => destIs('k', 'reconnecting')(e) && e.type === 'destination.state' && e.data.attempt >= 2;
    await r.waitFor(retried, 60_000, 'a retry against the closed port');
    revived = await startNginxRtmp({ port: doomed.port });
    const seenAtRevival = r.seen.length;
    const revivedAt = Date.now();
    const back = await r.waitFor(destIs('k', 'live', lost.at), 90_000, 'killed destination live again');
    const healMs = back.at - revivedAt;
    // Within its backoff: the first attempt made after the server returned succeeds. (One attempt
    // already under way as it returned may still fail, and announce one more wait.)
    const retriesAfter = r.seen.slice(seenAtRevival).filter((s) => destIs('k', 'reconnecting')(s.event)).length;
    expect(retriesAfter, 'failed attempts after the server returned').toBeLessThanOrEqual(1);
    expect(r.out.destinationStats().find((s) => s.id === 'k')!.reconnects).toBeGreaterThanOrEqual(1);
    const framesAtLive = r.out.diagnostics().framesSent;
    await expect.poll(() => r.out.diagnostics().framesSent, { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(framesAtLive + 60);
    const framesAtStop = r.out.diagnostics().framesSent;
    await rec.stop();
    expect(await r.out.stopRecording()).toEqual({ ok: true, value: null });
    expect(recEnded, 'the recording never ended on its own').toEqual([]);
    expect(ownRecorder!.status().dropped, 'nothing was dropped for the recording').toBe(0);

    // The steady destination never changed state and its server got every frame, on time.
    expect(r.states('b')).toEqual(['connecting', 'live']);
    expect(r.out.state()).toBe('live');
    const times = await packetTimes(rec.file);
    expect(largestGap(times)).toBeLessThan(0.1); // frames are 33 ms apart: not one went missing
    // Every frame encoded from the kill to the stop reached it, give or take what was still in the
    // pipeline (encoder, server, reader) when the reader stopped: 1.5 s of frames.
    const span = Math.max(...times) - Math.min(...times);
    expect(times.length, 'frames the steady server passed on').toBeGreaterThan(framesAtStop - framesAtKill - 45);
    expect(span * 30, 'media seconds of them, in frames').toBeGreaterThan(framesAtStop - framesAtKill - 45);
    // The recording: the same — no gap, and it holds every frame from its start (3 s before the kill) on.
    const recTimes = await packetTimes(recording);
    expect(largestGap(recTimes), 'largest gap in the recording (s)').toBeLessThan(0.1);
    expect(recTimes.length, 'frames in the recording').toBeGreaterThan(framesAtStop - framesAtRecordStart - 45);
    expect((Math.max(...recTimes) - Math.min(...recTimes)) * 30).toBeGreaterThan(framesAtStop - framesAtRecordStart - 45);
    console.log(`kill -9: lost detected in ${detectMs} ms, live again ${healMs} ms after the server returned`);
  });

  it('SIGSTOP of one server: the stall is caught within the watchdog window; the other is untouched', async () => {
    const frozen = await startNginxRtmp();
    cleanups.push(async () => {
      frozen.kill('SIGCONT');
      await frozen.stop();
    });
    const stallMs = 3000;
    const r = rig({ timing: { stallMs } });
    // A high CBR rate fills the frozen server's socket buffers within seconds.
    await r.start(
      [
        { id: 'f', name: 'Frozen', url: frozen.url('stall-f') },
        { id: 'b', name: 'Steady', url: serverB.url('stall-b') },
      ],
      { bitrateKbps: 8000 },
    );
    await Promise.all(['f', 'b'].map((id) => r.waitFor(destIs(id, 'live'), 30_000, `${id} live`)));
    await sleep(2000);
    const frozenAt = Date.now();
    frozen.kill('SIGSTOP');
    const caught = await r.waitFor(destIs('f', 'reconnecting'), 120_000, 'stall detected');
    // When did bytes last move towards the frozen server? The watchdog must fire stallMs after that.
    // Judged in the engine's own once-a-second stats ticks (its clock drives both), not the test's
    // wall clock, which a loaded machine stretches.
    const fStats = r.statsOf('f').filter((s) => s.at <= caught.at);
    let lastGrowth = 0;
    for (let i = 1; i < fStats.length; i++) if (fStats[i]!.stats.bytesSent > fStats[i - 1]!.stats.bytesSent) lastGrowth = i;
    const quietTicks = fStats.length - 1 - lastGrowth;
    const detectedAfter = caught.at - (fStats[lastGrowth]?.at ?? frozenAt);
    // Not early (a tick can fall just after the last byte, or just before the watchdog)…
    expect(quietTicks, 'stats ticks with no bytes moving before the stall was declared').toBeGreaterThanOrEqual(stallMs / 1000 - 2);
    // …and within the window.
    expect(quietTicks).toBeLessThanOrEqual(stallMs / 1000 + 2);
    const cause = (caught.event as { data: EventMap['destination.state'] }).data.error?.message;
    expect(cause).toMatch(/Nothing reached the server for 3 s/);

    // The steady one kept going the whole time.
    expect(r.states('b')).toEqual(['connecting', 'live']);
    const b = r.statsOf('b').filter((s) => s.at >= frozenAt);
    expect(b.at(-1)!.stats.bytesSent).toBeGreaterThan(b[0]!.stats.bytesSent);
    expect(b.every((s) => s.stats.dropped === 0)).toBe(true);

    frozen.kill('SIGCONT');
    await r.waitFor(destIs('f', 'live', caught.at), 60_000, 'frozen destination live again after SIGCONT');
    console.log(`SIGSTOP: stall detected ${detectedAfter} ms after the last byte moved (watchdog ${stallMs} ms), ${caught.at - frozenAt} ms after the freeze`);
  });

  it('a rejected stream key fails with an auth error after exactly one attempt, also when a live key is revoked', async () => {
    const auth = await startAuthEndpoint(['good-key']);
    const guarded = await startNginxRtmp({ onPublishPort: auth.port });
    let restarted: NginxRtmp | null = null;
    cleanups.push(async () => {
      await guarded.stop();
      await restarted?.stop();
      await auth.close();
    });
    const r = rig();
    await r.start([
      { id: 'good', name: 'Good', url: guarded.url('good-key') },
      { id: 'bad', name: 'Bad', url: guarded.url('bad-key') },
    ]);
    const failed = await r.waitFor(destIs('bad', 'failed'), 30_000, 'bad key failed');
    await r.waitFor(destIs('good', 'live'), 30_000, 'good key live');
    const error = (failed.event as { data: EventMap['destination.state'] }).data.error;
    expect(error?.code).toBe(Status.DestinationUnreachable);
    expect(error?.message).toMatch(/stream key/);
    expect(auth.attempts('bad-key')).toBe(1);

    // The platform revokes the live key and restarts: after the outage, one try, then failed.
    auth.accept.delete('good-key');
    guarded.kill('SIGKILL');
    await r.waitFor(destIs('good', 'reconnecting'), 20_000, 'good reconnecting');
    restarted = await startNginxRtmp({ port: guarded.port, onPublishPort: auth.port });
    const revoked = await r.waitFor(destIs('good', 'failed'), 90_000, 'revoked key failed');
    expect((revoked.event as { data: EventMap['destination.state'] }).data.error?.message).toMatch(/stream key/);
    const attempts = auth.attempts('good-key');
    expect(attempts).toBe(2);
    // Nothing is left to send: the stream ends failed, naming the destination.
    await expect.poll(() => r.out.state(), { timeout: 10_000 }).toBe('failed');
    const streamFailed = r.seen.filter((s) => s.event.type === 'stream.state').at(-1)!.event as { data: EventMap['stream.state'] };
    expect(streamFailed.data.error?.message).toMatch(/^Good: .*stream key/);
    // The ended stream is the positive signal that nothing retries: no pusher is left to try again,
    // and neither key was tried once more.
    await expect.poll(pushers, { timeout: 10_000 }).toBe(0);
    expect(auth.attempts('good-key')).toBe(attempts);
    expect(auth.attempts('bad-key')).toBe(1);
  });
});

// ---- through the Studio: commands, status, secrets ------------------------------------------------

interface StudioRig {
  studio: Studio;
  events: StudioEvent[];
  logs: string[];
  dataDir: string;
  must<T = unknown>(type: Parameters<Studio['execute']>[0], args: unknown): Promise<T>;
  until(pred: (e: StudioEvent) => boolean, ms: number, what: string): Promise<void>;
}

async function studioRig(): Promise<StudioRig> {
  const dataDir = temp('dest-studio-');
  const logs: string[] = [];
  const logger: Logger = { log: (level, msg, fields) => logs.push(JSON.stringify({ level, msg, ...fields })) };
  const studio = await createStudio({ dataDir, resourcesDir: RESOURCES, logger, env: { ...process.env, FFMPEG_PATH: FFMPEG } });
  cleanups.push(() => studio.dispose());
  const events: StudioEvent[] = [];
  studio.subscribe((e) => events.push(e));
  return {
    studio,
    events,
    logs,
    dataDir,
    async must(type, args) {
      const r = await studio.execute(type, args);
      if (!r.ok) throw new Error(`${type}: ${r.error.message}`);
      return r.value as never;
    },
    async until(pred, ms, what) {
      const end = Date.now() + ms;
      while (!events.some(pred)) {
        if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
        await sleep(50);
      }
    },
  };
}

const streamIs = (state: DestinationState) => (e: StudioEvent) => e.type === 'stream.state' && e.data.state === state;

describe('destinations through the Studio', () => {
  it('warns before going live when the destinations need more than the uplink, and streams anyway', async () => {
    const t = await studioRig();
    await t.must('output.setEncoder', { preset: 'ultrafast', bitrateKbps: 2500, keyframeIntervalSec: 1 });
    await t.must('destination.upsert', { name: 'A', server: `rtmp://127.0.0.1:${serverA.port}/live`, key: 'budget-a' });
    await t.must('destination.upsert', { name: 'B', server: `rtmp://127.0.0.1:${serverB.port}/live`, key: 'budget-b' });
    await t.must('output.setUplink', { uplinkKbps: 4000 });
    const budget = await t.must<{ fits: boolean | null; requiredKbps: number }>('stats.budget', {});
    expect(budget.fits).toBe(false);
    expect(budget.requiredKbps).toBeGreaterThan(5000);
    await t.must('stream.start', {});
    const warned = t.events.find((e) => e.type === 'notice' && e.data.level === 'warning' && /uplink/i.test(e.data.message));
    expect(warned, 'a warning names the uplink').toBeDefined();
    await t.until(streamIs('live'), 30_000, 'stream live despite the warning');
    await t.must('stream.stop', {});
  });

  it('destination.start / stop / reconnect act on one destination while another stays live', async () => {
    const t = await studioRig();
    await t.studio.execute('video.set', { baseWidth: W, baseHeight: H, fpsNumerator: 30 });
    await t.studio.execute('output.setEncoder', { preset: 'ultrafast', bitrateKbps: 1000, keyframeIntervalSec: 1 });
    const { id: a } = await t.must<{ id: string }>('destination.upsert', { name: 'A', server: `rtmp://127.0.0.1:${serverA.port}/live`, key: 'cmd-a' });
    const { id: b } = await t.must<{ id: string }>('destination.upsert', { name: 'B', server: `rtmp://127.0.0.1:${serverB.port}/live`, key: 'cmd-b', enabled: false });
    const liveCount = (id: string): number => t.events.filter((e) => e.type === 'destination.state' && e.data.id === id && e.data.state === 'live').length;
    const stateOf = (id: string): DestinationState | undefined => t.studio.status().destinations.find((d) => d.id === id)?.state;

    // Starting one destination while idle starts the stream with just it.
    await t.must('destination.start', { id: a });
    await t.until(streamIs('live'), 30_000, 'stream live');
    expect(t.studio.status().destinations.map((d) => d.id)).toEqual([a]);
    expect(t.studio.status().stream.state).toBe('live');

    await t.must('destination.start', { id: b });
    await expect.poll(() => stateOf(b), { timeout: 30_000 }).toBe('live');
    const streamEvents = (): number => t.events.filter((e) => e.type === 'stream.state').length;
    const streamBefore = streamEvents();
    await t.must('destination.stop', { id: b });
    expect(stateOf(b)).toBe('idle');
    expect(stateOf(a)).toBe('live');
    expect(liveCount(a)).toBe(1); // A never left live
    expect(streamEvents()).toBe(streamBefore); // and the stream never changed state
    expect((await t.studio.execute('destination.stop', { id: b })).ok).toBe(false);

    // Reconnect now replaces A's connection; B (stopped) is not touched.
    await t.must('destination.reconnect', { id: a });
    await expect.poll(() => liveCount(a), { timeout: 30_000 }).toBe(2);
    expect(stateOf(b)).toBe('idle');

    // Stopping the last active destination ends the stream.
    await t.must('destination.stop', { id: a });
    expect(t.studio.status().stream.state).toBe('idle');
    expect(t.studio.health().streaming).toBe('idle');
    expect(listFfmpegChildren()).toEqual([]);
    const unknown = await t.studio.execute('destination.start', { id: 'nope' });
    expect(!unknown.ok && unknown.error.code).toBe(Status.ResourceNotFound);
  });

  it('a canary stream key never reaches logs, events, the document, the saved files or any FFmpeg argv', async () => {
    const CANARY = 'canary-key-7f3a9c21e5';
    const t = await studioRig();
    await t.studio.execute('video.set', { baseWidth: W, baseHeight: H });
    await t.studio.execute('output.setEncoder', { preset: 'ultrafast', bitrateKbps: 800, keyframeIntervalSec: 1 });
    await t.must('destination.upsert', { name: 'Canary', server: `rtmp://127.0.0.1:${serverA.port}/live`, key: CANARY });
    // A second one that fails (nothing listens there): error messages must not carry the key either.
    const closed = await freePort();
    await t.must('destination.upsert', { name: 'Nowhere', preset: 'custom', server: `srt://127.0.0.1:${closed}`, key: `${CANARY}-srt` });
    await t.must('stream.start', {});
    await t.until(streamIs('live'), 30_000, 'stream live');
    await t.until((e) => e.type === 'destination.state' && e.data.name === 'Nowhere' && e.data.state === 'failed', 30_000, 'srt failed');

    // No argv holds a key: the pushers read theirs from a preset (stream-keys.test.ts has the details).
    const children = listFfmpegChildren();
    expect(children.find((p) => p.cmdline.includes('-f rawvideo'))).toBeDefined();
    expect(children.filter((p) => p.cmdline.includes('-fpre /dev/fd/5'))).toHaveLength(1);
    expect(children.filter((p) => p.cmdline.includes(CANARY))).toEqual([]);

    // Two more seconds of stats, counted by the engine's own reports: logs and events have had
    // time to carry the key if anything would, and the test waits on a signal, not a clock.
    const seen = t.events.filter((e) => e.type === 'stream.stats').length;
    await t.until(() => t.events.filter((e) => e.type === 'stream.stats').length >= seen + 2, 30_000, 'two more stats reports');
    await t.must('stream.stop', {});
    const status = JSON.stringify(t.studio.status());
    const doc = JSON.stringify(t.studio.document());
    await t.studio.dispose();
    const files = readdirSync(t.dataDir).filter((f) => f.endsWith('.json') && f !== 'secrets.json');
    expect(files).toEqual(expect.arrayContaining(['profile.json', 'collection.json']));
    const logs = t.logs.join('\n');
    expect(logs).toContain(`to 'rtmp://127.0.0.1:${serverA.port}/live'`); // FFmpeg's own lines were logged, without the key
    for (const [where, text] of [
      ['logs', logs],
      ['events', JSON.stringify(t.events)],
      ['status', status],
      ['document', doc],
      ...files.map((f) => [f, readFileSync(path.join(t.dataDir, f), 'utf8')]),
    ] as const) {
      expect(text.includes(CANARY), `the key in ${where}`).toBe(false);
    }
    // It is in the secret store, which is where it belongs.
    expect(readFileSync(path.join(t.dataDir, 'secrets.json'), 'utf8')).toContain(CANARY);
  });
});

describe('platform presets', () => {
  it('the editor offers the same presets, servers and limits as the engine', () => {
    expect(PRESETS.map((p) => ({ id: p.id, name: p.name, servers: p.servers, maxVideoKbps: p.maxVideoKbps }))).toEqual(
      PLATFORMS.map((p) => ({ id: p.id, name: p.name, servers: p.servers, maxVideoKbps: p.maxVideoKbps })),
    );
  });
});
