/**
 * Places the audio graph's samples on the page's clock (performance.now()), where the compositor
 * stamps its frames, so the engine can pair each picture with the sound of the same instant.
 * The tap's chunks carry their first sample's index on the audio clock; a chunk reaches the main
 * thread some time after its last sample went through the graph, never before. The smallest
 * (arrival − sample time) seen over a sliding window is therefore the graph's own placement of
 * that sample plus the least message delay: a steady mapping that follows the audio clock's drift
 * against the page's clock as the window slides.
 */
export class AudioClockMap {
  /** Candidates for the window's minimum, oldest first, each smaller than the ones before it. */
  private readonly mins: { t: number; d: number }[] = [];

  constructor(
    private readonly sampleRate: number,
    private readonly windowMs = 2000,
  ) {}

  /**
   * A chunk of the frames [startFrame, endFrame) arrived at nowMs: the stamp (page ms) of its first
   * sample.
   */
  stamp(startFrame: number, endFrame: number, nowMs: number): number {
    const msPerFrame = 1000 / this.sampleRate;
    const d = nowMs - endFrame * msPerFrame;
    while (this.mins.length > 0 && this.mins[this.mins.length - 1]!.d >= d) this.mins.pop();
    this.mins.push({ t: nowMs, d });
    while (this.mins.length > 1 && this.mins[0]!.t < nowMs - this.windowMs) this.mins.shift();
    return startFrame * msPerFrame + this.mins[0]!.d;
  }

  /** The page ms of the audio clock's time 0 (what stamp adds to a frame's time), or null before the first chunk. */
  get originMs(): number | null {
    return this.mins.length ? this.mins[0]!.d : null;
  }

  reset(): void {
    this.mins.length = 0;
  }
}
