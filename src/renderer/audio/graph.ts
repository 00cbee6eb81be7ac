/**
 * The WebAudio graph at 48 kHz: sources → master bus → PCM tap. Its own source is a 440 Hz test
 * tone at about −24 dBFS; audio inputs add their own voices to the master bus (./inputs.ts). The
 * tap's output is silent and goes to the destination only so the browser keeps pulling the graph;
 * nothing is played aloud.
 */
import { AUDIO_SAMPLE_RATE } from '../../shared';
import { TAP_PROCESSOR, tapWorkletSource, type TapChunk } from './worklet';

export const TONE_HZ = 440;
export const TONE_DBFS = -24;

export interface AudioGraph {
  readonly context: AudioContext;
  /** The master bus; later sources connect here. */
  readonly master: GainNode;
  /** Resolves true once the tap runs, false when this browser cannot (no AudioWorklet, load failed). */
  readonly ready: Promise<boolean>;
  /** Chunks of 480 interleaved s16le stereo frames; frame = index of the first sample frame. */
  onChunk(listener: (pcm: Int16Array, frame: number) => void): () => void;
  setTone(on: boolean): void;
  dispose(): void;
}

export function createAudioGraph(opts: { tone?: boolean } = {}): AudioGraph {
  const context = new AudioContext({ sampleRate: AUDIO_SAMPLE_RATE, latencyHint: 'interactive' });
  const master = new GainNode(context, { gain: 1 });
  const toneGain = new GainNode(context, { gain: 10 ** (TONE_DBFS / 20) });
  const osc = new OscillatorNode(context, { type: 'sine', frequency: TONE_HZ });
  osc.connect(toneGain);
  osc.start();
  if (opts.tone ?? true) toneGain.connect(master);
  let toneOn = opts.tone ?? true;
  const listeners = new Set<(pcm: Int16Array, frame: number) => void>();
  let tap: AudioWorkletNode | null = null;
  let disposed = false;

  // Browsers may start the context suspended until a user gesture: resume on the first one.
  const resume = (): void => {
    if (context.state === 'suspended') void context.resume().catch(() => {});
  };
  const gestures = ['pointerdown', 'keydown'] as const;
  const unhook = (): void => {
    for (const g of gestures) window.removeEventListener(g, resume, true);
  };
  const watch = (): void => {
    if (context.state === 'running' || context.state === 'closed') unhook();
  };
  context.addEventListener('statechange', watch);
  for (const g of gestures) window.addEventListener(g, resume, true);
  resume();
  watch();

  const ready = (async (): Promise<boolean> => {
    if (!context.audioWorklet) {
      console.warn('Audio: AudioWorklet is unavailable (it needs a secure context); no audio is sent.');
      return false;
    }
    const url = URL.createObjectURL(new Blob([tapWorkletSource()], { type: 'text/javascript' }));
    try {
      await context.audioWorklet.addModule(url);
    } catch (err) {
      console.warn('Audio: the PCM tap could not be loaded; no audio is sent.', err);
      return false;
    } finally {
      URL.revokeObjectURL(url);
    }
    if (disposed) return false;
    const node = new AudioWorkletNode(context, TAP_PROCESSOR, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [2],
      channelCount: 2,
      channelCountMode: 'explicit',
      channelInterpretation: 'speakers',
    });
    node.port.onmessage = (e: MessageEvent<TapChunk>) => {
      const { frame, buffer } = e.data;
      const pcm = new Int16Array(buffer);
      for (const l of listeners) l(pcm, frame);
      node.port.postMessage(buffer, [buffer]);
    };
    master.connect(node);
    node.connect(context.destination);
    tap = node;
    return true;
  })();

  return {
    context,
    master,
    ready,
    onChunk(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setTone(on) {
      if (on === toneOn) return;
      toneOn = on;
      if (on) toneGain.connect(master);
      else toneGain.disconnect();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unhook();
      context.removeEventListener('statechange', watch);
      listeners.clear();
      if (tap) {
        tap.port.postMessage('stop');
        tap.port.onmessage = null;
        tap.disconnect();
      }
      osc.stop();
      void context.close().catch(() => {});
    },
  };
}
