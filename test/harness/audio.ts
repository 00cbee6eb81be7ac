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

/**
 * Interleaved PCM with its gaps taken out: runs of near-silence (|v| < 3 on every channel) at least
 * `minMs` long. The engine pads the program's sound with digital silence when the renderer's audio
 * comes late (a starved page on a loaded machine), and AAC brings that back as near-zero; a level
 * measured with those gaps in says how loaded the machine was, not what a filter did to the sound.
 * Only for signals that are never silent themselves (noise, a steady tone).
 */
export function withoutGaps(pcm: Int16Array, channels = 1, rate = 48000, minMs = 5): Int16Array {
  const frames = Math.floor(pcm.length / channels);
  const minRun = Math.max(1, Math.round((minMs / 1000) * rate));
  const out = new Int16Array(pcm.length);
  let n = 0;
  let runStart = 0;
  let run = 0;
  const flush = (end: number): void => {
    // A short quiet stretch is the signal's own; it stays.
    if (run > 0 && run < minRun) {
      out.set(pcm.subarray(runStart * channels, end * channels), n);
      n += run * channels;
    }
    run = 0;
  };
  for (let f = 0; f < frames; f++) {
    let quiet = true;
    for (let c = 0; c < channels && quiet; c++) quiet = Math.abs(pcm[f * channels + c]!) < 3;
    if (quiet) {
      if (run === 0) runStart = f;
      run++;
      continue;
    }
    flush(f);
    for (let c = 0; c < channels; c++) out[n++] = pcm[f * channels + c]!;
  }
  flush(frames);
  return out.subarray(0, n);
}
