/**
 * Desktop audio (audio_output_capture) in the desktop app: a getDisplayMedia that asks for audio is
 * answered with the system's loopback where Electron offers it (Windows). Elsewhere no audio is
 * given, and the source says so (its kind's note).
 */
export function loopbackAudio(platform: NodeJS.Platform, audioRequested: boolean): { audio?: 'loopback' } {
  return audioRequested && platform === 'win32' ? { audio: 'loopback' } : {};
}
