/**
 * Per-input audio, OBS style: an input plays while it is active in program (an enabled item of the
 * current scene). Each audio_test_tone input that is active gets a sine OscillatorNode → GainNode
 * (the tone's level × volumeMul, 0 while muted) → master bus; one that leaves program or the
 * document is stopped and disconnected. The graph's own global tone is not touched.
 */
import { TEST_TONE, type Input, type StudioDocument } from '../../shared';
import { TONE_DBFS } from './graph';

/** The part of an AudioContext this needs (factory methods, so tests can hand in a fake). */
export type VoiceContext = Pick<BaseAudioContext, 'createOscillator' | 'createGain' | 'currentTime'>;

interface Voice {
  osc: OscillatorNode;
  gain: GainNode;
}

/** At volume 1 a tone is as loud as the global test tone (−24 dBFS), which leaves room above 1. */
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
      osc.connect(gain);
      gain.connect(this.master);
      osc.start();
      this.voices.set(input.uuid, { osc, gain });
    }
    for (const uuid of [...this.voices.keys()]) {
      if (!keep.has(uuid)) this.stop(uuid);
    }
  }

  /** How many tones play now (for tests and stats). */
  get playing(): number {
    return this.voices.size;
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
}
