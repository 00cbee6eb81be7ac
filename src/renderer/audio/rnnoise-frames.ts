/**
 * RNNoise works on 480-sample frames; an AudioWorklet gets 128-sample quanta. FrameBuffer turns one
 * into the other for one channel with the least fixed delay that never runs dry: the output starts
 * `delay` samples of silence ahead, where delay = frame − gcd(quantum, frame) (448 samples, 9.33 ms
 * at 48 kHz, for 128 and 480). The delay is constant, so the strip's timing can count on it.
 *
 * Self-contained (no imports, no outer names): rnnoise-worklet.ts puts its source into the worklet.
 */
export class FrameBuffer {
  readonly delay: number;
  private readonly frame: Float32Array;
  private fill = 0;
  /** Processed samples waiting to go out (a ring). */
  private readonly out: Float32Array;
  private head = 0;
  private count: number;

  constructor(
    private readonly size: number,
    quantum: number,
    private readonly process: (frame: Float32Array) => void,
  ) {
    let a = size;
    let b = quantum;
    while (b) [a, b] = [b, a % b];
    this.delay = size - a;
    this.frame = new Float32Array(size);
    this.out = new Float32Array(size * 2 + quantum);
    this.count = this.delay;
  }

  /** Takes input.length samples in and writes as many out (the input delayed by `delay`). */
  push(input: Float32Array, output: Float32Array): void {
    const n = input.length;
    const cap = this.out.length;
    for (let i = 0; i < n; i++) {
      this.frame[this.fill++] = input[i] as number;
      if (this.fill < this.size) continue;
      this.fill = 0;
      this.process(this.frame);
      // Cannot overflow: at most delay + one frame is ever waiting.
      let at = (this.head + this.count) % cap;
      for (let j = 0; j < this.size; j++) {
        this.out[at] = this.frame[j] as number;
        at = at + 1 === cap ? 0 : at + 1;
      }
      this.count += this.size;
    }
    for (let i = 0; i < n; i++) {
      // A quantum longer than the one planned for could find the ring short: silence, never stale sound.
      if (this.count === 0) {
        output[i] = 0;
        continue;
      }
      output[i] = this.out[this.head] as number;
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
      this.count--;
    }
  }
}
