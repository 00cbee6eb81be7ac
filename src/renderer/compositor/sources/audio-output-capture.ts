/**
 * audio_output_capture (desktop audio): the system's loopback through getDisplayMedia, which the
 * desktop app answers on Windows with the system audio (Electron's loopback). Elsewhere there is no
 * such capture; the kind's note tells people what to use instead, and the source stays silent.
 */
import { AUDIO_OUTPUT_CAPTURE } from '../../../shared';
import { createAudioCapture } from './audio-capture';
import type { SourceKind, SourceRuntime } from './types';

export const audioOutputCaptureSource: SourceKind = {
  id: AUDIO_OUTPUT_CAPTURE.id,
  create(_settings, ctx, info): SourceRuntime {
    const capture = createAudioCapture(ctx, info);
    capture.open(() => {
      const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
      if (!md?.getDisplayMedia) return Promise.reject(new Error('this system cannot capture desktop audio'));
      // Chromium needs a video track to offer system audio; the capture keeps only the sound.
      return md.getDisplayMedia({ video: true, audio: { suppressLocalAudioPlayback: false } as MediaTrackConstraints, systemAudio: 'include' } as DisplayMediaStreamOptions);
    });
    return { width: 0, height: 0, update() {}, render() {}, dispose: () => capture.dispose() };
  },
};
