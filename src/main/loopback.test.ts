import { describe, expect, it } from 'vitest';
import { MAC_LOOPBACK_FEATURES, enableSystemAudioLoopback, loopbackAudio, macLoopbackSupported, mergeFeatures, type FeatureSwitches } from './loopback';

/** A command line as Chromium keeps it: one value per switch, the last one set wins. */
function commandLine(initial: Record<string, string> = {}): FeatureSwitches & { switches: Map<string, string> } {
  const switches = new Map(Object.entries(initial));
  return {
    switches,
    hasSwitch: (name) => switches.has(name),
    getSwitchValue: (name) => switches.get(name) ?? '',
    appendSwitch: (name, value = '') => void switches.set(name, value),
  };
}

describe('loopbackAudio', () => {
  it('gives the system loopback on Windows when audio is asked for', () => {
    expect(loopbackAudio('win32', true, '10.0.22631')).toEqual({ audio: 'loopback' });
  });

  it('gives it on macOS 13 and later (Darwin 22+), not before', () => {
    expect(loopbackAudio('darwin', true, '22.0.0')).toEqual({ audio: 'loopback' });
    expect(loopbackAudio('darwin', true, '24.6.0')).toEqual({ audio: 'loopback' });
    expect(loopbackAudio('darwin', true, '25.1.0')).toEqual({ audio: 'loopback' });
    // macOS 12 (Darwin 21) and 11 (Darwin 20): no route, and the source says so.
    expect(loopbackAudio('darwin', true, '21.6.0')).toEqual({});
    expect(loopbackAudio('darwin', true, '20.6.0')).toEqual({});
    expect(loopbackAudio('darwin', true, 'unknown')).toEqual({});
  });

  it("gives nothing on Linux (desktop audio comes from the engine's PulseAudio remap) or when no audio is asked for", () => {
    expect(loopbackAudio('linux', true, '6.8.0-45-generic')).toEqual({});
    expect(loopbackAudio('win32', false, '10.0.22631')).toEqual({});
    expect(loopbackAudio('darwin', false, '24.0.0')).toEqual({});
  });

  it('reads the Darwin major version', () => {
    expect(macLoopbackSupported('22.1.0')).toBe(true);
    expect(macLoopbackSupported('21.4.0')).toBe(false);
    expect(macLoopbackSupported('')).toBe(false);
  });
});

describe('enableSystemAudioLoopback', () => {
  it('turns both macOS features on when nothing was enabled', () => {
    const cl = commandLine();
    enableSystemAudioLoopback(cl, 'darwin');
    expect(cl.switches.get('enable-features')).toBe('MacLoopbackAudioForScreenShare,MacSckSystemAudioLoopbackOverride');
  });

  it('keeps features already enabled, and adds none twice', () => {
    const cl = commandLine({ 'enable-features': 'WebRTCPipeWireCapturer, MacLoopbackAudioForScreenShare' });
    enableSystemAudioLoopback(cl, 'darwin');
    expect(cl.switches.get('enable-features')).toBe('WebRTCPipeWireCapturer,MacLoopbackAudioForScreenShare,MacSckSystemAudioLoopbackOverride');
    enableSystemAudioLoopback(cl, 'darwin');
    expect(cl.switches.get('enable-features')!.split(',')).toHaveLength(3);
  });

  it('changes nothing on Windows or Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const cl = commandLine({ 'enable-features': 'Foo' });
      enableSystemAudioLoopback(cl, platform);
      expect(cl.switches.get('enable-features')).toBe('Foo');
      const empty = commandLine();
      enableSystemAudioLoopback(empty, platform);
      expect(empty.switches.has('enable-features')).toBe(false);
    }
  });

  it('merges a value list without empty entries', () => {
    expect(mergeFeatures('', MAC_LOOPBACK_FEATURES)).toBe(MAC_LOOPBACK_FEATURES.join(','));
    expect(mergeFeatures('A,,B,', ['B', 'C'])).toBe('A,B,C');
  });
});
