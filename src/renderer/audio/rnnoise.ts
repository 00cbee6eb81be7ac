/**
 * noise_suppress_filter_v2 in the channel strip: RNNoise (@jitsi/rnnoise-wasm) in an AudioWorklet
 * (./rnnoise-worklet.ts). The WebAssembly is compiled once per context, here on the main thread,
 * and handed to each node: a worklet cannot fetch, and compiling there would stall the audio thread.
 * It is inlined into a chunk of its own that loads after the page, so the first paint does not wait.
 */
import type { Settings } from '../../shared';
import { dbToMul } from './laws';
import { FrameBuffer } from './rnnoise-frames';
import { RNNOISE_FADE_MS, RNNOISE_FRAME, RNNOISE_PROCESSOR, rnnoiseWorkletSource, type RnnoiseParams } from './rnnoise-worklet';

/** The same FilterUnit shape filters.ts returns (kept structural: filters.ts imports this file). */
export interface RnnoiseUnit {
  input: AudioNode;
  output: AudioNode;
  /** RNNOISE_LATENCY_MS, in seconds, once the denoised sound has faded in (the strip fades to it after that). */
  readonly latencyS: number;
  /** The strip wires the unit in: from here on the dry path is heard until denoised sound comes out. */
  start(): void;
  update(settings: Settings): void;
  dispose(): void;
}

/**
 * Sound through the filter comes out this much later, at 48 kHz: 448 samples of frame buffering
 * (./rnnoise-frames.ts) plus RNNoise's own 480 (its overlap-add). 19.33 ms. Nothing in the strip
 * compensates for it yet (as in OBS, a filter's delay is the user's sync offset to set).
 */
export const RNNOISE_LATENCY_SAMPLES = new FrameBuffer(RNNOISE_FRAME, 128, () => {}).delay + RNNOISE_FRAME;
export const RNNOISE_LATENCY_MS = (RNNOISE_LATENCY_SAMPLES / 48000) * 1000;

const loaded = new WeakMap<BaseAudioContext, Promise<WebAssembly.Module | null>>();
const ready = new WeakMap<BaseAudioContext, WebAssembly.Module>();

/** Loads the worklet and compiles RNNoise for a context once; false where either cannot be had. */
export function loadRnnoise(context: BaseAudioContext): Promise<boolean> {
  let p = loaded.get(context);
  if (!p) {
    p = (async () => {
      if (!context.audioWorklet) return null;
      const url = URL.createObjectURL(new Blob([rnnoiseWorkletSource()], { type: 'text/javascript' }));
      try {
        const { default: dataUrl } = await import('@jitsi/rnnoise-wasm/dist/rnnoise.wasm?url&inline');
        const [module] = await Promise.all([WebAssembly.compile(decodeDataUrl(dataUrl)), context.audioWorklet.addModule(url)]);
        ready.set(context, module);
        return module;
      } catch (err) {
        console.warn('Audio: RNNoise could not be loaded; noise suppression passes sound through.', err);
        return null;
      } finally {
        URL.revokeObjectURL(url);
      }
    })();
    loaded.set(context, p);
  }
  return p.then((m) => m !== null);
}

/** RNNoise's compiled module once loadRnnoise has finished for this context. */
export function rnnoiseModule(context: BaseAudioContext): WebAssembly.Module | undefined {
  return ready.get(context);
}

/**
 * OBS's settings as the worklet runs them. rnnoise: everything RNNoise takes away. speex (which we
 * run as RNNoise): at most suppress_level dB (OBS's −60..0, default −30) is taken away.
 */
export function rnnoiseParams(s: Settings): RnnoiseParams {
  if (s['method'] !== 'speex') return { floor: 0 };
  const level = s['suppress_level'];
  const db = typeof level === 'number' && Number.isFinite(level) ? Math.min(0, Math.max(-60, level)) : -30;
  return { floor: dbToMul(db) };
}

export function createNoiseSuppress(context: BaseAudioContext, settings: Settings, module: WebAssembly.Module): RnnoiseUnit {
  // A compiled module posts to the audio thread (Chromium clones it), so each node only instantiates.
  const node = new AudioWorkletNode(context, RNNOISE_PROCESSOR, {
    numberOfInputs: 1,
    numberOfOutputs: 1,
    outputChannelCount: [2],
    channelCount: 2,
    channelCountMode: 'explicit',
    processorOptions: { params: rnnoiseParams(settings), module },
  });
  node.port.onmessage = (e: MessageEvent<{ error?: string }>) => {
    if (e.data.error) console.warn('Audio: RNNoise failed in the worklet; noise suppression passes sound through.', e.data.error);
  };
  // Turning the filter on must not cut the sound for RNNoise's first 19 ms: the unit passes the
  // input dry until denoised sound comes out, then crossfades to it (FADE_MS).
  const stereo = { channelCount: 2, channelCountMode: 'explicit', channelInterpretation: 'speakers' } as const;
  const input = new GainNode(context, stereo);
  const dry = new GainNode(context, { gain: 1, ...stereo });
  const wet = new GainNode(context, { gain: 0, ...stereo });
  const output = new GainNode(context, stereo);
  input.connect(node).connect(wet).connect(output);
  input.connect(dry).connect(output);
  return {
    input,
    output,
    latencyS: RNNOISE_LATENCY_SAMPLES / context.sampleRate,
    start: () => {
      // Timed from when the strip wires it in: a unit may wait behind a running crossfade.
      const from = context.currentTime + RNNOISE_LATENCY_SAMPLES / context.sampleRate + CROSSFADE_MARGIN_S;
      const to = from + RNNOISE_FADE_MS / 1000;
      dry.gain.setValueAtTime(1, from);
      dry.gain.linearRampToValueAtTime(0, to);
      wet.gain.setValueAtTime(0, from);
      wet.gain.linearRampToValueAtTime(1, to);
    },
    update: (s) => node.port.postMessage(rnnoiseParams(s)),
    dispose: () => {
      // The worklet fades out what it still holds and stops; then the unit is cut off.
      node.port.postMessage('stop');
      input.disconnect();
      dry.disconnect();
      setTimeout(() => {
        node.disconnect();
        wet.disconnect();
        output.disconnect();
      }, 100);
    },
  };
}

/** After the worklet's first quantum starts: a node created now runs from the next render quantum on. */
const CROSSFADE_MARGIN_S = 0.005;

function decodeDataUrl(dataUrl: string): ArrayBuffer {
  const bin = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes.buffer;
}
