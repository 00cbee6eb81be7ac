/**
 * The Recorder against real parts: a real FanOut fed by a real FFmpeg producing live MPEG-TS
 * (H.264 + AAC, a keyframe a second, at real time), a real recorder FFmpeg, read back with FFmpeg
 * and ffprobe. Its FFmpeg is killed with -9, its disk fills up (a file-size limit set by a wrapper
 * script), and its free-space watchdog is fed a dropping number.
 *
 * "Time recorded" is measured by a reference tap attached with the recorder's: both join the fan-out
 * at the same keyframe, so the reference tap's video frame count is what the recorder was handed.
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Status, type RecordingFormat, type StudioError } from '../../src/shared';
import type { Clock, Logger, TimerHandle } from '../../src/engine/api';
import { systemClock } from '../../src/engine/clock';
import { FanOut, type Tap } from '../../src/engine/output/fan-out';
import { checkFreeSpace, freeBytesAt, MB } from '../../src/engine/output/recording/disk-space';
import { Recorder, type RecorderOptions } from '../../src/engine/output/recording/recorder';
import { remuxToMp4 } from '../../src/engine/output/recording/remux';
import { ffprobeJson, listFfmpegChildren } from '../harness';

const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';
const FPS = 30;

const temps: string[] = [];
const temp = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rec-it-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  expect(listFfmpegChildren(), 'no FFmpeg outlives a test').toEqual([]);
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(pred: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** The system clock, counting the timers still scheduled: an owner that is done leaves none. */
function countingClock(): Clock & { pending(): number } {
  const live = new Set<TimerHandle>();
  return {
    now: () => systemClock.now(),
    setTimeout(fn, ms) {
      const h: TimerHandle = systemClock.setTimeout(() => {
        live.delete(h);
        fn();
      }, ms);
      live.add(h);
      return h;
    },
    clearTimeout(h) {
      live.delete(h);
      systemClock.clearTimeout(h);
    },
    setInterval(fn, ms) {
      const h = systemClock.setInterval(fn, ms);
      live.add(h);
      return h;
    },
    clearInterval(h) {
      live.delete(h);
      systemClock.clearInterval(h);
    },
    pending: () => live.size,
  };
}

/** A live MPEG-TS source feeding a FanOut the way the encoder does (100 ms batches). */
function liveSource(): FanOut {
  const fan = new FanOut({ batchMs: 100 });
  const child = spawn(FFMPEG, [
    '-hide_banner', '-nostdin', '-v', 'error', '-re',
    '-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=${FPS}`, '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', String(FPS), '-c:a', 'aac',
    '-flush_packets', '1', '-f', 'mpegts', 'pipe:1',
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.on('data', (b: Buffer) => fan.push(b));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  return fan;
}

/** A consumer of the fan-out that counts what it gets, like a destination that keeps up. */
class Counter extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _e: BufferEncoding, cb: () => void): void {
    this.bytes += chunk.length;
    cb();
  }
}

interface Rig {
  rec: Recorder;
  file: string;
  ends: StudioError[];
  logs: string[];
  clock: ReturnType<typeof countingClock>;
  /** What the recorder was handed, as seen by a tap that joined with it. */
  ref: Tap;
}

function rig(fan: FanOut, format: RecordingFormat, over: Partial<RecorderOptions> = {}): Rig {
  const dir = temp();
  const file = path.join(dir, `take${format === 'mkv' ? '.mkv' : '.mp4'}`);
  const ends: StudioError[] = [];
  const logs: string[] = [];
  const logger: Logger = { log: (level, msg, fields) => logs.push(JSON.stringify({ level, msg, ...fields })) };
  const clock = countingClock();
  const rec = new Recorder({ ffmpegPath: FFMPEG, fanOut: fan, path: file, format, minFreeBytes: 0, clock, logger, onEnd: (why) => ends.push(why), ...over });
  const ref = fan.tap(new Counter(), 64 * MB);
  cleanups.push(async () => {
    ref.close();
    await rec.dispose();
  });
  return { rec, file, ends, logs, clock, ref };
}

