/**
 * Measures decoded audio (s16 samples from grabAudioPcm): peak and RMS in dBFS, where digital
 * silence reads −Infinity, and a stretch cut from the end (a live stream starts with whatever the
 * server kept from before the change under test).
 */

export interface AudioMeasure {
  /** Largest absolute sample, dBFS (−Infinity for digital silence). */
  peakDb: number;
  rmsDb: number;
  /** Largest absolute sample value (0 for digital silence). */
  peak: number;
  samples: number;
}

const FULL_SCALE = 32768;

export function measureAudio(pcm: Int16Array): AudioMeasure {
  let peak = 0;
  let sum = 0;
  for (const v of pcm) {
    const a = Math.abs(v);
    if (a > peak) peak = a;
    sum += v * v;
  }
  const rms = pcm.length ? Math.sqrt(sum / pcm.length) : 0;
  return {
    peak,
    peakDb: 20 * Math.log10(peak / FULL_SCALE),
    rmsDb: 20 * Math.log10(rms / FULL_SCALE),
    samples: pcm.length,
  };
}

/** The last `seconds` of interleaved PCM at `rate` with `channels` per frame. */
export function tail(pcm: Int16Array, seconds: number, rate = 48000, channels = 1): Int16Array {
  const n = Math.min(pcm.length, Math.round(seconds * rate) * channels);
  return pcm.subarray(pcm.length - n);
}

/** One channel of interleaved stereo PCM. */
export function channel(pcm: Int16Array, index: 0 | 1): Int16Array {
  const out = new Int16Array(Math.floor(pcm.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = pcm[2 * i + index]!;
  return out;
}
