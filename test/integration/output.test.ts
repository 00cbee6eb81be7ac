/**
 * The output pipeline against real parts: StreamOutput → real FFmpeg → nginx-rtmp on loopback,
 * read back with ffprobe/ffmpeg. Frames are synthetic NV12 (a red rectangle on a dark background)
 * and the audio a 1 kHz tone, sent the way a renderer sends them, with acknowledgement-based flow control.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Status, type EncoderSettings, type OutputStats, type StudioEvent, type VideoSettings } from '../../src/shared';
import type { Logger } from '../../src/engine/api';
import { systemClock } from '../../src/engine/clock';
import { StreamOutput, type StreamOutputOptions } from '../../src/engine/output/stream-output';
import {
  audioMessage,
  ffprobeJson,
  freePort,
  grabAudioPcm,
  grabFrameRgb,
  listFfmpegChildren,
  makeNv12Frame,
  rects,
  startNginxRtmp,
  tone,
  toneStrength,
  videoMessage,
  type NginxRtmp,
  type Rgb,
} from '../harness';

const W = 1280;
const H = 720;
const video: VideoSettings = { baseWidth: W, baseHeight: H, outputWidth: W, outputHeight: H, fpsNumerator: 30, fpsDenominator: 1 };
const encoder: EncoderSettings = {
  encoder: 'libx264',
  rateControl: 'CBR',
  bitrateKbps: 2500,
  keyframeIntervalSec: 2,
  preset: 'veryfast',
  profile: 'high',
  bFrames: 0,
  audioBitrateKbps: 128,
};
const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';
const RED: Rgb = [230, 20, 20];
const BG: Rgb = [16, 32, 64];
const BOX = { x: 320, y: 160, width: 400, height: 240, color: RED };
const KEY = 'sk-canary-6c1f';

let nginx: NginxRtmp;
beforeAll(async () => {
  nginx = await startNginxRtmp();
});
afterAll(async () => {
  await nginx?.stop();
});

interface Rig {
  out: StreamOutput;
  events: StudioEvent[];
  logs: string[];
  /** Starts sending frames and tone like a renderer (≤ 3 frames unacknowledged); returns a stop function. */
  feed(): () => void;
  waitFor(pred: (e: StudioEvent) => boolean, ms: number): Promise<StudioEvent>;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.out.dispose();
});

function rig(timing: Pick<StreamOutputOptions, 'termAfterMs' | 'killAfterMs' | 'timing'> = {}): Rig {
  const events: StudioEvent[] = [];
  const logs: string[] = [];
  const waiters = new Set<() => void>();
  const logger: Logger = { log: (level, msg, fields) => logs.push(JSON.stringify({ level, msg, ...fields })) };
  const out = new StreamOutput({
    clock: systemClock,
    logger,
    ...timing,
    emit: (e) => {
      events.push(e);
      for (const w of [...waiters]) w();
    },
  });
  const r: Rig = {
    out,
    events,
    logs,
    feed() {
      const nv12 = makeNv12Frame(W, H, rects(BG, [BOX]));
      let seq = 0;
      let sample = 0;
      let inFlight = 0;
      const timer = setInterval(() => {
        const n = 1600;
        out.pushFrame(audioMessage(tone(1000, sample, n), sample), () => {});
        sample += n;
        if (inFlight >= 3) return; // what the renderer does: skip when too many frames are unacknowledged
        inFlight++;
        out.pushFrame(videoMessage(nv12, W, H, seq++), () => inFlight--);
      }, 1000 / 30);
      return () => clearInterval(timer);
    },
    waitFor(pred, ms) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const hit = events.find(pred);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${ms} ms; got ${events.map((e) => e.type + (e.type === 'stream.state' ? `:${e.data.state}` : '')).join(', ')}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
  };
  rigs.push(r);
  return r;
}

const stateIs = (state: string) => (e: StudioEvent) => e.type === 'stream.state' && e.data.state === state;
const near = (got: ArrayLike<number>, want: Rgb, tol = 20): boolean => [0, 1, 2].every((i) => Math.abs(got[i]! - want[i]!) <= tol);

