/**
 * The channel strip's crossfader: an AudioWorklet with two inputs, the filter chain being heard and
 * the one replacing it (./crossfade-chain.ts). It plays one input; told to fade, it moves to the
 * other over CROSSFADE_MS, sample by sample, and says when it is done. The fade is timed on the
 * audio thread, from the quantum the message arrives in: an AudioParam ramp scheduled from the
 * page can land in a quantum already rendered and jump to mid-ramp (a click) when the page is slow.
 */

export const CROSSFADE_PROCESSOR = 'studio-crossfade';

/** Short enough to feel instant, long enough that no step is heard (a 100 Hz tone turns 1.5 times). */
export const CROSSFADE_MS = 15;

/**
 * The new chain runs this long on the inactive input before the fade starts: filters that build up
 * state start from nothing (a noise gate shut, a compressor's envelope at zero, RNNoise passing its
 * dry sound for 34 ms before its own fade to denoised sound), and fading to them at once would dip
 * the level. 50 ms covers the gate's default 25 ms attack and RNNoise's start; a change is heard
 * that much later.
 */
export const CROSSFADE_WARMUP_MS = 50;

/**
 * 'gain': out + in = 1, for two chains of the same latency: their sound is the same or correlated,
 * so the sum stays at its level with no bump. 'power': out² + in² = 1, for chains whose latencies
 * differ (RNNoise's 19 ms): two time-shifted copies of speech or noise are uncorrelated, and an
 * equal-gain fade would dip 3 dB in the middle.
 */
export type FadeShape = 'gain' | 'power';

/** [gain of the chain going, gain of the chain coming] at fraction t (0..1) of a fade. */
export function fadeGains(shape: FadeShape, t: number): [number, number] {
  const x = t <= 0 ? 0 : t >= 1 ? 1 : t;
  if (shape === 'power') return [Math.cos((x * Math.PI) / 2), Math.sin((x * Math.PI) / 2)];
  return [1 - x, x];
}

/** The shape for a fade between chains whose sound comes out `fromS` and `toS` seconds late. */
export function fadeShape(fromS: number, toS: number): FadeShape {
  // Within a sample of each other the two copies line up.
  return Math.abs(fromS - toS) < 1 / 48000 ? 'gain' : 'power';
}

/** What the page posts to start a fade (the answer is `{ done: seq }`), or 'stop'. */
export interface FadeMessage {
  seq: number;
  shape: FadeShape;
}

/**
 * How long past the warm-up a fade waits for the coming chain's connection to reach the audio
 * thread (it is made just before the message, but Chromium applies connection changes at a
 * quantum's start, when it can take the graph lock).
 */
const MAX_WAIT_SAMPLES = 2048;

export function crossfadeWorkletSource(): string {
  return `
const fadeGains = ${fadeGains.toString()};
const MAX_WAIT = ${MAX_WAIT_SAMPLES};
class StudioCrossfade extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.length = Math.max(1, Math.round((options.processorOptions.ms / 1000) * sampleRate));
    this.warmup = Math.round((options.processorOptions.warmupMs / 1000) * sampleRate);
    this.on = 0;
    this.fade = null;
    this.stopped = false;
    this.port.onmessage = (e) => {
      if (e.data === 'stop') this.stopped = true;
      else this.fade = { seq: e.data.seq, shape: e.data.shape, pos: 0, waited: 0 };
    };
  }
  process(inputs, outputs) {
    if (this.stopped) return false;
    const out = outputs[0];
    const n = out[0].length;
    const from = inputs[this.on];
    const to = inputs[1 - this.on];
    let f = this.fade;
    if (f && f.pos === 0 && (f.waited < this.warmup || (to.length === 0 && from.length > 0 && f.waited < this.warmup + MAX_WAIT))) {
      f.waited += n;
      f = null;
    }
    for (let c = 0; c < out.length; c++) {
      const a = from.length > 0 ? from[Math.min(c, from.length - 1)] : null;
      const b = to.length > 0 ? to[Math.min(c, to.length - 1)] : null;
      const o = out[c];
      if (!f) {
        if (a) o.set(a); else o.fill(0);
        continue;
      }
      for (let i = 0; i < n; i++) {
        const g = fadeGains(f.shape, (f.pos + i + 1) / this.length);
        o[i] = (a ? a[i] * g[0] : 0) + (b ? b[i] * g[1] : 0);
      }
    }
    if (f) {
      f.pos += n;
      if (f.pos >= this.length) {
        this.on = 1 - this.on;
        this.fade = null;
        this.port.postMessage({ done: f.seq });
      }
    }
    return true;
  }
}
registerProcessor('${CROSSFADE_PROCESSOR}', StudioCrossfade);
`;
}

const loaded = new WeakMap<BaseAudioContext, Promise<boolean>>();
const ready = new WeakSet<BaseAudioContext>();

/** Loads the crossfader into a context once; false where AudioWorklet is unavailable. */
export function loadCrossfade(context: BaseAudioContext): Promise<boolean> {
  let p = loaded.get(context);
  if (p) return p;
  p = (async () => {
    if (!context.audioWorklet) return false;
    const url = URL.createObjectURL(new Blob([crossfadeWorkletSource()], { type: 'text/javascript' }));
    try {
      await context.audioWorklet.addModule(url);
      ready.add(context);
      return true;
    } catch (err) {
      console.warn('Audio: the filter crossfader could not be loaded; filter changes switch at once.', err);
      return false;
    } finally {
      URL.revokeObjectURL(url);
    }
  })();
  loaded.set(context, p);
  return p;
}

/** Whether loadCrossfade has finished for this context. */
export function crossfadeReady(context: BaseAudioContext): boolean {
  return ready.has(context);
}
