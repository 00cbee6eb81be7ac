/**
 * OBS's stinger audio (obs-transitions' transition-stinger.c): how loud the scene being left (a)
 * and the scene coming in (b) are in program at progress t (0…1 of the whole stinger), as its
 * `audio_fade_style` says. 0 (fade out, fade in): a falls from 1 to 0 by the transition point p
 * and b rises from 0 to 1 from p to the end, so the two never overlap. 1 (crossfade): a = 1 − t
 * and b = t over the whole stinger. A source shown in both scenes hears a + b, as OBS sums the
 * two scenes' mixes.
 */
export const STINGER_FADE_OUT_IN = 0;
export const STINGER_CROSSFADE = 1;

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

export function stingerAudioMix(style: number, t: number, point: number): { a: number; b: number } {
  const x = clamp01(t);
  if (style === STINGER_CROSSFADE) return { a: 1 - x, b: x };
  const p = clamp01(point);
  const a = p > 0 ? 1 - Math.min(1, x / p) : 0;
  const b = p < 1 ? 1 - Math.min(1, (1 - x) / (1 - p)) : x >= 1 ? 1 : 0;
  return { a, b };
}

/** Which of the two scenes an input is shown in. */
export type FadeRole = 'from' | 'to' | 'both';

export function roleGain(role: FadeRole, mix: { a: number; b: number }): number {
  return role === 'from' ? mix.a : role === 'to' ? mix.b : Math.min(1, mix.a + mix.b);
}

/**
 * The gain an input of `role` follows from progress `fromT` to the end, sampled for an AudioParam
 * value curve (a linear ramp between samples; enough of them that the bend at the point is sharp).
 */
export function fadeCurve(style: number, role: FadeRole, point: number, fromT: number, samples: number): Float32Array<ArrayBuffer> {
  const n = Math.max(2, Math.round(samples));
  const out = new Float32Array(n);
  const start = clamp01(fromT);
  for (let i = 0; i < n; i++) out[i] = roleGain(role, stingerAudioMix(style, start + ((1 - start) * i) / (n - 1), point));
  return out;
}
