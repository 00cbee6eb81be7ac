/**
 * The AudioWorklet the sync benches hear beeps with (registered as 'tap'): it posts the context
 * frame of each beep's first sample above 0.1 that follows 300 ms of quiet at 48 kHz.
 */
export const BEEP_TAP_WORKLET = `
class Tap extends AudioWorkletProcessor {
  constructor() { super(); this.quiet = 1e9; }
  process(inputs) {
    const ch = inputs[0] && inputs[0][0];
    if (ch) for (let i = 0; i < ch.length; i++) {
      if (Math.abs(ch[i]) > 0.1) { if (this.quiet > 14400) this.port.postMessage({ frame: currentFrame + i }); this.quiet = 0; } else this.quiet++;
    }
    return true;
  }
}
registerProcessor('tap', Tap);`;