/** What FFmpeg says decoding every stream of a file (nothing when clean), and its video frames. */
function decode(file: string): Promise<{ errors: string; frames: number }> {
  return new Promise((resolve, reject) => {
    execFile(FFMPEG, ['-v', 'error', '-i', file, '-map', '0', '-f', 'framemd5', '-'], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error && !stderr) return reject(error);
      resolve({ errors: stderr.trim(), frames: stdout.split('\n').filter((l) => /^0,/.test(l)).length });
    });
  });
}

const duration = async (file: string): Promise<number> => Number((await ffprobeJson(file)).format['duration']);

/** Kills a process and waits, without yielding to the event loop, until it is gone (a zombie counts). */
function killNow(pid: number): void {
  process.kill(pid, 'SIGKILL');
  const until = Date.now() + 5000;
  while (listFfmpegChildren().some((p) => p.pid === pid)) {
    if (Date.now() > until) throw new Error(`${pid} survived SIGKILL`);
  }
}

describe.each(['mkv', 'fmp4'] as const)('Recorder (%s)', (format) => {
  it('kill -9 of its FFmpeg leaves a file that decodes cleanly and holds what was recorded', async () => {
    const fan = liveSource();
    const r = rig(fan, format);
    expect(r.rec.start()).toEqual({ ok: true, value: null });
    await waitFor(() => r.ref.counters().frames >= 4 * FPS, 30_000, '4 s of stream');
    const proc = listFfmpegChildren().find((p) => p.cmdline.includes(r.file));
    expect(proc, 'the recorder FFmpeg').toBeDefined();
    const handed = r.ref.counters().frames;
    killNow(proc!.pid);
    // The file as the kill left it, before the recorder looks at it: that is what a crash leaves.
    const raw = `${r.file}.raw${path.extname(r.file)}`;
    copyFileSync(r.file, raw);

    await waitFor(() => r.ends.length > 0, 15_000, 'onEnd');
    expect(r.ends).toHaveLength(1);
    expect(r.ends[0]!.message).toMatch(/^Recording stopped: its FFmpeg was stopped by SIGKILL from outside the studio\. The file is saved up to that point\.$/);
    for (const file of [raw, r.file]) {
      const { errors, frames } = await decode(file);
      expect(errors, `${file} decodes cleanly`).toBe('');
      // A kill loses the unit being written (at most half a second) and what FFmpeg had not muxed yet.
      expect(frames).toBeGreaterThanOrEqual(handed - 1.5 * FPS);
      expect(frames).toBeLessThanOrEqual(handed);
    }
    expect(r.rec.status().bytes).toBeGreaterThan(0);
    await waitFor(() => r.clock.pending() === 0, 10_000, 'no timers left after the end');
    expect(fan.tapCount).toBe(1); // only the reference tap
  });

  it('a clean stop writes the whole recording; remuxToMp4 copies it into a plain MP4 of the same length', async () => {
    const fan = liveSource();
    const r = rig(fan, format);
    expect(r.rec.start().ok).toBe(true);
    await waitFor(() => r.ref.counters().frames >= 4 * FPS, 30_000, '4 s of stream');
    const handed = r.ref.counters().frames;
    const stopped = await r.rec.stop();
    expect(stopped).toEqual({ ok: true, value: null });
    expect(r.ends).toEqual([]);
    expect(r.clock.pending()).toBe(0);
    expect(fan.tapCount).toBe(1);

    const { errors, frames } = await decode(r.file);
    expect(errors).toBe('');
    // The frame arriving when stop() came is left out, so the input ends on a frame boundary.
    expect(frames).toBeGreaterThanOrEqual(handed - 2);
    expect(frames).toBeLessThanOrEqual(handed);
    const seconds = await duration(r.file);
    expect(Math.abs(seconds - handed / FPS)).toBeLessThan(0.25);
    const status = r.rec.status();
    expect(status.bytes).toBe(statSync(r.file).size);
    expect(Math.abs(status.durationMs / 1000 - seconds)).toBeLessThan(0.25);
    expect(status.dropped).toBe(0);

    const before = statSync(r.file);
    const remuxed = await remuxToMp4(FFMPEG, r.file, { clock: systemClock, logger: { log: () => {} } });
    expect(remuxed.ok, remuxed.ok ? '' : remuxed.error.message).toBe(true);
    if (!remuxed.ok) return;
    const mp4 = remuxed.value;
    expect(path.dirname(mp4)).toBe(path.dirname(r.file));
    // An fMP4 recording already has the .mp4 name; the copy never takes it.
    expect(path.basename(mp4)).toBe(format === 'mkv' ? 'take.mp4' : 'take (plain).mp4');
    expect(statSync(r.file).size).toBe(before.size);
    expect(readdirSync(path.dirname(mp4)).sort()).toEqual([...new Set([path.basename(r.file), path.basename(mp4)])].sort());
    const probe = await ffprobeJson(mp4);
    expect(probe.format.format_name).toContain('mp4');
    expect(probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort()).toEqual(['audio:aac', 'video:h264']);
    expect(Math.abs(Number(probe.format['duration']) - seconds)).toBeLessThan(0.1);
    expect(await decode(mp4)).toEqual({ errors: '', frames });
    // Plain, not fragmented, and the index first (faststart).
    const header = await firstBoxes(mp4);
    expect(header.slice(0, 2)).toEqual(['ftyp', 'moov']);
    expect(header).not.toContain('moof');

    // A second remux never overwrites the first.
    const again = await remuxToMp4(FFMPEG, r.file, { clock: systemClock, logger: { log: () => {} } });
    expect(again.ok && path.basename(again.value)).toBe(format === 'mkv' ? 'take (2).mp4' : 'take (plain) (2).mp4');
  });

  it('a full disk (a file-size limit) ends it with a clear message and a file that decodes, while the other tap carries on', async () => {
    for (const ignoreSignal of [false, true]) {
      const fan = liveSource();
      const other = new Counter();
      const otherTap = fan.tap(other, 4 * MB);
      cleanups.push(async () => otherTap.close());
      await waitFor(() => otherTap.counters().frames > 0, 30_000, 'the other tap to join');
      // 512-byte blocks: ~250 KB, two seconds or so of this stream. With SIGXFSZ ignored the write
      // fails with EFBIG instead, the path an ordinary full disk (ENOSPC) takes too.
      const dir = temp();
      const wrapper = path.join(dir, 'ffmpeg-limited');
      writeFileSync(wrapper, `#!/bin/sh\n${ignoreSignal ? "trap '' XFSZ\n" : ''}ulimit -f 500\nexec ${FFMPEG} "$@"\n`);
      chmodSync(wrapper, 0o755);
      const r = rig(fan, format, { ffmpegPath: wrapper });
      const atStart = other.bytes;
      expect(r.rec.start().ok).toBe(true);
      await waitFor(() => r.ends.length > 0, 30_000, 'onEnd');
      const atEnd = other.bytes;
      expect(r.ends).toHaveLength(1);
      expect(r.ends[0]!.code).toBe(Status.ActionFailed);
      expect(r.ends[0]!.message).toMatch(/^Recording stopped: the file reached the largest size this disk or system allows for one file \(\d+ KB\); .*The file is saved up to that point\.$/);
      const size = statSync(r.file).size;
      expect(size).toBeGreaterThan(50_000);
      expect(size).toBeLessThanOrEqual(500 * 512);
      const { errors, frames } = await decode(r.file);
      expect(errors, `decodes cleanly (SIGXFSZ ${ignoreSignal ? 'ignored' : 'kills'})`).toBe('');
      expect(frames).toBeGreaterThan(FPS / 2);
      // The other consumer got data throughout, and still does; nothing was dropped for it.
      expect(atEnd - atStart).toBeGreaterThan(50_000);
      await waitFor(() => other.bytes - atEnd > 20_000, 30_000, 'the other consumer to keep getting data');
      expect(otherTap.counters().dropped).toBe(0);
      expect(fan.tapCount).toBe(2); // the other tap and the reference tap
      expect(r.clock.pending()).toBe(0);
    }
  });

  it('the free-space watchdog stops it gracefully when space runs low, with a finished file', async () => {
    const fan = liveSource();
    let free = 10_000 * MB;
    const r = rig(fan, format, {
      minFreeBytes: 5000 * MB,
      diskCheckMs: 300,
      freeBytes: async () => {
        // Plenty while the first seconds are recorded, then it drops fast.
        if (r.ref.counters().frames >= 2 * FPS) free -= 1000 * MB;
        return free;
      },
    });
    expect(r.rec.start().ok).toBe(true);
    await waitFor(() => r.ends.length > 0, 30_000, 'onEnd');
    expect(r.ends).toHaveLength(1);
    expect(r.ends[0]!.message).toMatch(/^Recording stopped: the disk holding .* is almost full \(4\d{3} MB free, 5000 MB required\)\. The file is saved up to that point\.$/);
    expect(r.ends[0]!.message).toContain(path.dirname(r.file));
    expect(r.rec.status().freeBytes).toBeLessThan(5000 * MB);
    // A graceful end: FFmpeg finished the file (its length is in the header) and it decodes cleanly.
    const { errors, frames } = await decode(r.file);
    expect(errors).toBe('');
    expect(frames).toBeGreaterThan(FPS);
    expect(Math.abs((await duration(r.file)) - frames / FPS)).toBeLessThan(0.25);
    expect(r.logs.some((l) => l.includes('ffmpeg exited') && l.includes('"code":0'))).toBe(true);
    // Stopping an ended recording is fine and changes nothing.
    expect(await r.rec.stop()).toEqual({ ok: true, value: null });
    expect(r.ends).toHaveLength(1);
    expect(r.clock.pending()).toBe(0);
  });
});

