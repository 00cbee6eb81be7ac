/**
 * audio_output_capture (desktop audio). On Linux: the capture device the engine makes over the
 * chosen output's PulseAudio/PipeWire monitor (Chromium hides monitors themselves), found by its
 * label; the engine loads it asynchronously, so the source waits for it and opens again when the
 * devices change. On Windows and macOS: the system loopback through getDisplayMedia, which the
 * desktop app answers with the system audio (macOS 13+); where none comes the source says why.
 */
import { AUDIO_OUTPUT_CAPTURE, type Settings } from '../../../shared';
import { createAudioCapture } from './audio-capture';
import { desktopAudioRoute, findMonitorDevice, monitorConstraints, noDesktopAudio, noLoopbackAudio, outputDeviceId } from './desktop-audio-device';
import type { SourceKind, SourceRuntime } from './types';

/** How long an open waits for the engine's monitor device to appear before saying there is none. */
const WAIT_MS = 8000;
const POLL_MS = 400;

export const audioOutputCaptureSource: SourceKind = {
  id: AUDIO_OUTPUT_CAPTURE.id,
  create(settings, ctx, info): SourceRuntime {
    // Played by its capture stamps, the page's CaptureDelay after capture, where screen captures
    // show their pictures: a game's sound goes out with its picture.
    const capture = createAudioCapture(ctx, info, ctx.captureDelay);
    const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    const userAgent = typeof navigator !== 'undefined' ? navigator.userAgent : '';
    const route = desktopAudioRoute(userAgent);
    let deviceId = '';
    let disposed = false;
    let opening = false;

    const openMonitor = async (id: string): Promise<MediaStream> => {
      if (!md?.getUserMedia || !md.enumerateDevices) throw new Error('this browser cannot capture audio (no mediaDevices)');
      let labelled = false;
      for (let waited = 0; ; waited += POLL_MS) {
        const devices = await md.enumerateDevices();
        const found = findMonitorDevice(devices, id);
        if (found) return md.getUserMedia({ audio: monitorConstraints(found), video: false });
        // Labels stay empty until a capture was allowed once: ask, then look again.
        if (!labelled && devices.some((d) => d.kind === 'audioinput' && d.label === '')) {
          labelled = true;
          const probe = await md.getUserMedia({ audio: true, video: false }).catch(() => null);
          for (const t of probe?.getTracks() ?? []) t.stop();
          continue;
        }
        if (waited >= WAIT_MS || disposed || id !== deviceId) throw new Error(noDesktopAudio(route, id));
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    };

    const openLoopback = async (): Promise<MediaStream> => {
      if (!md?.getDisplayMedia) throw new Error('this system cannot capture desktop audio');
      // Chromium needs a video track to offer system audio; the capture keeps only the sound.
      const s = await md.getDisplayMedia({ video: true, audio: { suppressLocalAudioPlayback: false } as MediaTrackConstraints, systemAudio: 'include' } as DisplayMediaStreamOptions);
      const audio = s.getAudioTracks();
      if (audio.length > 0 && audio.some((t) => t.readyState === 'live')) return s;
      for (const t of s.getTracks()) t.stop();
      throw new Error(noLoopbackAudio(userAgent, audio.length > 0));
    };

    const open = (): void => {
      const id = deviceId;
      opening = true;
      capture.open(() => {
        const p = route === 'monitor' ? openMonitor(id) : route === 'loopback' ? openLoopback() : Promise.reject(new Error(noDesktopAudio(route, id)));
        return p.finally(() => {
          if (id === deviceId) opening = false;
        });
      });
    };

    // An output plugged in (or the engine's device appearing late) brings the sound back.
    const onDeviceChange = (): void => {
      if (!disposed && route === 'monitor' && !opening && capture.problem !== null) open();
    };
    if (route === 'monitor') md?.addEventListener?.('devicechange', onDeviceChange);

    const apply = (s: Settings): void => {
      const next = outputDeviceId(s);
      if (next === deviceId) return;
      deviceId = next;
      open();
    };
    apply(settings);
    return {
      width: 0,
      height: 0,
      update: apply,
      render() {},
      dispose: () => {
        disposed = true;
        md?.removeEventListener?.('devicechange', onDeviceChange);
        capture.dispose();
      },
    };
  },
};
