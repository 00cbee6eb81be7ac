/**
 * audio_input: a microphone or line in through getUserMedia, by the device's id ('default' follows
 * the system's choice). Audio only: no size, nothing drawn. The browser's call-style processing
 * (echo cancellation, noise suppression, automatic gain) is applied only when its setting is on.
 * Its sound is played by its capture stamps at the page's CaptureDelay where the page can, as a
 * camera's own microphone is and as long as camera pictures wait, so a webcam and a separate
 * microphone leave the studio in step.
 */
import { AUDIO_INPUT, DEFAULT_AUDIO_DEVICE, type Settings } from '../../../shared';
import { createAudioCapture } from './audio-capture';
import type { SourceKind, SourceRuntime } from './types';

/** The getUserMedia audio constraints for these settings (exported for tests). */
export function micConstraints(settings: Settings): MediaTrackConstraints {
  const id = typeof settings['device_id'] === 'string' ? settings['device_id'] : DEFAULT_AUDIO_DEVICE;
  return {
    ...(id && id !== DEFAULT_AUDIO_DEVICE ? { deviceId: { exact: id } } : {}),
    echoCancellation: settings['echo_cancellation'] === true,
    noiseSuppression: settings['noise_suppression'] === true,
    autoGainControl: settings['auto_gain'] === true,
    channelCount: { ideal: 2 },
    sampleRate: { ideal: 48000 },
  };
}

export const audioInputSource: SourceKind = {
  id: AUDIO_INPUT.id,
  create(settings, ctx, info): SourceRuntime {
    const capture = createAudioCapture(ctx, info, ctx.captureDelay);
    let key = '';
    const apply = (s: Settings): void => {
      const audio = micConstraints(s);
      const next = JSON.stringify(audio);
      if (next === key) return;
      key = next;
      capture.open(() => {
        const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
        if (!md?.getUserMedia) return Promise.reject(new Error('this browser cannot capture audio (no mediaDevices)'));
        return md.getUserMedia({ audio, video: false });
      });
    };
    apply(settings);
    return { width: 0, height: 0, update: apply, render() {}, dispose: () => capture.dispose() };
  },
};
