/**
 * The PCM tap's AudioWorklet, built as source text and loaded from a Blob URL (a bundler would not
 * compile a .ts worklet module, and the CSP allows blob:). It collects 480-frame chunks of
 * interleaved s16 stereo and transfers each to the main thread with the index of its first sample
 * frame (currentFrame: the audio clock, not wall time). The main thread hands buffers back for reuse.
 */
import { CHUNK_FRAMES, interleaveS16 } from './pcm';

export const TAP_PROCESSOR = 'studio-pcm-tap';

export interface TapChunk {
  frame: number;
  buffer: ArrayBuffer;
}

export function tapWorkletSource(): string {
  return `
const interleave = ${interleaveS16.toString()};
const CHUNK = ${CHUNK_FRAMES};
class StudioPcmTap extends AudioWorkletProcessor {
  constructor() {
    super();
    this.free = [];
    this.buf = null;
    this.fill = 0;
    this.first = 0;
    this.silence = new Float32Array(128);
    this.stopped = false;
    this.port.onmessage = (e) => {
      if (e.data === 'stop') this.stopped = true;
      else if (e.data instanceof ArrayBuffer && e.data.byteLength === CHUNK * 4) this.free.push(e.data);
    };
  }
  process(inputs) {
    if (this.stopped) return false;
    const input = inputs[0];
    const left = input && input.length > 0 ? input[0] : this.silence;
    const right = input && input.length > 1 ? input[1] : left;
    const n = left.length;
    let done = 0;
    while (done < n) {
      if (this.buf === null) {
        this.buf = new Int16Array(this.free.pop() || new ArrayBuffer(CHUNK * 4));
        this.fill = 0;
        this.first = currentFrame + done;
      }
      const take = Math.min(CHUNK - this.fill, n - done);
      interleave(left, right, done, this.buf, this.fill, take);
      this.fill += take;
      done += take;
      if (this.fill === CHUNK) {
        const buffer = this.buf.buffer;
        this.port.postMessage({ frame: this.first, buffer }, [buffer]);
        this.buf = null;
      }
    }
    return true;
  }
}
registerProcessor('${TAP_PROCESSOR}', StudioPcmTap);
`;
}
