/**
 * Per-input audio, OBS style: an input plays while it is active in program (an enabled item of the
 * current scene). Each audio_test_tone input that is active gets a sine OscillatorNode → GainNode
 * (the tone's level × volumeMul, 0 while muted) → master bus; one that leaves program or the
 * document is stopped and disconnected. Two analysers
 * per voice feed its meter: one before the gain (OBS's inputPeak) and one after (what mute and
 * volume leave).
 */
import { TEST_TONE, type Input, type InputLevels, type StudioDocument } from '../../shared';
import { FFT_SIZE, measure } from './levels';

/** The part of an AudioContext this needs (factory methods, so tests can hand in a fake). */
export type VoiceContext = Pick<BaseAudioContext, 'createOscillator' | 'createGain' | 'createAnalyser' | 'currentTime'>;

interface Voice {
  osc: OscillatorNode;
  gain: GainNode;
  /** Before the gain (inputPeak) and after it (magnitude and peak). */
  pre: AnalyserNode;
  post: AnalyserNode;
}

/** A test tone's level at volume 1, dBFS: loud enough to measure, with room above for the fader. */
export const TONE_DBFS = -24;
/** At volume 1 a tone sits at TONE_DBFS, which leaves room above 1. */
const TONE_LEVEL = 10 ** (TONE_DBFS / 20);
/** Gain changes glide over ~10 ms so a mute does not click. */
const GLIDE_S = 0.01;

const frequencyOf = (input: Input): number => {
  const f = input.settings['frequency'];
  return typeof f === 'number' && Number.isFinite(f) ? f : (TEST_TONE.defaults['frequency'] as number);
};

const levelOf = (input: Input): number => (input.muted ? 0 : TONE_LEVEL * input.volumeMul);

/** Uuids of the inputs active in program. */
export function activeInputs(doc: StudioDocument): Set<string> {
  const scene = doc.scenes.find((s) => s.uuid === doc.currentSceneUuid);
  return new Set(scene?.items.filter((i) => i.enabled).map((i) => i.sourceUuid) ?? []);
}

export class InputAudio {
  private readonly voices = new Map<string, Voice>();
  /** Scratch for the analysers' samples, shared by every voice. */
  private readonly samples: Float32Array<ArrayBuffer> = new Float32Array(FFT_SIZE);

  constructor(
    private readonly context: VoiceContext,
    private readonly master: AudioNode,
  ) {}

  /** Starts, updates and stops voices to match the document. */
  sync(doc: StudioDocument): void {
    const active = activeInputs(doc);
    const keep = new Set<string>();
    for (const input of doc.inputs) {
      if (input.kind !== TEST_TONE.id || !active.has(input.uuid)) continue;
      keep.add(input.uuid);
      const voice = this.voices.get(input.uuid);
      if (voice) {
        const now = this.context.currentTime;
        voice.osc.frequency.setTargetAtTime(frequencyOf(input), now, GLIDE_S);
        voice.gain.gain.setTargetAtTime(levelOf(input), now, GLIDE_S);
        continue;
      }
      const osc = this.context.createOscillator();
      osc.type = 'sine';
      osc.frequency.value = frequencyOf(input);
      const gain = this.context.createGain();
      gain.gain.value = levelOf(input);
      const pre = this.analyser();
      const post = this.analyser();
      osc.connect(gain);
      osc.connect(pre);
      gain.connect(this.master);
      gain.connect(post);
      osc.start();
      this.voices.set(input.uuid, { osc, gain, pre, post });
    }
    for (const uuid of [...this.voices.keys()]) {
      if (!keep.has(uuid)) this.stop(uuid);
    }
  }

  /** How many tones play now (for tests and stats). */
  get playing(): number {
    return this.voices.size;
  }

  /**
   * Each voice's meter now, as OBS's inputLevelsMul per channel: [magnitude, peak, inputPeak]. A
   * tone is mono and the bus upmixes it to both speakers, so both channels read the same.
   */
  levels(): InputLevels[] {
    const out: InputLevels[] = [];
    for (const [inputUuid, voice] of this.voices) {
      const after = measure(voice.post, this.samples);
      const before = measure(voice.pre, this.samples);
      const ch = [after.rms, after.peak, before.peak];
      out.push({ inputUuid, levelsMul: [ch, [...ch]] });
    }
    return out;
  }

  dispose(): void {
    for (const uuid of [...this.voices.keys()]) this.stop(uuid);
  }

  private stop(uuid: string): void {
    const voice = this.voices.get(uuid);
    if (!voice) return;
    this.voices.delete(uuid);
    voice.osc.stop();
    voice.osc.disconnect();
    voice.gain.disconnect();
  }

  private analyser(): AnalyserNode {
    const a = this.context.createAnalyser();
    a.fftSize = FFT_SIZE;
    return a;
  }
}
