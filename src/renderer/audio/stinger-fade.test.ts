import { describe, expect, it } from 'vitest';
import { STINGER_CROSSFADE, STINGER_FADE_OUT_IN, fadeCurve, roleGain, stingerAudioMix } from './stinger-fade';

describe("stinger audio_fade_style (OBS's transition-stinger.c)", () => {
  it('0: the old scene fades out by the transition point, then the new one fades in to the end', () => {
    const at = (t: number) => stingerAudioMix(STINGER_FADE_OUT_IN, t, 0.4);
    expect(at(0)).toEqual({ a: 1, b: 0 });
    expect(at(0.2).a).toBeCloseTo(0.5);
    expect(at(0.2).b).toBe(0);
    expect(at(0.4)).toEqual({ a: 0, b: 0 });
    expect(at(0.7).a).toBe(0);
    expect(at(0.7).b).toBeCloseTo(0.5);
    expect(at(1)).toEqual({ a: 0, b: 1 });
    // Never both at once: the old scene is silent before the new one starts.
    for (let t = 0; t <= 1; t += 0.01) expect(Math.min(at(t).a, at(t).b)).toBe(0);
  });

  it('1: a crossfade over the whole stinger, whatever the point', () => {
    const at = (t: number) => stingerAudioMix(STINGER_CROSSFADE, t, 0.9);
    expect(at(0)).toEqual({ a: 1, b: 0 });
    expect(at(0.25)).toEqual({ a: 0.75, b: 0.25 });
    expect(at(0.5)).toEqual({ a: 0.5, b: 0.5 });
    expect(at(1)).toEqual({ a: 0, b: 1 });
  });

  it('a point at the very start or end, and progress outside 0…1, stay within 0…1', () => {
    expect(stingerAudioMix(STINGER_FADE_OUT_IN, 0.5, 0)).toEqual({ a: 0, b: 0.5 });
    expect(stingerAudioMix(STINGER_FADE_OUT_IN, 0.5, 1)).toEqual({ a: 0.5, b: 0 });
    expect(stingerAudioMix(STINGER_FADE_OUT_IN, 1, 1)).toEqual({ a: 0, b: 1 });
    expect(stingerAudioMix(STINGER_CROSSFADE, -1, 0.5)).toEqual({ a: 1, b: 0 });
    expect(stingerAudioMix(STINGER_CROSSFADE, 2, 0.5)).toEqual({ a: 0, b: 1 });
  });

  it('an input in both scenes hears the sum, never above unity', () => {
    expect(roleGain('both', stingerAudioMix(STINGER_CROSSFADE, 0.3, 0.5))).toBeCloseTo(1);
    expect(roleGain('both', stingerAudioMix(STINGER_FADE_OUT_IN, 0.5, 0.5))).toBe(0);
    expect(roleGain('from', { a: 0.2, b: 0.9 })).toBe(0.2);
    expect(roleGain('to', { a: 0.2, b: 0.9 })).toBe(0.9);
  });

  it('samples the rest of the curve from where the stinger is now', () => {
    const whole = fadeCurve(STINGER_FADE_OUT_IN, 'from', 0.5, 0, 5);
    expect([...whole]).toEqual([1, 0.5, 0, 0, 0]);
    const late = fadeCurve(STINGER_FADE_OUT_IN, 'to', 0.5, 0.5, 3);
    expect([...late]).toEqual([0, 0.5, 1]);
    expect(fadeCurve(STINGER_CROSSFADE, 'to', 0.5, 0, 1)).toHaveLength(2);
  });
});
