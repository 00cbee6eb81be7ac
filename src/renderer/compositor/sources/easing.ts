/** Easing curves for overlay animations: t in 0..1 → progress (0 at 0, 1 at 1). Pure. */

export type Easing = 'linear' | 'ease_out' | 'ease_in_out' | 'back';

const clamp01 = (t: number): number => (t <= 0 ? 0 : t >= 1 ? 1 : t);

export function ease(kind: string, t: number): number {
  const x = clamp01(t);
  switch (kind) {
    case 'linear':
      return x;
    case 'ease_in_out':
      return x < 0.5 ? 4 * x * x * x : 1 - (-2 * x + 2) ** 3 / 2;
    case 'back': {
      // Overshoots by about 10 % before settling: the "snap" producers like for captions.
      const c = 1.70158;
      return 1 + (c + 1) * (x - 1) ** 3 + c * (x - 1) ** 2;
    }
    default:
      return 1 - (1 - x) ** 3;
  }
}
