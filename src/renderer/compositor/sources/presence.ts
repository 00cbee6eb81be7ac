/**
 * Whether an overlay is on screen, as a level from 0 (gone) to 1 (fully in) that moves linearly
 * over the animation's duration. Changing the content while it is shown plays out, swaps, plays in.
 * Time is passed in (ms), so it is pure and the runtime decides the clock. Easing is applied by
 * whoever draws the level.
 */
export interface PresenceView<C> {
  content: C | null;
  /** Linear 0..1. */
  level: number;
}

export class Presence<C> {
  private shown: C | null = null;
  /** Content to bring in once the current one has gone out (undefined = none). */
  private pending: C | null | undefined = undefined;
  private from = 0;
  private since = 0;
  private dir: -1 | 0 | 1 = 0;
  private duration = 0;

  constructor(private readonly same: (a: C, b: C) => boolean) {}

  /** The wanted content (null = hidden) from `now` on, animating over durationMs. */
  set(target: C | null, now: number, durationMs: number): void {
    this.advance(now);
    this.duration = Math.max(0, durationMs);
    const level = this.levelAt(now);
    if (target === null) {
      this.pending = undefined;
      if (this.shown !== null) this.move(-1, level, now);
      return;
    }
    if (this.shown === null) {
      this.shown = target;
      this.pending = undefined;
      this.move(1, 0, now);
    } else if (this.same(this.shown, target)) {
      this.pending = undefined;
      if (this.dir !== 1 && level < 1) this.move(1, level, now);
    } else if (level === 0) {
      this.shown = target;
      this.pending = undefined;
      this.move(1, 0, now);
    } else {
      this.pending = target;
      this.move(-1, level, now);
    }
    this.advance(now);
  }

  view(now: number): PresenceView<C> {
    this.advance(now);
    return { content: this.shown, level: this.levelAt(now) };
  }

  animating(now: number): boolean {
    this.advance(now);
    return this.dir !== 0;
  }

  private move(dir: -1 | 1, from: number, now: number): void {
    this.dir = dir;
    this.from = from;
    this.since = now;
  }

  private levelAt(now: number): number {
    if (this.dir === 0) return this.from;
    if (this.duration === 0) return this.dir > 0 ? 1 : 0;
    const l = this.from + (this.dir * (now - this.since)) / this.duration;
    return l <= 0 ? 0 : l >= 1 ? 1 : l;
  }

  /** Settles finished moves: in → rests at 1; out → gone, or the pending content starts coming in. */
  private advance(now: number): void {
    for (let guard = 0; guard < 3 && this.dir !== 0; guard++) {
      const level = this.levelAt(now);
      if (this.dir === 1 && level >= 1) {
        this.dir = 0;
        this.from = 1;
      } else if (this.dir === -1 && level <= 0) {
        // When the out move ended, not now: the in move keeps the right phase between calls.
        const ended = this.duration === 0 ? now : this.since + (this.from * this.duration);
        if (this.pending === undefined || this.pending === null) {
          this.shown = null;
          this.dir = 0;
          this.from = 0;
        } else {
          this.shown = this.pending;
          this.pending = undefined;
          this.move(1, 0, Math.min(now, ended));
        }
      } else return;
    }
  }
}
