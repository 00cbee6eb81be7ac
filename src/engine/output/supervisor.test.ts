import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { EncoderSettings, VideoSettings } from '../../shared';
import type { Logger } from '../api';
import { systemClock } from '../clock';
import { FakeClock } from '../testing/fake-clock';
import { buildEncoderArgs } from './ffmpeg-args';
import { FramePump } from './frame-pump';
import type { ProgressSnapshot } from './progress-parser';
import { FfmpegProcess, type FfmpegProcessOptions, type ProcessState } from './supervisor';

const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';

function memoryLogger(): Logger & { text: () => string } {
  const lines: string[] = [];
  return { log: (level, msg, fields) => lines.push(JSON.stringify({ level, msg, ...fields })), text: () => lines.join('\n') };
}

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const procs: FfmpegProcess[] = [];
afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.dispose()));
});

/** A Node child standing in for FFmpeg: same pipes, behaviour chosen per test. */
function nodeChild(script: string, over: Partial<FfmpegProcessOptions> = {}) {
  const clock = new FakeClock();
  const logger = memoryLogger();
  const states: ProcessState[] = [];
  const progress: ProgressSnapshot[] = [];
  const proc = new FfmpegProcess({
    path: process.execPath,
    args: ['-e', script],
    clock,
    logger,
    onState: (s) => states.push(s),
    onProgress: (s) => progress.push(s),
    ...over,
  });
  procs.push(proc);
  return { proc, clock, logger, states, progress };
}

const READY = "process.stderr.write('ready\\n');";
const STUBBORN = `process.on('SIGTERM', () => process.stderr.write('ignoring TERM\\n')); process.stdin.resume(); setInterval(() => {}, 1000); ${READY}`;

describe('FfmpegProcess with a stand-in child and a fake clock', () => {
  it('goes starting → running → stopping → exited; ending the inputs is enough for a cooperative child', async () => {
    const { proc, clock, states } = nodeChild(`process.stdin.on('end', () => process.exit(0)); process.stdin.resume(); ${READY}`);
    expect(proc.start().ok).toBe(true);
    expect((await proc.whenSpawned()).ok).toBe(true);
    await waitFor(() => proc.stderrTail().includes('ready'));
    const info = await proc.stop();
    expect(info).toMatchObject({ code: 0, signal: null, requested: true, failure: null });
    expect(states).toEqual(['running', 'stopping', 'exited']);
    expect(proc.state()).toBe('exited');
    expect(clock.pending()).toBe(0);
  });

  it('escalates to SIGTERM after termAfterMs and SIGKILL after killAfterMs, on the injected clock only', async () => {
    const { proc, clock } = nodeChild(STUBBORN, { termAfterMs: 5000, killAfterMs: 3000 });
    proc.start();
    await waitFor(() => proc.stderrTail().includes('ready'));
    const pid = proc.pid!;
    const stopped = proc.stop();
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(pid)).toBe(true); // inputs ended, still running: nothing fires before the clock moves
    clock.advance(4999);
    await new Promise((r) => setTimeout(r, 100));
    expect(proc.stderrTail()).not.toContain('ignoring TERM');
    clock.advance(1);
    await waitFor(() => proc.stderrTail().includes('ignoring TERM'));
    expect(alive(pid)).toBe(true);
    clock.advance(3000);
    const info = await stopped;
    expect(info).toMatchObject({ signal: 'SIGKILL', requested: true, failure: null });
    expect(alive(pid)).toBe(false);
    expect(clock.pending()).toBe(0);
  });

  it('stop() is idempotent and returns the same exit', async () => {
    const { proc, clock } = nodeChild(STUBBORN, { termAfterMs: 10, killAfterMs: 10 });
    proc.start();
    await waitFor(() => proc.stderrTail().includes('ready'));
    const a = proc.stop();
    const b = proc.stop();
    clock.advance(10);
    clock.advance(10);
    expect(await a).toBe(await b);
    expect(await proc.stop()).toBe(await a);
  });

  it('dispose() kills at once, whatever the child does, and leaves no timer', async () => {
    const { proc, clock } = nodeChild(STUBBORN);
    proc.start();
    await waitFor(() => proc.stderrTail().includes('ready'));
    const pid = proc.pid!;
    await proc.dispose();
    expect(alive(pid)).toBe(false);
    expect((await proc.exited).signal).toBe('SIGKILL');
    expect(clock.pending()).toBe(0);
  });

  it('classifies an exit nobody asked for from stderr, redacting secrets from messages and logs', async () => {
    const secret = 'canary-key-123';
    const script = `process.stderr.write('rtmp://h:1/live/${secret}: Connection refused\\nthe key is ${secret}\\n'); process.exit(1)`;
    const exits: unknown[] = [];
    const { proc, states, logger } = nodeChild(script, { secrets: [secret], onExit: (i) => exits.push(i) });
    proc.start();
    const info = await proc.exited;
    expect(info.requested).toBe(false);
    expect(info.code).toBe(1);
    expect(info.failure?.kind).toBe('refused');
    expect(info.failure?.error.message).toMatch(/refused the connection/);
    expect(exits).toEqual([info]);
    expect(states.at(-1)).toBe('exited');
    const everything = `${JSON.stringify(info)}\n${logger.text()}`;
    expect(everything).not.toContain(secret);
    expect(info.stderr).toContain('rtmp://h:1/live/***: Connection refused');
  });

  it('parses -progress blocks from pipe:4 and keeps a bounded stderr ring', async () => {
    const script = `const fs = require('fs'); fs.writeSync(4, 'frame=12\\ntotal_size=999\\nprogress=continue\\n');
      for (let i = 0; i < 200; i++) process.stderr.write('line ' + i + '\\n');`;
    const { proc, progress } = nodeChild(script, { stderrLines: 10 });
    proc.start();
    await proc.exited;
    expect(progress).toEqual([expect.objectContaining({ frame: 12, totalSize: 999, progress: 'continue' })]);
    expect(proc.stderrTail()).toHaveLength(10);
    expect(proc.stderrTail().at(-1)).toBe('line 199');
  });

  it('reports a binary that cannot be started through whenSpawned() and exited', async () => {
    const clock = new FakeClock();
    const proc = new FfmpegProcess({ path: '/nonexistent/ffmpeg', args: [], clock, logger: memoryLogger() });
    procs.push(proc);
    expect(proc.start().ok).toBe(true);
    const spawned = await proc.whenSpawned();
    expect(spawned.ok).toBe(false);
    if (!spawned.ok) expect(spawned.error.message).toMatch(/could not be started from \/nonexistent\/ffmpeg \(ENOENT\)/);
    expect((await proc.exited).failure?.retryable).toBe(false);
    expect(proc.state()).toBe('exited');
    expect(proc.start().ok).toBe(false);
  });
});

