import { describe, expect, it } from 'vitest';
import { measureAudio, withoutGaps } from './audio';

/** Stereo noise at ±1000 with a run of `gap` silent sample frames in the middle. */
function noiseWithGap(frames: number, gap: number): Int16Array {
  const pcm = new Int16Array(frames * 2);
  let seed = 7;
  for (let i = 0; i < pcm.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    pcm[i] = 500 + (seed % 500); // never quiet
  }
  const from = Math.floor((frames - gap) / 2) * 2;
  pcm.fill(0, from, from + gap * 2);
  return pcm;
}

describe('withoutGaps', () => {
  it('takes out a padded silence of 5 ms or more, so the level is the sound\'s own', () => {
    const pcm = noiseWithGap(48000, 9600);
    const kept = withoutGaps(pcm, 2);
    expect(kept.length).toBe((48000 - 9600) * 2);
    expect(measureAudio(pcm).rmsDb).toBeLessThan(measureAudio(kept).rmsDb - 0.9);
    expect(kept.every((v) => v >= 500)).toBe(true);
  });

  it('keeps a quiet stretch shorter than the gap length, and one quiet channel beside a sounding one', () => {
    expect(withoutGaps(noiseWithGap(48000, 200), 2).length).toBe(96000);
    const oneSide = noiseWithGap(4800, 0);
    for (let f = 0; f < 4800; f++) oneSide[f * 2] = 0;
    expect(withoutGaps(oneSide, 2).length).toBe(9600);
  });
});
