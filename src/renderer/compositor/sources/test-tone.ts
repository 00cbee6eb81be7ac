/**
 * audio_test_tone: audio only. Its runtime has no size and draws nothing, so its items take no room
 * and cannot be hit; the sound itself is played by the audio graph (src/renderer/audio/inputs.ts).
 */
import { TEST_TONE } from '../../../shared';
import type { SourceKind, SourceRuntime } from './types';

export const testToneSource: SourceKind = {
  id: TEST_TONE.id,
  create(): SourceRuntime {
    return { width: 0, height: 0, update() {}, render() {}, dispose() {} };
  },
};