describe('FfmpegProcess with real FFmpeg', () => {
  const video: VideoSettings = { baseWidth: 320, baseHeight: 240, outputWidth: 320, outputHeight: 240, fpsNumerator: 30, fpsDenominator: 1 };
  const encoder: EncoderSettings = {
    encoder: 'libx264',
    rateControl: 'CBR',
    bitrateKbps: 800,
    keyframeIntervalSec: 2,
    preset: 'ultrafast',
    profile: 'main',
    bFrames: 0,
    audioBitrateKbps: 128,
  };

  function feed(proc: FfmpegProcess): () => void {
    const pump = new FramePump({ clock: systemClock, width: 320, height: 240, fpsNumerator: 30, fpsDenominator: 1, sink: { video: proc.video!, audio: proc.audio! } });
    pump.start();
    return () => pump.dispose();
  }

  it('encodes every frame the pump writes, then exits 0 when its inputs end', async () => {
    const progress: ProgressSnapshot[] = [];
    const proc = new FfmpegProcess({
      path: FFMPEG,
      args: buildEncoderArgs({ video, encoder, target: { kind: 'null' } }),
      clock: systemClock,
      logger: memoryLogger(),
      onProgress: (s) => progress.push(s),
    });
    procs.push(proc);
    expect(proc.start().ok).toBe(true);
    expect((await proc.whenSpawned()).ok).toBe(true);
    const pump = new FramePump({ clock: systemClock, width: 320, height: 240, fpsNumerator: 30, fpsDenominator: 1, sink: { video: proc.video!, audio: proc.audio! } });
    pump.start();
    await new Promise((r) => setTimeout(r, 1500));
    pump.stop();
    const info = await proc.stop();
    expect(info).toMatchObject({ code: 0, requested: true, failure: null });
    const last = progress.at(-1);
    expect(last?.progress).toBe('end');
    expect(last?.frame).toBe(pump.counters().framesSent);
    // The audio track is exactly as long as the video (timestamps come from counts).
    expect(Math.abs((last?.outTimeUs ?? 0) - (pump.counters().framesSent / 30) * 1e6)).toBeLessThan(70_000);
  });

  it('fails with a clear, key-free message when the RTMP server refuses the connection', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const secret = 'sk_live_canary';
    const logger = memoryLogger();
    const proc = new FfmpegProcess({
      path: FFMPEG,
      args: buildEncoderArgs({ video, encoder, target: { kind: 'rtmp', url: `rtmp://127.0.0.1:${port}/live/${secret}` } }),
      clock: systemClock,
      logger,
      secrets: [secret],
    });
    procs.push(proc);
    proc.start();
    // FFmpeg connects only once it has read its inputs, so feed it as the output does.
    const stopFeeding = feed(proc);
    const info = await proc.exited;
    stopFeeding();
    expect(info.failure?.kind).toBe('refused');
    expect(info.failure?.retryable).toBe(true);
    expect(`${JSON.stringify(info)}${logger.text()}`).not.toContain(secret);
    expect(info.stderr.some((l) => l.includes('/live/***'))).toBe(true);
  });

  it('fails as an encoder problem for settings x264 rejects', async () => {
    const proc = new FfmpegProcess({
      path: FFMPEG,
      // Our presets are checked before they reach FFmpeg; x264 itself must refuse this one.
      args: buildEncoderArgs({ video, encoder, target: { kind: 'null' } }).map((a) => (a === encoder.preset ? 'not-a-preset' : a)),
      clock: systemClock,
      logger: memoryLogger(),
    });
    procs.push(proc);
    proc.start();
    const stopFeeding = feed(proc);
    const info = await proc.exited;
    stopFeeding();
    expect(info.failure?.kind).toBe('encoder');
    expect(info.failure?.retryable).toBe(false);
    expect(info.failure?.error.message).toMatch(/encoder could not start/);
  });
});
