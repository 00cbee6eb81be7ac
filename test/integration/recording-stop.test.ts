/**
 * A recording ends at the moment of its stop, not the encoder's delay earlier (real FFmpeg, the
 * real StreamOutput and Recorder). The frames written to the encoder just before a stop are still
 * inside it (its own delay, the fan-out's batching; seconds on a loaded machine): alone on the
 * encoder, the recording ends the encoder first so it flushes them into the file; beside a stream,
 * the recording keeps reading until they have come out. Judged by the file's last frames: the
 * picture changes shortly before the stop, and every frame written with the new picture is there.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/engine/clock';
import { Recorder } from '../../src/engine/output/recording/recorder';
import { startNginxRtmp } from '../harness';
import { makeNv12Frame, rects } from '../harness/nv12';
import { RIG_ENCODER, RIG_FFMPEG, RIG_H, RIG_VIDEO, RIG_W, destIs, outputRig, type Rig } from '../harness/output-rig';

const BLUE = makeNv12Frame(RIG_W, RIG_H, rects([20, 20, 230], []));
/** Frames written with the new picture before the stop. */
const AFTER_CHANGE = 20;
/** The new picture reaches the encoder within the pump's jitter buffer (3) and one tick. */
const PUMP_SLACK = 4;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function rig(): Rig {
  const r = outputRig();
  cleanups.push(() => r.dispose());
  return r;
}

/** Each frame of the file: blue (b) or not (x), from its middle pixel. */
function colours(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(RIG_FFMPEG, ['-v', 'error', '-i', file, '-vf', 'scale=8:8', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`ffmpeg exited ${code} reading ${file}: ${err}`));
      const all = Buffer.concat(out);
      const size = 8 * 8 * 3;
      let seq = '';
      for (let at = 0; at + size <= all.length; at += size) {
        const i = at + (4 * 8 + 4) * 3;
        seq += all[i + 2]! > 180 && all[i]! < 80 ? 'b' : 'x';
      }
      resolve(seq);
    });
  });
}

async function startRecording(r: Rig): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rec-stop-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'show.mkv');
  const attached = await r.out.startRecording({ ffmpegPath: RIG_FFMPEG, video: RIG_VIDEO, encoder: RIG_ENCODER }, (fanOut) => {
    const rec = new Recorder({ ffmpegPath: RIG_FFMPEG, fanOut, path: file, format: 'mkv', minFreeBytes: 0, clock: systemClock, logger: { log: () => {} }, onEnd: () => {} });
    const started = rec.start();
    return started.ok ? { ok: true, value: rec } : started;
  });
  expect(attached).toEqual({ ok: true, value: null });
  return file;
}

const written = (r: Rig): number => r.out.diagnostics().framesSent;

/** Records a while, changes the picture, lets AFTER_CHANGE frames be written, stops: the file's frames. */
async function changeThenStop(r: Rig, file: string): Promise<{ seq: string; blueWritten: number }> {
  // The recording has its first frames (it joins a running encoder at a keyframe, which a loaded
  // machine delays): its FFmpeg writes the file's header once they come. Then half a second more.
  await expect.poll(() => (existsSync(file) ? statSync(file).size : 0), { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
  const joined = written(r);
  await expect.poll(() => written(r), { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(joined + 15);
  const atChange = written(r);
  r.setPicture(BLUE);
  await expect.poll(() => written(r), { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(atChange + AFTER_CHANGE);
  const atStop = written(r);
  expect(await r.out.stopRecording()).toEqual({ ok: true, value: null });
  return { seq: await colours(file), blueWritten: atStop - atChange - PUMP_SLACK };
}

describe('stopping a recording', () => {
  it('alone on the encoder: the frames written up to the stop are all in the file', async () => {
    const r = rig();
    r.feedFrames();
    const file = await startRecording(r);
    const { seq, blueWritten } = await changeThenStop(r, file);
    expect(seq, seq).toMatch(/^x+b+$/);
    expect(seq.length - seq.indexOf('b'), seq).toBeGreaterThanOrEqual(blueWritten);
  });

  it('beside a stream that goes on: the file takes the frames still inside the encoder', async () => {
    const nginx = await startNginxRtmp();
    cleanups.push(() => nginx.stop());
    const r = rig();
    await r.start([{ id: 'a', name: 'A', url: `rtmp://127.0.0.1:${nginx.port}/live/a` }]);
    await r.waitFor(destIs('a', 'live'), 30_000, 'the stream live');
    const file = await startRecording(r);
    const { seq, blueWritten } = await changeThenStop(r, file);
    expect(seq, seq).toMatch(/^x+b+$/);
    expect(seq.length - seq.indexOf('b'), seq).toBeGreaterThanOrEqual(blueWritten);
    // The stream goes on, untouched by the recording's end.
    expect(r.out.state()).toBe('live');
  });
});
