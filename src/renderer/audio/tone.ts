/**
 * The test tone's voice: a sine OscillatorNode at TONE_DBFS, attached to its input's channel strip
 * like any other source's sound, so volume, mute, balance, sync offset and meters apply to it.
 */
import type { SourceAudioPort } from '../compositor/sources/types';

/** A test tone's level at volume 1, dBFS: loud enough to measure, with room above for the fader. */
export const TONE_DBFS = -24;

export interface ToneVoice {
  setFrequency(hz: number): void;
  dispose(): void;
}

export function createToneVoice(port: SourceAudioPort, hz: number): ToneVoice {
  const { context } = port;
  const osc = new OscillatorNode(context, { type: 'sine', frequency: hz });
  const level = new GainNode(context, { gain: 10 ** (TONE_DBFS / 20) });
  osc.connect(level);
  osc.start();
  const detach = port.attach(level);
  return {
    setFrequency(f) {
      // A short glide, so a frequency change does not click.
      osc.frequency.setTargetAtTime(f, context.currentTime, 0.01);
    },
    dispose() {
      detach();
      osc.stop();
      osc.disconnect();
      level.disconnect();
    },
  };
}
