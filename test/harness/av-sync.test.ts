/**
 * The A/V sync helpers on material whose offset is known: the flash/beep clip as FFmpeg wrote it
 * measures 0 (within a frame's quantisation), and the same clip with its sound delayed by 200 ms
 * (FFmpeg's adelay) measures +200.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { beepOnsets, flashOnsets, makeFlashBeepClip, measureSync, pairOffsets } from './av-sync';
import { suiteResources } from './suite';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const res = suiteResources();

describe('A/V sync helpers', () => {
  it('measure a clip in sync as 0 and one with its sound 200 ms late as +200', async () => {
    const dir = res.temp('av-sync-');
    const clip = path.join(dir, 'flash-beep.mp4');
    await makeFlashBeepClip(clip, { seconds: 5 });
    const inSync = await measureSync(clip, 5);
    // The pulse at 0 s follows nothing dark or quiet: onsets are the four at 1..4 s.
    expect(inSync.flashes).toBe(4);
    expect(inSync.beeps).toBe(4);
    expect(inSync.offsetsMs).toHaveLength(4);
    for (const o of inSync.offsetsMs) expect(Math.abs(o)).toBeLessThan(3);

    const late = path.join(dir, 'late.mp4');
    await promisify(execFile)('ffmpeg', ['-v', 'error', '-y', '-i', clip, '-c:v', 'copy', '-af', 'adelay=200', '-c:a', 'aac', late]);
    const m = await measureSync(late, 5);
    expect(m.offsetsMs.length).toBeGreaterThanOrEqual(3);
    expect(Math.abs(m.medianMs - 200)).toBeLessThan(3);
  });

  it('find onsets and pair them on synthetic signals', () => {
    const frames = Array.from({ length: 90 }, (_, i) => ({ t: i / 30, y: i % 30 < 3 ? 235 : 16 }));
    expect(flashOnsets(frames)).toEqual([1, 2]);
    const pcm = new Int16Array(48000 * 3);
    for (const s of [0.01, 1.01, 2.01]) for (let i = 0; i < 4800; i++) pcm[Math.round(s * 48000) + i] = Math.round(16000 * Math.sin((2 * Math.PI * 1000 * i) / 48000 + 0.3));
    // The first beep follows no quiet stretch and is not an onset; the others are, 10 ms late.
    const beeps = beepOnsets(pcm, 0);
    expect(beeps).toHaveLength(2);
    const m = pairOffsets(flashOnsets(frames), beeps);
    expect(m.offsetsMs.map((o) => Math.round(o))).toEqual([10, 10]);
    expect(Math.round(m.medianMs)).toBe(10);
  });
});
