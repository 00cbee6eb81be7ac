/**
 * Encoder choice and fallback through the Studio, against a real nginx-rtmp and real FFmpeg:
 *
 * - an encoder the user forces but this FFmpeg lacks (h264_videotoolbox), or one it lists but this
 *   machine cannot run (h264_nvenc without a GPU), gives way to libx264 with a reason, and the
 *   stream still arrives as H.264;
 * - a "GPU" encoder that dies mid-stream (fake-gpu-ffmpeg: the one thing this machine cannot have)
 *   is replaced by libx264 while the destination stays live and what it receives has no gap;
 * - an encoder killed mid-stream (kill -9) is restarted, again without the destination noticing.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandType, DestinationState, EncoderStatus, StudioEvent } from '../../src/shared';
import type { Logger, Studio } from '../../src/engine/api';
import { createStudio } from '../../src/engine/studio';
import { ffprobeJson, listFfmpegChildren, startNginxRtmp, type NginxRtmp } from '../harness';
import { suiteResources } from '../harness/suite';
import { fakeGpuFfmpeg } from '../harness/fake-gpu-ffmpeg';
import { largestGap, packetTimes, recordStream } from '../harness/stream-recorder';

const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';
const RESOURCES = path.resolve(import.meta.dirname, '../../resources');

let server: NginxRtmp;
const { temp, onCleanup } = suiteResources();

beforeAll(async () => {
  server = await startNginxRtmp();
});
afterAll(async () => {
  await server?.stop();
});

interface Rig {
  studio: Studio;
  events: Array<{ event: StudioEvent; at: number }>;
  must<T>(type: CommandType, args?: unknown): Promise<T>;
  until(pred: (e: StudioEvent) => boolean, ms: number, what: string): Promise<number>;
  destinationStates(): DestinationState[];
}

async function studioRig(ffmpeg: string): Promise<Rig> {
  const logger: Logger = { log: () => {} };
  const studio = await createStudio({ dataDir: temp('enc-studio-'), resourcesDir: RESOURCES, logger, env: { FFMPEG_PATH: ffmpeg } });
  onCleanup(() => studio.dispose());
  const events: Rig['events'] = [];
  studio.subscribe((event) => events.push({ event, at: Date.now() }));
  return {
    studio,
    events,
    async must<T>(type: CommandType, args: unknown = {}): Promise<T> {
      const r = await studio.execute(type, args);
      if (!r.ok) throw new Error(`${type}: ${r.error.message}`);
      return r.value as T;
    },
    async until(pred, ms, what) {
      const end = Date.now() + ms;
      for (;;) {
        const hit = events.find((e) => pred(e.event));
        if (hit) return hit.at;
        if (Date.now() > end) {
          const said = events.flatMap(({ event: e }) =>
            e.type === 'notice' ? [`notice: ${e.data.message}`] : e.type.endsWith('.state') ? [`${e.type}: ${JSON.stringify(e.data)}`] : [],
          );
          throw new Error(`${what}: not within ${ms} ms; so far:\n${said.join('\n')}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    destinationStates: () => events.flatMap(({ event: e }) => (e.type === 'destination.state' ? [e.data.state] : [])),
  };
}

const streamIs = (state: DestinationState) => (e: StudioEvent) => e.type === 'stream.state' && e.data.state === state;
const warning = (re: RegExp) => (e: StudioEvent) => e.type === 'notice' && e.data.level === 'warning' && re.test(e.data.message);
const encoderProcs = () => listFfmpegChildren().filter((p) => p.cmdline.includes('-f rawvideo'));

async function goLive(r: Rig, key: string): Promise<void> {
  await r.must('video.set', { baseWidth: 640, baseHeight: 360 });
  await r.must('output.setEncoder', { preset: 'ultrafast', bitrateKbps: 800, keyframeIntervalSec: 1 });
  await r.must('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${server.port}/live`, key });
  await r.must('stream.start');
  await r.until(streamIs('live'), 30_000, 'stream live');
}

describe('encoder selection', () => {
  it.each([
    ['h264_videotoolbox', /h264_videotoolbox, which you selected, does not work here — Not in this FFmpeg build/],
    ['h264_nvenc', /h264_nvenc, which you selected, does not work here/],
  ])('a forced %s this machine cannot run gives way to libx264, says why, and the stream arrives', async (forced, why) => {
    const r = await studioRig(FFMPEG);
    expect((await r.must<EncoderStatus>('encoder.probe')).chosen, 'auto picks what works here').toBe('libx264');
    // Changing the preference re-chooses from the probes already made, and says so.
    await r.must('output.setEncoder', { encoder: forced });
    const status = await r.must<EncoderStatus>('encoder.status');
    expect(status.chosen).toBe('libx264');
    expect(status.why).toMatch(why);
    expect(status.probes.find((p) => p.name === 'libx264')).toMatchObject({ works: true, listed: true });
    expect(status.probes.find((p) => p.name === forced)).toMatchObject({ works: false });

    await goLive(r, `forced-${forced}`);
    expect(r.events.some(({ event }) => warning(why)(event)), 'the user is told at go-live').toBe(true);
    expect(encoderProcs().map((p) => p.cmdline).join('\n')).toContain('-c:v libx264');
    const probe = await ffprobeJson(server.url(`forced-${forced}`));
    expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    await r.must('stream.stop');
  });
});

describe('encoder failure mid-stream', () => {
  it('a GPU encoder that fails mid-stream falls back to libx264; the destination stays live with no gap', async () => {
    const fake = fakeGpuFfmpeg({ realFfmpeg: FFMPEG, failAfterMs: 6000 });
    onCleanup(() => fake.remove());
    const r = await studioRig(fake.path);
    const status = await r.must<EncoderStatus>('encoder.probe');
    expect(status.chosen, status.why).toBe('h264_nvenc');

    await goLive(r, 'gpu-fails');
    const rec = await recordStream(server.url('gpu-fails'), path.join(temp('enc-rec-'), 'gpu.ts'));
    onCleanup(() => rec.stop());
    await r.until(warning(/h264_nvenc stopped working mid-stream \(NVENC failed to encode/), 20_000, 'fallback notice');
    const fallback = r.events.find(({ event }) => event.type === 'encoder.status' && event.data.fallback !== null);
    expect(fallback?.event.type === 'encoder.status' && fallback.event.data.fallback).toMatchObject({ from: 'h264_nvenc', to: 'libx264' });
    // The replacement continues the timeline rather than starting it again at zero.
    const replacement = encoderProcs().map((p) => p.cmdline).join('\n');
    expect(replacement).toContain('-c:v libx264');
    expect(replacement).toMatch(/-output_ts_offset \d+\.\d+/);

    // On libx264 the destination keeps sending (800 kbps ≈ 100 kB/s): wait for 1.5 s worth of
    // bytes rather than judging a wall-clock span, which a loaded machine stretches…
    const sentAtSwitch = r.studio.status().destinations[0]!.bytesSent;
    await expect
      .poll(() => r.studio.status().destinations[0]!.bytesSent - sentAtSwitch, { timeout: 30_000, interval: 200, message: 'bytes sent after the switch' })
      .toBeGreaterThan(150_000);
    await rec.stop();
    const times = await packetTimes(rec.file).catch((e: unknown) => {
      const size = statSync(rec.file, { throwIfNoEntry: false })?.size;
      throw new Error(`the received stream (${String(size)} B) cannot be read (${String(e)}); the reader said: ${rec.stderr()}`);
    });
    // …and what the server passed on runs through the switch without a hole. (A machine under
    // load joins the reader late, so its length is not judged, only its continuity.)
    expect(times.length).toBeGreaterThan(60);
    expect(largestGap(times), 'largest gap in the received video (s)').toBeLessThan(1.5);
    expect(r.destinationStates(), 'the destination never left live').toEqual(['connecting', 'live']);
    await r.must('stream.stop');
    const after = r.events.filter(({ event }) => event.type === 'encoder.status').at(-1);
    expect(after?.event.type === 'encoder.status' && after.event.data.fallback, 'the next stream starts on the chosen encoder again').toBeNull();
  });

  it('an encoder killed mid-stream is restarted and the destination stays live', async () => {
    const r = await studioRig(FFMPEG);
    await goLive(r, 'killed');
    const [enc] = encoderProcs();
    expect(enc).toBeDefined();
    process.kill(enc!.pid, 'SIGKILL');
    await r.until(warning(/The encoder stopped unexpectedly \(FFmpeg was ended by SIGKILL\); it was restarted/), 10_000, 'restart notice');
    await r.until(() => encoderProcs().some((p) => p.pid !== enc!.pid), 10_000, 'a new encoder');
    const before = r.studio.status().stream.framesEncoded;
    await expect
      .poll(() => r.studio.status().stream.framesEncoded, { timeout: 30_000, interval: 200, message: 'frames keep coming from the new encoder' })
      .toBeGreaterThan(before + 30);
    expect(r.studio.status().stream.state).toBe('live');
    expect(r.destinationStates()).toEqual(['connecting', 'live']);
    await r.must('stream.stop');
  });
});
