/**
 * One AudioWorklet for the level-driven filters (noise gate, compressor, limiter, expander): an
 * envelope follower on the louder channel and a gain computer per mode, the same gain applied to
 * every channel so the stereo image holds. Built as source text and loaded from a Blob URL like
 * the PCM tap (./worklet.ts). Parameters arrive as messages, so a settings change is applied on
 * the next 128-sample block, without rebuilding anything (no click).
 */
import type { Settings } from '../../shared';

export const DYNAMICS_PROCESSOR = 'studio-dynamics';

export type DynamicsMode = 'gate' | 'compressor' | 'limiter' | 'expander';

/** What the processor needs; times in ms, levels in dB. */
export interface DynamicsParams {
  mode: DynamicsMode;
  threshold: number;
  /** Gate only: it opens above threshold and closes below closeThreshold. */
  closeThreshold: number;
  ratio: number;
  attackMs: number;
  releaseMs: number;
  holdMs: number;
  outputGainDb: number;
  /** Envelope from the peak (true) or a short RMS (false). */
  peak: boolean;
  /** Compressor only: the name of the input whose sound drives it (OBS's sidechain_source), or null. */
  sidechain: string | null;
}

const num = (s: Settings, key: string, fallback: number): number => {
  const v = s[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
};

/** OBS settings of a filter kind → processor parameters; null for kinds this processor does not run. */
export function dynamicsParams(kind: string, s: Settings): DynamicsParams | null {
  const base = { closeThreshold: -96, ratio: 1, attackMs: 1, releaseMs: 60, holdMs: 0, outputGainDb: 0, peak: true, sidechain: null };
  switch (kind) {
    case 'noise_gate_filter':
      return {
        ...base,
        mode: 'gate',
        threshold: num(s, 'open_threshold', -26),
        closeThreshold: num(s, 'close_threshold', -32),
        attackMs: num(s, 'attack_time', 25),
        holdMs: num(s, 'hold_time', 200),
        releaseMs: num(s, 'release_time', 150),
      };
    case 'compressor_filter':
      return {
        ...base,
        mode: 'compressor',
        sidechain: typeof s['sidechain_source'] === 'string' && s['sidechain_source'] !== 'none' && s['sidechain_source'] !== '' ? s['sidechain_source'] : null,
        ratio: num(s, 'ratio', 10),
        threshold: num(s, 'threshold', -18),
        attackMs: num(s, 'attack_time', 6),
        releaseMs: num(s, 'release_time', 60),
        outputGainDb: num(s, 'output_gain', 0),
      };
    case 'limiter_filter':
      // A compressor with an infinite ratio; the attack is instant (OBS: 1 ms), so no peak passes the threshold.
      return { ...base, mode: 'limiter', threshold: num(s, 'threshold', -6), attackMs: 0, releaseMs: num(s, 'release_time', 60) };
    case 'expander_filter': {
      const gate = s['presets'] === 'gate';
      return {
        ...base,
        mode: 'expander',
        ratio: gate ? 10 : num(s, 'ratio', 2),
        threshold: num(s, 'threshold', -40),
        attackMs: num(s, 'attack_time', 10),
        releaseMs: num(s, 'release_time', 50),
        outputGainDb: num(s, 'output_gain', 0),
        peak: s['detector'] === 'peak',
      };
    }
    default:
      return null;
  }
}

/**
 * The gain (dB, ≤ 0 before output gain) for an envelope level in dB. Shared with the worklet as
 * source text, so what the tests check is what runs.
 */
export function gainDb(p: DynamicsParams, envDb: number, gateOpen: number): number {
  switch (p.mode) {
    case 'compressor':
      return envDb > p.threshold ? -(envDb - p.threshold) * (1 - 1 / p.ratio) : 0;
    case 'limiter':
      return envDb > p.threshold ? p.threshold - envDb : 0;
    case 'expander':
      return envDb < p.threshold ? Math.max(-96, (envDb - p.threshold) * (p.ratio - 1)) : 0;
    case 'gate':
      return gateOpen >= 1 ? 0 : gateOpen <= 0 ? -96 : 20 * Math.log10(gateOpen);
  }
}

export function dynamicsWorkletSource(): string {
  return `
const gainDb = ${gainDb.toString()};
class StudioDynamics extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.p = options.processorOptions.params;
    this.env = 0;
    this.open = 0;
    this.held = 0;
    this.stopped = false;
    this.port.onmessage = (e) => {
      if (e.data === 'stop') this.stopped = true;
      else this.p = e.data;
    };
  }
  process(inputs, outputs) {
    const input = inputs[0];
    const output = outputs[0];
    if (this.stopped) return false;
    if (!input || input.length === 0) {
      for (const ch of output) ch.fill(0);
      return true;
    }
    const p = this.p;
    const rate = sampleRate;
    const coef = (ms) => (ms <= 0 ? 0 : Math.exp(-1 / ((ms / 1000) * rate)));
    const att = coef(p.attackMs);
    const rel = coef(p.releaseMs);
    const out = Math.pow(10, p.outputGainDb / 20);
    const n = input[0].length;
    // A connected sidechain (second input) drives the envelope instead of the filtered sound itself.
    const side = inputs[1] && inputs[1].length > 0 && p.sidechain ? inputs[1] : input;
    // The gate ramps its opening over attack / release, and holds open for holdMs after the level falls.
    const openStep = p.attackMs <= 0 ? 1 : 1 / ((p.attackMs / 1000) * rate);
    const closeStep = p.releaseMs <= 0 ? 1 : 1 / ((p.releaseMs / 1000) * rate);
    const holdSamples = (p.holdMs / 1000) * rate;
    for (let i = 0; i < n; i++) {
      let x = 0;
      for (let c = 0; c < side.length; c++) {
        const v = Math.abs(side[c][i]);
        if (v > x) x = v;
      }
      const level = p.peak ? x : x * x;
      const k = level > this.env ? att : rel;
      this.env = k * this.env + (1 - k) * level;
      const envLin = p.peak ? this.env : Math.sqrt(this.env);
      const envDb = envLin > 0 ? 20 * Math.log10(envLin) : -200;
      if (p.mode === 'gate') {
        if (envDb >= p.threshold) { this.held = holdSamples; this.open = Math.min(1, this.open + openStep); }
        else if (envDb < p.closeThreshold && this.held <= 0) this.open = Math.max(0, this.open - closeStep);
        else { this.held -= 1; if (envDb >= p.closeThreshold) this.open = Math.min(1, this.open + openStep); }
      }
      const g = Math.pow(10, gainDb(p, envDb, this.open) / 20) * out;
      for (let c = 0; c < output.length; c++) {
        const src = input[Math.min(c, input.length - 1)];
        output[c][i] = src[i] * g;
      }
    }
    return true;
  }
}
registerProcessor('${DYNAMICS_PROCESSOR}', StudioDynamics);
`;
}
