/**
 * Torn recordings, made the way a full disk makes them: files the recorder's own FFmpeg arguments
 * wrote (from a real MPEG-TS), cut short at arbitrary bytes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingFormat } from '../../../shared';
import { buildRecorderArgs } from './args';
import { trimTornTail } from './repair';

const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';
const dir = mkdtempSync(path.join(tmpdir(), 'rec-repair-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<RecordingFormat, string> = { mkv: path.join(dir, 'whole.mkv'), fmp4: path.join(dir, 'whole.mp4') };

beforeAll(() => {
  const ts = execFileSync(FFMPEG, [
    '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', '6', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-c:a', 'aac', '-f', 'mpegts', 'pipe:1',
  ], { maxBuffer: 64 << 20 });
  for (const format of ['mkv', 'fmp4'] as const) {
    const args = buildRecorderArgs({ path: files[format], format }).filter((a, i, all) => a !== '-progress' && all[i - 1] !== '-progress');
    execFileSync(FFMPEG, ['-v', 'error', ...args.filter((a) => a !== '-loglevel' && a !== 'info')], { input: ts });
  }
});

/** What FFmpeg says decoding the file (nothing when it decodes cleanly), and the video frames it got. */
function decode(file: string): { errors: string; frames: number } {
  const r = spawnSync(FFMPEG, ['-v', 'error', '-i', file, '-map', '0', '-f', 'framemd5', '-'], { encoding: 'utf8' });
  return { errors: r.stderr.trim(), frames: r.stdout.split('\n').filter((l) => /^0,/.test(l)).length };
}

function tornCopy(format: RecordingFormat, fraction: number): { file: string; cut: number } {
  const file = path.join(dir, `torn-${fraction}${path.extname(files[format])}`);
  copyFileSync(files[format], file);
  const cut = Math.floor(statSync(file).size * fraction);
  truncateSync(file, cut);
  return { file, cut };
}

describe.each(['mkv', 'fmp4'] as const)('trimTornTail (%s)', (format) => {
  it('leaves a whole recording exactly as it is', async () => {
    const before = readFileSync(files[format]);
    expect(decode(files[format])).toEqual({ errors: '', frames: 180 });
    const r = await trimTornTail(files[format]);
    expect(r).toEqual({ ok: true, value: { before: before.length, after: before.length } });
    expect(readFileSync(files[format]).equals(before)).toBe(true);
  });

  it.each([0.37, 0.62, 0.81, 0.97])('cuts a file torn at %s of its length back to its last whole unit, which then decodes cleanly', async (fraction) => {
    const { file, cut } = tornCopy(format, fraction);
    // Without the cut FFmpeg reports the torn tail; that is what this is for.
    expect(decode(file).errors).not.toBe('');
    const r = await trimTornTail(file);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.before).toBe(cut);
    expect(r.value.after).toBeLessThan(cut);
    expect(statSync(file).size).toBe(r.value.after);
    const { errors, frames } = decode(file);
    expect(errors).toBe('');
    // Units are at most half a second (15 frames) long: that is about all a tear may cost.
    expect(frames).toBeGreaterThan(180 * fraction - 15 - 10);
    expect(frames).toBeLessThanOrEqual(180 * fraction);
  });

  it('leaves a file torn before its track header alone (nothing there to save)', async () => {
    const file = path.join(dir, `early${path.extname(files[format])}`);
    writeFileSync(file, readFileSync(files[format]).subarray(0, 40));
    expect(await trimTornTail(file)).toEqual({ ok: true, value: { before: 40, after: 40 } });
  });
});

describe('trimTornTail', () => {
  it('marks a torn Matroska Segment whose size was already written as "unknown", so readers stop at the end', async () => {
    const file = path.join(dir, 'sized.mkv');
    copyFileSync(files.mkv, file);
    const whole = readFileSync(file);
    // FFmpeg writes the Segment's size (8 bytes after its 4-byte ID) when it finishes the file.
    const seg = whole.indexOf(Buffer.from([0x18, 0x53, 0x80, 0x67]));
    expect(whole[seg + 4]).toBe(0x01);
    expect(whole.subarray(seg + 5, seg + 12).equals(Buffer.alloc(7, 0xff))).toBe(false);
    truncateSync(file, Math.floor(whole.length * 0.5));
    const r = await trimTornTail(file);
    expect(r.ok && r.value.after < r.value.before).toBe(true);
    expect(readFileSync(file).subarray(seg + 4, seg + 12).equals(Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBe(true);
    expect(decode(file).errors).toBe('');
  });

  it('leaves files it does not recognise alone, and reports one it cannot open', async () => {
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'not a recording at all, just some text');
    expect(await trimTornTail(file)).toEqual({ ok: true, value: { before: 38, after: 38 } });
    const missing = await trimTornTail(path.join(dir, 'missing.mkv'));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/missing\.mkv could not be checked.*ENOENT/);
  });
});
