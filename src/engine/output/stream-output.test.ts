import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FRAME_HEADER_BYTES,
  FrameKind,
  Status,
  VideoFormat,
  writeFrameHeader,
  type EncoderSettings,
  type StudioEvent,
  type VideoSettings,
} from '../../shared';
import type { Logger } from '../api';
import { FakeClock } from '../testing/fake-clock';
import { StreamOutput } from './stream-output';

const video: VideoSettings = { baseWidth: 64, baseHeight: 64, outputWidth: 64, outputHeight: 64, fpsNumerator: 30, fpsDenominator: 1 };
const encoder: EncoderSettings = {
  encoder: 'libx264',
  rateControl: 'CBR',
  bitrateKbps: 1000,
  keyframeIntervalSec: 2,
  preset: 'ultrafast',
  profile: 'main',
  bFrames: 0,
  audioBitrateKbps: 128,
};
const silent: Logger = { log: () => {} };

let dir: string;
let marker: string;
let recorder: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stream-output-'));
  marker = path.join(dir, 'ran');
  // Stands in for the FFmpeg binary only to prove it was never run.
  recorder = path.join(dir, 'ffmpeg');
  await writeFile(recorder, `#!/bin/sh\ntouch '${marker}'\n`);
  await chmod(recorder, 0o755);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function setup() {
  const clock = new FakeClock();
  const events: StudioEvent[] = [];
  const out = new StreamOutput({ clock, logger: silent, emit: (e) => events.push(e) });
  return { clock, events, out };
}

function frameMessage(kind: number, format: number, w: number, h: number, seq: number, payload: number): Uint8Array {
  const m = new Uint8Array(FRAME_HEADER_BYTES + payload);
  writeFrameHeader(new DataView(m.buffer), { kind, format, width: w, height: h, sequence: seq, captureMs: 0 });
  return m;
}

describe('StreamOutput', () => {
  it('fails fast on a malformed URL: clear error, state failed, no FFmpeg run, no key in the message', async () => {
    const { out, events, clock } = setup();
    const result = await out.start({ ffmpegPath: recorder, video, encoder, url: 'rtmp//127.0.0.1/live/key-canary' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe('server');
      expect(result.error.message).toMatch(/not a valid address/);
      expect(result.error.message).not.toContain('key-canary');
    }
    expect(out.state()).toBe('failed');
    // The destination says why it failed; with no usable destination left, so does the stream.
    expect(events).toEqual([
      { type: 'destination.state', data: expect.objectContaining({ id: 'stream', state: 'failed', error: expect.objectContaining({ code: Status.InvalidRequestField }) }) },
      { type: 'stream.state', data: { state: 'failed', error: expect.objectContaining({ code: Status.InvalidRequestField }) } },
    ]);
    expect(JSON.stringify(events)).not.toContain('key-canary');
    await expect(stat(marker)).rejects.toThrow();
    expect(clock.pending()).toBe(0);
    // stop() from failed acknowledges it and returns to idle.
    expect(await out.stop()).toEqual({ ok: true, value: null });
    expect(out.state()).toBe('idle');
  });

  it('rejects a key-less destination and odd output sizes before spawning', async () => {
    const { out } = setup();
    const noKey = await out.start({ ffmpegPath: recorder, video, encoder, url: 'rtmp://127.0.0.1/live' });
    expect(!noKey.ok && noKey.error.message).toMatch(/no stream key/);
    const odd = await out.start({ ffmpegPath: recorder, video: { ...video, outputWidth: 63 }, encoder, url: 'rtmp://h/live/k' });
    expect(!odd.ok && odd.error.message).toMatch(/even/);
    await expect(stat(marker)).rejects.toThrow();
  });

  it('reports an FFmpeg binary that cannot be started, ends failed and leaves no timer', async () => {
    const { out, events, clock } = setup();
    const result = await out.start({ ffmpegPath: path.join(dir, 'missing-ffmpeg'), video, encoder, url: 'rtmp://127.0.0.1:1/live/k' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/could not be started .*ENOENT/);
    expect(out.state()).toBe('failed');
    const states = events.filter((e) => e.type === 'stream.state').map((e) => (e.data as { state: string }).state);
    expect(states).toEqual(['connecting', 'failed']);
    expect(clock.pending()).toBe(0);
  });

  it('acknowledges and drops frames while idle, and counts malformed ones without throwing', () => {
    const { out } = setup();
    const acks: number[] = [];
    out.pushFrame(frameMessage(FrameKind.Video, VideoFormat.NV12, 64, 64, 7, 64 * 64 * 1.5), (s) => acks.push(s));
    expect(acks).toEqual([7]);
    out.pushFrame(new Uint8Array(10), (s) => acks.push(s));
    out.pushFrame(frameMessage(9, 1, 1, 1, 8, 0), (s) => acks.push(s));
    out.pushFrame(frameMessage(FrameKind.Audio, 1, 44100, 2, 0, 8), (s) => acks.push(s));
    expect(acks).toEqual([7]);
    expect(out.diagnostics().invalidFrames).toBe(3);
  });

  it('reports empty stats when idle and refuses to start after dispose', async () => {
    const { out, clock } = setup();
    out.reportRenderer({ renderLagged: 0, renderMs: 12.5, sendSkipped: 0, glRenderer: 'x' });
    expect(out.stats()).toMatchObject({ state: 'idle', fps: 0, bytesSent: 0, renderMs: 12.5 });
    await out.dispose();
    const r = await out.start({ ffmpegPath: recorder, video, encoder, url: 'rtmp://h/live/k' });
    expect(!r.ok && r.error.code).toBe(Status.NotReady);
    expect(clock.pending()).toBe(0);
  });
});
