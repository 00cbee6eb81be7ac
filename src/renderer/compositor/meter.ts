/** Per-second averages for the stats report (fps composited, mean render time). Pure. */
export class RateMeter {
  private frames = 0;
  private msSum = 0;
  private windowStart: number;
  fps = 0;
  renderMs = 0;

  constructor(now: number) {
    this.windowStart = now;
  }

  frame(ms: number): void {
    this.frames++;
    this.msSum += ms;
  }

  /** Closes the current window when at least a second has passed; returns whether it did. */
  roll(now: number): boolean {
    const elapsed = now - this.windowStart;
    if (elapsed < 1000) return false;
    this.fps = (this.frames * 1000) / elapsed;
    this.renderMs = this.frames > 0 ? this.msSum / this.frames : 0;
    this.frames = 0;
    this.msSum = 0;
    this.windowStart = now;
    return true;
  }
}
