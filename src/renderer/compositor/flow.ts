/**
 * Ack-based flow control for video frames: at most `max` frames may await the engine's ack. An ack
 * for sequence s releases s and everything sent before it (acks are in order, a lost one must not
 * wedge the window). Entries older than staleMs are dropped, so a frame the transport silently lost
 * (socket buffer full, engine restart) cannot block output for good. No allocation per frame.
 */
export class FlowWindow {
  private readonly seqs: Float64Array;
  private readonly times: Float64Array;
  private count = 0;

  constructor(
    readonly max = 3,
    private readonly staleMs = 2000,
  ) {
    this.seqs = new Float64Array(max);
    this.times = new Float64Array(max);
  }

  get size(): number {
    return this.count;
  }

  /** Whether one more frame may be sent now. */
  hasRoom(now: number): boolean {
    this.prune(now);
    return this.count < this.max;
  }

  sent(sequence: number, now: number): void {
    if (this.count === this.max) this.dropFirst(1);
    this.seqs[this.count] = sequence;
    this.times[this.count] = now;
    this.count++;
  }

  ack(sequence: number): void {
    let n = 0;
    while (n < this.count && (this.seqs[n] as number) <= sequence) n++;
    this.dropFirst(n);
  }

  reset(): void {
    this.count = 0;
  }

  private prune(now: number): void {
    let n = 0;
    while (n < this.count && now - (this.times[n] as number) > this.staleMs) n++;
    this.dropFirst(n);
  }

  private dropFirst(n: number): void {
    if (n <= 0) return;
    this.seqs.copyWithin(0, n, this.count);
    this.times.copyWithin(0, n, this.count);
    this.count -= n;
  }
}
