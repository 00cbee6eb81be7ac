/**
 * What the operating system itself allows the app. macOS (Privacy & Security) and Windows (privacy
 * settings) can refuse the camera, the microphone or the screen to an app whatever our own permission
 * handler grants; Chromium then only says "not allowed", and the source's card says "permission
 * refused". This names the switch to flip, once per kind and run, as a notice in the studio.
 */
export type PrivacyKind = 'camera' | 'microphone' | 'screen';

/** Electron's systemPreferences.getMediaAccessStatus (macOS: all three; Windows: camera and microphone). */
export interface MediaAccess {
  getMediaAccessStatus(kind: PrivacyKind): string;
}

const MAC_PANES: Record<PrivacyKind, string> = {
  camera: 'Camera',
  microphone: 'Microphone',
  // Renamed in macOS 15; older versions call it Screen Recording.
  screen: 'Screen & System Audio Recording (Screen Recording before macOS 15)',
};

// macOS gives desktop audio (audio_output_capture) through screen capture, under the same switch.
const USES: Record<PrivacyKind, string> = {
  camera: 'use the camera',
  microphone: 'use the microphone',
  screen: 'record the screen or the sound the computer plays (desktop audio)',
};

/** Whether this platform can refuse `kind` to apps (and Electron can tell). */
function askable(platform: NodeJS.Platform, kind: PrivacyKind): boolean {
  return platform === 'darwin' || (platform === 'win32' && kind !== 'screen');
}

/** How to undo the operating system's refusal, or null where it did not refuse. */
export function privacyAdvice(platform: NodeJS.Platform, kind: PrivacyKind, status: string): string | null {
  if (!askable(platform, kind) || (status !== 'denied' && status !== 'restricted')) return null;
  if (status === 'restricted') {
    return `The system does not let Broadcast Studio ${USES[kind]}: a device management profile or parental controls restrict it. Ask whoever manages this computer.`;
  }
  if (platform === 'darwin') {
    return `macOS does not let Broadcast Studio ${USES[kind]}. Open System Settings › Privacy & Security › ${MAC_PANES[kind]}, turn Broadcast Studio on, then quit and reopen it.`;
  }
  const pane = kind === 'camera' ? 'Camera' : 'Microphone';
  return `Windows does not let apps ${USES[kind]}. Open Settings › Privacy & security › ${pane}, and turn on "${pane} access" and "Let desktop apps access your ${pane.toLowerCase()}".`;
}

/** The kinds a Chromium media permission request is for ('video' → camera, 'audio' → microphone). */
export function requestedKinds(mediaTypes: readonly string[] | undefined): PrivacyKind[] {
  const kinds: PrivacyKind[] = [];
  if (mediaTypes?.includes('video')) kinds.push('camera');
  if (mediaTypes?.includes('audio')) kinds.push('microphone');
  return kinds;
}

/**
 * Checks the system's answer for some kinds and tells the user once per kind and run; true when
 * any of them is refused. A status the system cannot give counts as allowed.
 */
export function privacyNotices(opts: { access: MediaAccess; platform: NodeJS.Platform; notify(message: string): void }): { refused(kinds: readonly PrivacyKind[]): boolean } {
  const told = new Set<PrivacyKind>();
  return {
    refused(kinds) {
      let any = false;
      for (const kind of kinds) {
        if (!askable(opts.platform, kind)) continue;
        let status = 'unknown';
        try {
          status = opts.access.getMediaAccessStatus(kind);
        } catch {
          // An older system without the setting: nothing to advise.
        }
        const advice = privacyAdvice(opts.platform, kind, status);
        if (!advice) continue;
        any = true;
        if (told.has(kind)) continue;
        told.add(kind);
        opts.notify(advice);
      }
      return any;
    },
  };
}