describe('Recorder', () => {
  it('dispose() kills FFmpeg at once, clears its timers and calls no onEnd', async () => {
    const fan = liveSource();
    const r = rig(fan, 'mkv');
    expect(r.rec.start().ok).toBe(true);
    await waitFor(() => r.rec.status().bytes > 0, 30_000, 'data on disk');
    await r.rec.dispose();
    expect(listFfmpegChildren().filter((p) => p.cmdline.includes(r.file))).toEqual([]);
    expect(r.clock.pending()).toBe(0);
    expect(fan.tapCount).toBe(1);
    await sleep(200);
    expect(r.ends).toEqual([]);
    expect(r.rec.start().ok).toBe(false);
  });

  it('reports an FFmpeg that cannot be started through onEnd, and refuses a name that exists', async () => {
    const fan = new FanOut();
    const r = rig(fan, 'mkv', { ffmpegPath: path.join(temp(), 'no-ffmpeg-here') });
    expect(r.rec.start().ok).toBe(true);
    await waitFor(() => r.ends.length > 0, 10_000, 'onEnd');
    expect(r.ends[0]!.message).toMatch(/^Recording could not start: FFmpeg could not be started from .*no-ffmpeg-here \(ENOENT\)\.$/);

    const taken = rig(liveSource(), 'mkv');
    writeFileSync(taken.file, 'someone else');
    expect(taken.rec.start().ok).toBe(true);
    await waitFor(() => taken.ends.length > 0, 30_000, 'onEnd');
    expect(taken.ends[0]!.message).toBe(`Recording could not start: ${taken.file} already exists.`);
    expect(statSync(taken.file).size).toBe('someone else'.length);
  });
});

describe('checkFreeSpace', () => {
  it('refuses when the minimum is above what the disk has free, naming the folder and both sizes', async () => {
    const dir = temp();
    const free = (await freeBytesAt(dir))!;
    expect(free).toBeGreaterThan(0);
    const r = await checkFreeSpace(dir, free + 100_000 * MB);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(Status.ActionFailed);
    expect(r.error.message).toMatch(new RegExp(`^Not enough free space to record in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ MB free, \\d+ MB required\\.`));
    expect((await checkFreeSpace(dir, MB)).ok).toBe(true);
    expect(existsSync(dir)).toBe(true);
  });
});

/** The top-level box types of an MP4, in order. */
async function firstBoxes(file: string): Promise<string[]> {
  const { open } = await import('node:fs/promises');
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const types: string[] = [];
    for (let at = 0; at + 8 <= size && types.length < 16; ) {
      const b = Buffer.alloc(16);
      await fh.read(b, 0, 16, at);
      const small = b.readUInt32BE(0);
      types.push(b.toString('latin1', 4, 8));
      const length = small === 1 ? Number(b.readBigUInt64BE(8)) : small;
      if (length < 8) break;
      at += length;
    }
    return types;
  } finally {
    await fh.close();
  }
}
