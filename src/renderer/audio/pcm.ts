/**
 * Float32 planar → interleaved signed 16-bit stereo. Self-contained on purpose: the AudioWorklet
 * source embeds this function's text (see ./worklet.ts), so it may use nothing but its arguments
 * and Math.
 */
export function interleaveS16(
  left: Float32Array,
  right: Float32Array,
  from: number,
  out: Int16Array,
  outFrame: number,
  frames: number,
): void {
  let o = outFrame * 2;
  for (let i = from; i < from + frames; i++) {
    const l = Math.max(-1, Math.min(1, left[i] || 0));
    const r = Math.max(-1, Math.min(1, right[i] || 0));
    out[o++] = Math.round(l < 0 ? l * 32768 : l * 32767);
    out[o++] = Math.round(r < 0 ? r * 32768 : r * 32767);
  }
}

/** 10 ms at 48 kHz: the chunk the tap posts. */
export const CHUNK_FRAMES = 480;
