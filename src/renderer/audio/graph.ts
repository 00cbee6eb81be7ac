/**
 * The WebAudio graph at 48 kHz: channel strips → OBS's six track buses → PCM tap, and the strips
 * → master bus (the program mix every strip that outputs feeds, which the master meter reads).
 * A strip feeds track N's bus when its input's audioTracks[N-1] is on (./strip.ts); the tap sends
 * all six tracks, and each output encodes the tracks it uses. The graph has no sound of its own:
 * with no audio input in program the tap reads digital silence. The tap's output and the master's
 * (through a muted gain) go to the destination only so the browser keeps pulling the graph;
 * nothing is played aloud (monitoring has its own path, ./monitor.ts).
 */
import { AUDIO_SAMPLE_RATE } from '../../shared';
import { TAP_PROCESSOR, TAP_TRACKS, tapWorkletSource, type TapChunk } from './worklet';

export interface AudioGraph {
  readonly context: AudioContext;
  /** The master bus: every strip that outputs, whatever its tracks (the master meter reads it). */
  readonly master: GainNode;
  /** Track 1..6's buses (index 0 = track 1): what the outputs get. */
  readonly tracks: readonly GainNode[];
  /** Resolves true once the tap runs, false when this browser cannot (no AudioWorklet, load failed). */
  readonly ready: Promise<boolean>;
  /** Chunks of 480 frames of interleaved s16le, six tracks' stereo pairs (AUDIO_WIRE_CHANNELS); frame = index of the first sample frame. */
  onChunk(listener: (pcm: Int16Array, frame: number) => void): () => void;
  dispose(): void;
}

export function createAudioGraph(): AudioGraph {
  const context = new AudioContext({ sampleRate: AUDIO_SAMPLE_RATE, latencyHint: 'interactive' });
  // Stereo always: a mono strip is spread to both speakers before it is summed here.
  const stereo = { channelCount: 2, channelCountMode: 'explicit', channelInterpretation: 'speakers' } as const;
  const master = new GainNode(context, { gain: 1, ...stereo });
  const tracks = Array.from({ length: TAP_TRACKS }, () => new GainNode(context, { gain: 1, ...stereo }));
  // The master feeds no output now: a muted path to the destination keeps it rendered for its meter.
  const pull = new GainNode(context, { gain: 0, ...stereo });
  master.connect(pull).connect(context.destination);
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
      numberOfInputs: TAP_TRACKS,
      numberOfOutputs: 1,
      outputChannelCount: [2],
      ...stereo,
    });
    node.port.onmessage = (e: MessageEvent<TapChunk>) => {
      const { frame, buffer } = e.data;
      const pcm = new Int16Array(buffer);
      for (const l of listeners) l(pcm, frame);
      node.port.postMessage(buffer, [buffer]);
    };
    tracks.forEach((bus, k) => bus.connect(node, 0, k));
    node.connect(context.destination);
    tap = node;
    return true;
  })();

  return {
    context,
    master,
    tracks,
    ready,
    onChunk(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
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
      pull.disconnect();
      void context.close().catch(() => {});
    },
  };
}