describe('StreamOutput with real FFmpeg and nginx-rtmp', () => {
  it('goes live with H.264 + AAC at 1280x720/30 and 48 kHz, showing the scene as drawn, then stops cleanly', async () => {
    const { out, events, logs, feed, waitFor } = rig();
    const stopFeeding = feed();
    try {
      const started = await out.start({ ffmpegPath: FFMPEG, video, encoder, url: nginx.url(KEY) });
      expect(started).toEqual({ ok: true, value: null });
      expect(out.state()).toBe('connecting');
      await waitFor(stateIs('live'), 20_000);

      const probe = await ffprobeJson(nginx.url(KEY));
      const v = probe.streams.find((s) => s.codec_type === 'video');
      const a = probe.streams.find((s) => s.codec_type === 'audio');
      expect(v).toMatchObject({ codec_name: 'h264', width: W, height: H, r_frame_rate: '30/1' });
      expect(a).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });

      const rgb = await grabFrameRgb(nginx.url(KEY), { width: W, height: H });
      const at = (x: number, y: number): Buffer => rgb.subarray((y * W + x) * 3, (y * W + x) * 3 + 3);
      const inside = [[BOX.x + 10, BOX.y + 10], [BOX.x + BOX.width / 2, BOX.y + BOX.height / 2], [BOX.x + BOX.width - 10, BOX.y + BOX.height - 10]];
      const outside = [[40, 40], [BOX.x - 12, BOX.y + 100], [BOX.x + BOX.width + 12, BOX.y + 100], [BOX.x + 100, BOX.y + BOX.height + 12], [W - 40, H - 40]];
      for (const [x, y] of inside) expect(near(at(x!, y!), RED), `(${x},${y}) is ${[...at(x!, y!)]}, want red`).toBe(true);
      for (const [x, y] of outside) expect(near(at(x!, y!), BG), `(${x},${y}) is ${[...at(x!, y!)]}, want background`).toBe(true);

      // The tone survives the trip: 1 kHz dominates, an unrelated frequency does not. A starved
      // feeder on a loaded machine leaves a second of padding silence now and then: read on until a
      // second carries the tone.
      await expect
        .poll(async () => {
          const pcm = await grabAudioPcm(nginx.url(KEY), 1);
          return pcm.length > 24_000 && toneStrength(pcm, 1000) > 50 * toneStrength(pcm, 2700);
        }, { timeout: 60_000, interval: 0 })
        .toBe(true);

      // Stats tick once a second with rates from deltas and growing byte counts.
      const statsOf = (): OutputStats[] => events.flatMap((e) => (e.type === 'stream.stats' && e.data.stats.state === 'live' ? [e.data.stats] : []));
      await waitFor(() => statsOf().length >= 3, 10_000);
      const s = statsOf();
      const last = s.at(-1)!;
      expect(last.fps).toBeGreaterThan(0);
      expect(last.bitrateKbps).toBeGreaterThan(0);
      expect(last.bytesSent).toBeGreaterThan(s.at(-3)!.bytesSent);
      expect(last.framesSent).toBeGreaterThan(0);
      expect(last.uptimeMs).toBeGreaterThan(0);
      expect(last.encoderSpeed).toBeGreaterThan(0);
      expect(out.diagnostics().invalidFrames).toBe(0);

      expect(await out.stop()).toEqual({ ok: true, value: null });
      expect(out.state()).toBe('idle');
      expect(listFfmpegChildren()).toEqual([]);
      const states = events.filter((e) => e.type === 'stream.state').map((e) => (e.type === 'stream.state' ? e.data.state : ''));
      expect(states).toEqual(['connecting', 'live', 'stopping', 'idle']);
      // The key went to FFmpeg (nginx played it back under that name) and nowhere else; its
      // lines are logged, naming only the app.
      expect(JSON.stringify(events)).not.toContain(KEY);
      expect(logs.join('\n')).not.toContain(KEY);
      expect(logs.join('\n')).toContain(`rtmp://127.0.0.1:${nginx.port}/live`);
    } finally {
      stopFeeding();
    }
  });

  it('drops and counts frames that do not match the output, and keeps streaming', async () => {
    const { out, feed, waitFor } = rig();
    const stopFeeding = feed();
    try {
      await out.start({ ffmpegPath: FFMPEG, video, encoder, url: nginx.url('second') });
      await waitFor(stateIs('live'), 20_000);
      const acks: number[] = [];
      out.pushFrame(videoMessage(new Uint8Array(640 * 360 * 1.5), 640, 360, 1e6), (s) => acks.push(s));
      out.pushFrame(new Uint8Array(5), () => acks.push(-1));
      expect(acks).toEqual([1e6]);
      expect(out.diagnostics().invalidFrames).toBe(2);
      expect(out.state()).toBe('live');
      await out.stop();
    } finally {
      stopFeeding();
    }
  });

  it('fails with a clear message, within seconds, when nothing listens on the server port', async () => {
    const { out, events, feed, waitFor } = rig();
    const port = await freePort();
    const stopFeeding = feed();
    try {
      const started = await out.start({ ffmpegPath: FFMPEG, video, encoder, url: `rtmp://127.0.0.1:${port}/live/${KEY}` });
      expect(started.ok).toBe(true);
      // The wait's own limit is the bound: no wall-clock span is judged on a loaded machine.
      const failed = await waitFor(stateIs('failed'), 30_000);
      const error = failed.type === 'stream.state' ? failed.data.error : undefined;
      expect(error?.code).toBe(Status.DestinationUnreachable);
      expect(error?.message).toMatch(/refused the connection/);
      expect(JSON.stringify(events)).not.toContain(KEY);
      expect(listFfmpegChildren()).toEqual([]);
      // A failed output can be stopped (back to idle) and started again.
      await out.stop();
      expect(out.state()).toBe('idle');
    } finally {
      stopFeeding();
    }
  });

  it('fails at once on a malformed URL, without starting FFmpeg', async () => {
    const { out, events } = rig();
    const before = listFfmpegChildren().length;
    const result = await out.start({ ffmpegPath: FFMPEG, video, encoder, url: `rtmp:/127.0.0.1:${nginx.port}/live/${KEY}` });
    expect(result.ok).toBe(false);
    expect(out.state()).toBe('failed');
    expect(listFfmpegChildren().length).toBe(before);
    expect(events.map((e) => e.type)).toEqual(['destination.state', 'stream.state']);
    if (!result.ok) expect(result.error.message).not.toContain(KEY);
  });

  it('dispose() while live kills FFmpeg at once', async () => {
    const { out, feed, waitFor } = rig();
    const stopFeeding = feed();
    try {
      await out.start({ ffmpegPath: FFMPEG, video, encoder, url: nginx.url('third') });
      await waitFor(stateIs('live'), 20_000);
      await out.dispose();
      expect(listFfmpegChildren()).toEqual([]);
      expect(out.state()).toBe('idle');
    } finally {
      stopFeeding();
    }
  });

  it('stop() still ends FFmpeg when the server freezes mid-stream (inputs ended, then TERM, then KILL)', async () => {
    const frozen = await startNginxRtmp();
    // The stall watchdog would replace the frozen connection; this test is about stopping one.
    const { out, logs, feed, waitFor } = rig({ termAfterMs: 1500, killAfterMs: 1500, timing: { stallMs: 600_000 } });
    const stopFeeding = feed();
    try {
      // CBR pads to the bitrate: at 40 Mbps the loopback socket buffers fill within seconds.
      await out.start({ ffmpegPath: FFMPEG, video, encoder: { ...encoder, bitrateKbps: 40_000 }, url: frozen.url('frozen') });
      await waitFor(stateIs('live'), 20_000);
      frozen.kill('SIGSTOP');
      // Wait until the destination's FFmpeg is blocked writing to the server: nothing more goes out.
      let bytes = -1;
      for (let i = 0; i < 30 && out.stats().bytesSent !== bytes; i++) {
        bytes = out.stats().bytesSent;
        await new Promise((r) => setTimeout(r, 1500));
      }
      expect(await out.stop()).toEqual({ ok: true, value: null });
      expect(out.state()).toBe('idle');
      expect(listFfmpegChildren()).toEqual([]);
      expect(logs.some((l) => l.includes('sending SIGTERM'))).toBe(true);
    } finally {
      stopFeeding();
      frozen.kill('SIGCONT');
      await frozen.stop();
    }
  });
});
