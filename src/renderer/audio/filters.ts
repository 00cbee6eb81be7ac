/**
 * Audio filters as the channel strip runs them: gain_filter is a GainNode; basic_eq_filter three
 * BiquadFilterNodes (low shelf at 800 Hz, a peak at 2 kHz, high shelf at 5 kHz: OBS's band edges); the level-driven kinds
 * (noise gate, compressor, limiter, expander) are one dynamics AudioWorklet each;
 * noise_suppress_filter_v2 is RNNoise in a worklet of its own (./rnnoise.ts). A settings change
 * updates the running unit in place; adding, removing, reordering or toggling a filter builds a new
 * chain, which the strip crossfades to (./crossfade-chain.ts) and then disposes the old one.
 */
import type { Filter, Settings } from '../../shared';
import { loadCrossfade } from './crossfade-worklet';
import { DYNAMICS_PROCESSOR, dynamicsParams, dynamicsWorkletSource } from './dynamics';
import { dbToMul } from './laws';
import { createNoiseSuppress, loadRnnoise, rnnoiseModule } from './rnnoise';
import type { FilterUnit } from './strip';

export interface AudioFilterUnit extends FilterUnit {
  update(settings: Settings): void;
  dispose(): void;
  /** A compressor's sidechain: the input whose sound drives it, and where that sound goes in. */
  readonly sidechain?: { source: string; input: AudioNode };
}

const loaded = new WeakMap<BaseAudioContext, Promise<boolean>>();

/**
 * Loads the dynamics worklet into a context once; false where AudioWorklet is unavailable. RNNoise
 * (./rnnoise.ts) and the strips' crossfader load alongside, so the mixer's one rebuild after
 * loading brings in all three.
 */
export function loadDynamics(context: BaseAudioContext): Promise<boolean> {
  let p = loaded.get(context);
  if (p) return p;
  const rnnoise = loadRnnoise(context);
  const crossfade = loadCrossfade(context);
  p = (async () => {
    if (!context.audioWorklet) return false;
    const url = URL.createObjectURL(new Blob([dynamicsWorkletSource()], { type: 'text/javascript' }));
    try {
      await context.audioWorklet.addModule(url);
      await Promise.all([rnnoise, crossfade]);
      return true;
    } catch (err) {
      console.warn('Audio: the dynamics filters could not be loaded; noise gate, compressor, limiter and expander pass sound through.', err);
      return false;
    } finally {
      URL.revokeObjectURL(url);
    }
  })();
  loaded.set(context, p);
  return p;
}

const gainOf = (s: Settings): number => {
  const db = s['db'];
  return dbToMul(typeof db === 'number' && Number.isFinite(db) ? db : 0);
};

/**
 * A running unit for an enabled audio filter, or null for a kind the mixer does not run (video
 * kinds) or cannot yet (the worklet is still loading: the mixer rebuilds once it has loaded).
 */
export function createAudioFilter(context: BaseAudioContext, filter: Filter, dynamicsReady: boolean): AudioFilterUnit | null {
  if (filter.kind === 'gain_filter') {
    const node = new GainNode(context, { gain: gainOf(filter.settings) });
    return {
      input: node,
      output: node,
      update: (s) => node.gain.setTargetAtTime(gainOf(s), context.currentTime, 0.01),
      dispose: () => node.disconnect(),
    };
  }
  if (filter.kind === 'basic_eq_filter') return createEq(context, filter.settings);
  if (filter.kind === 'noise_suppress_filter_v2') {
    const module = rnnoiseModule(context);
    return module ? createNoiseSuppress(context, filter.settings, module) : null;
  }
  const params = dynamicsParams(filter.kind, filter.settings);
  if (!params || !dynamicsReady) return null;
  const node = new AudioWorkletNode(context, DYNAMICS_PROCESSOR, {
    numberOfInputs: params.sidechain ? 2 : 1,
    numberOfOutputs: 1,
    outputChannelCount: [2],
    channelCount: 2,
    channelCountMode: 'explicit',
    processorOptions: { params },
  });
  const kind = filter.kind;
  // The sidechain arrives on the worklet's second input through a gain node the mixer connects to.
  const side = params.sidechain ? new GainNode(context, { channelCount: 2, channelCountMode: 'explicit' }) : null;
  side?.connect(node, 0, 1);
  return {
    input: node,
    output: node,
    ...(side && params.sidechain ? { sidechain: { source: params.sidechain, input: side } } : {}),
    update: (s) => {
      const next = dynamicsParams(kind, s);
      if (next) node.port.postMessage(next);
    },
    dispose: () => {
      node.port.postMessage('stop');
      node.disconnect();
      side?.disconnect();
    },
  };
}

/** OBS's 3-band EQ splits at 800 Hz and 5 kHz; the mid band is centred between them. */
const EQ_LOW_HZ = 800;
const EQ_HIGH_HZ = 5000;
const EQ_MID_HZ = Math.sqrt(EQ_LOW_HZ * EQ_HIGH_HZ);

function createEq(context: BaseAudioContext, settings: Settings): AudioFilterUnit {
  const db = (s: Settings, key: string): number => {
    const v = s[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  };
  const low = new BiquadFilterNode(context, { type: 'lowshelf', frequency: EQ_LOW_HZ, gain: db(settings, 'low') });
  const mid = new BiquadFilterNode(context, { type: 'peaking', frequency: EQ_MID_HZ, Q: 0.7, gain: db(settings, 'mid') });
  const high = new BiquadFilterNode(context, { type: 'highshelf', frequency: EQ_HIGH_HZ, gain: db(settings, 'high') });
  low.connect(mid);
  mid.connect(high);
  return {
    input: low,
    output: high,
    update: (s) => {
      const t = context.currentTime;
      low.gain.setTargetAtTime(db(s, 'low'), t, 0.01);
      mid.gain.setTargetAtTime(db(s, 'mid'), t, 0.01);
      high.gain.setTargetAtTime(db(s, 'high'), t, 0.01);
    },
    dispose: () => {
      low.disconnect();
      mid.disconnect();
      high.disconnect();
    },
  };
}
