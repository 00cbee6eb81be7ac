/**
 * noise_suppress_filter_v2's AudioWorklet, built as source text for a Blob URL like the other
 * worklets (worklet.ts). One RNNoise state per channel. Each node gets RNNoise's compiled module in
 * its processorOptions and instantiates it itself (a worklet cannot fetch).
 *
 * Output = denoised + floor · (input − denoised), the input taken one frame back to line up with
 * RNNoise's own 480-sample delay: floor 0 is plain RNNoise (OBS's rnnoise); OBS's speex method
 * lets at most suppress_level dB be taken away. A new floor glides over one frame, and 'stop'
 * fades the output out over FADE_MS (what is still buffered), so neither clicks. The fade in is
 * the unit's crossfade from its dry path (./rnnoise.ts).
 */
import { FrameBuffer } from './rnnoise-frames';
import { rnnoiseState } from './rnnoise-wasm';

export const RNNOISE_PROCESSOR = 'studio-rnnoise';
export const RNNOISE_FRAME = 480;
/** The fade out on stop, and the unit's crossfade from dry to denoised. */
export const RNNOISE_FADE_MS = 10;

/** What the worklet is told: the most that may be taken away, as a gain (0 = no limit). */
export interface RnnoiseParams {
  floor: number;
}

export function rnnoiseWorkletSource(): string {
  return `
const FrameBuffer = ${FrameBuffer.toString()};
const rnnoiseState = ${rnnoiseState.toString()};
const FRAME = ${RNNOISE_FRAME};
const FADE_MS = ${RNNOISE_FADE_MS};
class StudioRnnoise extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const o = options.processorOptions;
    this.floor = o.params.floor;
    this.target = o.params.floor;
    this.states = [];
    this.buffers = [];
    this.prev = [];
    this.scratch = [];
    this.failed = false;
    try {
      for (let c = 0; c < 2; c++) {
        const state = rnnoiseState(o.module);
        const prev = new Float32Array(FRAME);
        const dry = new Float32Array(FRAME);
        this.states.push(state);
        this.prev.push(prev);
        this.buffers.push(new FrameBuffer(FRAME, 128, (f) => {
          dry.set(f);
          state.process(f);
          const from = this.floor;
          const to = this.target;
          if (from > 0 || to > 0) for (let i = 0; i < FRAME; i++) f[i] += (from + ((to - from) * (i + 1)) / FRAME) * (prev[i] - f[i]);
          prev.set(dry);
          // Both channels finish their frames in the same quantum: the last one settles the glide.
          if (c === 1) this.floor = to;
        }));
        this.scratch.push(new Float32Array(128));
      }
    } catch (err) {
      // Pass the sound through rather than go silent.
      this.failed = true;
      this.port.postMessage({ error: String(err) });
    }
    this.gain = 1;
    this.closing = false;
    this.step = 1 / ((FADE_MS / 1000) * sampleRate);
    this.stopped = false;
    this.port.onmessage = (e) => {
      if (e.data === 'stop') this.closing = true;
      else if (e.data && typeof e.data.floor === 'number') this.target = e.data.floor;
    };
  }
  process(inputs, outputs) {
    const input = inputs[0];
    const output = outputs[0];
    if (this.stopped) return false;
    const n = output[0].length;
    for (let c = 0; c < output.length; c++) {
      const src = input && input.length > 0 ? input[Math.min(c, input.length - 1)] : null;
      if (this.failed) {
        if (src) output[c].set(src); else output[c].fill(0);
        continue;
      }
      const buf = this.buffers[Math.min(c, 1)];
      let inp = src;
      if (!inp || inp.length !== n) { inp = this.scratch[Math.min(c, 1)]; if (inp.length !== n) inp = new Float32Array(n); inp.fill(0); }
      buf.push(inp, output[c]);
    }
    if (this.failed) return true;
    if (!this.closing) return true;
    for (let i = 0; i < n; i++) {
      this.gain = Math.max(0, this.gain - this.step);
      for (let c = 0; c < output.length; c++) output[c][i] *= this.gain;
    }
    if (this.gain === 0) {
      for (const s of this.states) s.destroy();
      this.stopped = true;
      return false;
    }
    return true;
  }
}
registerProcessor('${RNNOISE_PROCESSOR}', StudioRnnoise);
`;
}
