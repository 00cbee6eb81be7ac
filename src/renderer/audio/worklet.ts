/**
 * The PCM tap's AudioWorklet, built as source text and loaded from a Blob URL (a bundler would not
 * compile a .ts worklet module, and the CSP allows blob:). It has one stereo input per mixer track
 * (OBS's six) and collects 480-frame chunks of interleaved s16, track-major pairs (track 1 =
 * channels 0 and 1: AUDIO_WIRE_CHANNELS in all), and transfers each to the main thread with the
 * index of its first sample frame (currentFrame: the audio clock, not wall time). The main thread
 * hands buffers back for reuse.
 */
import { AUDIO_CHANNELS, AUDIO_WIRE_CHANNELS } from '../../shared';
import { CHUNK_FRAMES } from './pcm';

export const TAP_PROCESSOR = 'studio-pcm-tap';
/** The tap's inputs: one stereo mix per track. */
export const TAP_TRACKS = AUDIO_WIRE_CHANNELS / AUDIO_CHANNELS;

export interface TapChunk {
  frame: number;
  buffer: ArrayBuffer;
}

/**
 * Each track's planar float stereo (an input's channels; a mono or unconnected input reads as
 * that or silence) → interleaved s16 of `channels` channels, track-major pairs. Self-contained on
 * purpose: the worklet source embeds this function's text, so it may use nothing but its
 * arguments and Math.
 */
export function interleaveTracksS16(
  tracks: ArrayLike<ArrayLike<Float32Array> | undefined>,
  from: number,
  out: Int16Array,
  outFrame: number,
  frames: number,
  channels: number,
): void {
  for (let t = 0; t * 2 < channels; t++) {
    const pair = tracks[t];
    const left = pair && pair.length > 0 ? pair[0] : undefined;
    const right = pair && pair.length > 1 ? pair[1] : left;
    let o = outFrame * channels + t * 2;
    for (let i = from; i < from + frames; i++) {
      const l = left ? Math.max(-1, Math.min(1, left[i] || 0)) : 0;
      const r = right ? Math.max(-1, Math.min(1, right[i] || 0)) : 0;
      out[o] = Math.round(l < 0 ? l * 32768 : l * 32767);
      out[o + 1] = Math.round(r < 0 ? r * 32768 : r * 32767);
      o += channels;
    }
  }
}

export function tapWorkletSource(): string {
  return `
const interleave = ${interleaveTracksS16.toString()};
const CHUNK = ${CHUNK_FRAMES};
const CHANNELS = ${AUDIO_WIRE_CHANNELS};
const BYTES = CHUNK * CHANNELS * 2;
class StudioPcmTap extends AudioWorkletProcessor {
  constructor() {
    super();
    this.free = [];
    this.buf = null;
    this.fill = 0;
    this.first = 0;
    this.stopped = false;
    this.port.onmessage = (e) => {
      if (e.data === 'stop') this.stopped = true;
      else if (e.data instanceof ArrayBuffer && e.data.byteLength === BYTES) this.free.push(e.data);
    };
  }
  process(inputs) {
    if (this.stopped) return false;
    let n = 128;
    for (const input of inputs) if (input && input.length > 0) n = input[0].length;
    let done = 0;
    while (done < n) {
      if (this.buf === null) {
        this.buf = new Int16Array(this.free.pop() || new ArrayBuffer(BYTES));
        this.fill = 0;
        this.first = currentFrame + done;
      }
      const take = Math.min(CHUNK - this.fill, n - done);
      interleave(inputs, done, this.buf, this.fill, take, CHANNELS);
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
