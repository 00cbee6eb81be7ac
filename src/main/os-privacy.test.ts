/**
 * The operating system's own refusals, named: which platforms can refuse what, the advice per
 * status, and one notice per kind and run.
 */
import { describe, expect, it } from 'vitest';
import { privacyAdvice, privacyNotices, requestedKinds, type PrivacyKind } from './os-privacy';

describe('privacyAdvice', () => {
  it("names macOS's pane for each kind, Windows' switches for camera and microphone, and nothing where the system allowed it", () => {
    expect(privacyAdvice('darwin', 'camera', 'denied')).toMatch(/Privacy & Security › Camera, turn Broadcast Studio on, then quit and reopen/);
    expect(privacyAdvice('darwin', 'microphone', 'denied')).toMatch(/› Microphone/);
    expect(privacyAdvice('darwin', 'screen', 'denied')).toMatch(/Screen & System Audio Recording \(Screen Recording before macOS 15\)/);
    // Desktop audio on macOS comes through screen capture: the notice names it too.
    expect(privacyAdvice('darwin', 'screen', 'denied')).toMatch(/record the screen or the sound the computer plays \(desktop audio\)/);
    expect(privacyAdvice('win32', 'camera', 'denied')).toMatch(/Privacy & security › Camera.*"Let desktop apps access your camera"/);
    expect(privacyAdvice('win32', 'microphone', 'denied')).toMatch(/"Microphone access"/);
    expect(privacyAdvice('darwin', 'camera', 'restricted')).toMatch(/device management profile or parental controls/);
    for (const status of ['granted', 'not-determined', 'unknown']) expect(privacyAdvice('darwin', 'camera', status)).toBeNull();
    // Windows cannot refuse the screen to one app, and Linux has no such setting for Electron to read.
    expect(privacyAdvice('win32', 'screen', 'denied')).toBeNull();
    expect(privacyAdvice('linux', 'camera', 'denied')).toBeNull();
  });
});

describe('privacyNotices', () => {
  it('tells once per kind and run, says whether any asked kind is refused, and survives a system that cannot answer', () => {
    const status: Record<PrivacyKind, string> = { camera: 'denied', microphone: 'granted', screen: 'denied' };
    const told: string[] = [];
    const asked: PrivacyKind[] = [];
    const p = privacyNotices({
      platform: 'darwin',
      access: {
        getMediaAccessStatus: (kind) => {
          asked.push(kind);
          return status[kind];
        },
      },
      notify: (m) => told.push(m),
    });
    expect(p.refused(['microphone'])).toBe(false);
    expect(p.refused(requestedKinds(['video', 'audio']))).toBe(true);
    expect(p.refused(['camera'])).toBe(true);
    expect(p.refused(['screen'])).toBe(true);
    expect(told).toHaveLength(2);
    expect(told[0]).toMatch(/› Camera/);
    expect(told[1]).toMatch(/Screen & System Audio Recording/);
    // Fixed in the settings while running: asked again, and no longer refused.
    status.camera = 'granted';
    expect(p.refused(['camera'])).toBe(false);

    const broken = privacyNotices({
      platform: 'win32',
      access: {
        getMediaAccessStatus: () => {
          throw new Error('not supported');
        },
      },
      notify: (m) => told.push(m),
    });
    expect(broken.refused(['camera', 'screen'])).toBe(false);
    // Windows is asked about the camera only: it cannot refuse the screen to one app.
    expect(asked).toEqual(['microphone', 'camera', 'microphone', 'camera', 'screen', 'camera']);
  });

  it('maps a media request to the kinds it needs', () => {
    expect(requestedKinds(['video'])).toEqual(['camera']);
    expect(requestedKinds(['audio', 'video'])).toEqual(['camera', 'microphone']);
    expect(requestedKinds(undefined)).toEqual([]);
  });
});
