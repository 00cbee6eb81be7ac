import { describe, expect, it } from 'vitest';
import { crossfadeWorkletSource, fadeGains, fadeShape } from './crossfade-worklet';

describe('crossfade gains', () => {
  it('equal gain sums to one all the way', () => {
    for (let t = 0; t <= 1; t += 0.05) {
      const [a, b] = fadeGains('gain', t);
      expect(a + b).toBeCloseTo(1, 12);
    }
  });

  it('equal power keeps the power at one all the way', () => {
    for (let t = 0; t <= 1; t += 0.05) {
      const [a, b] = fadeGains('power', t);
      expect(a * a + b * b).toBeCloseTo(1, 12);
    }
  });

  it('starts on the old chain, ends on the new, clamped outside 0..1', () => {
    for (const shape of ['gain', 'power'] as const) {
      expect(fadeGains(shape, -1)).toEqual([1, 0]);
      expect(fadeGains(shape, 0)).toEqual([1, 0]);
      expect(fadeGains(shape, 2)[0]).toBeCloseTo(0, 12);
      expect(fadeGains(shape, 2)[1]).toBe(1);
    }
  });

  it('fades equal gain between chains of the same latency, equal power across RNNoise', () => {
    expect(fadeShape(0, 0)).toBe('gain');
    expect(fadeShape(0.01933, 0.01933)).toBe('gain');
    expect(fadeShape(0.01933, 0)).toBe('power');
    expect(fadeShape(0, 0.01933)).toBe('power');
  });
});

describe('the crossfade worklet source', () => {
  it('is valid JavaScript that registers its processor', () => {
    const registered: string[] = [];
    // The worklet's globals, so that the text runs here as it would on the audio thread.
    new Function('AudioWorkletProcessor', 'registerProcessor', 'sampleRate', crossfadeWorkletSource())(class {}, (name: string) => registered.push(name), 48000);
    expect(registered).toEqual(['studio-crossfade']);
  });
});
