/**
 * audio_test_tone: audio only. Its runtime has no size and draws nothing, so its items take no room
 * and cannot be hit; its sine plays through the input's channel strip (src/renderer/audio/tone.ts).
 */
import { TEST_TONE, type Settings } from '../../../shared';
import { createToneVoice } from '../../audio/tone';
import type { SourceKind, SourceRuntime } from './types';

const frequencyOf = (settings: Settings): number => {
  const f = settings['frequency'];
  return typeof f === 'number' && Number.isFinite(f) && f > 0 ? f : (TEST_TONE.defaults['frequency'] as number);
};

export const testToneSource: SourceKind = {
  id: TEST_TONE.id,
  create(settings, ctx): SourceRuntime {
    const voice = ctx.audio ? createToneVoice(ctx.audio, frequencyOf(settings)) : null;
    return {
      width: 0,
      height: 0,
      update(next) {
        voice?.setFrequency(frequencyOf(next));
      },
      render() {},
      dispose() {
        voice?.dispose();
      },
    };
  },
};
