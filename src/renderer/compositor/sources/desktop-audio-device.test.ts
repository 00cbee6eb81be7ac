import { describe, expect, it } from 'vitest';
import { AUDIO_OUTPUT_CAPTURE, desktopAudioLabel } from '../../../shared';
import { desktopAudioRoute, findMonitorDevice, monitorConstraints, noDesktopAudio, noLoopbackAudio, outputDeviceId } from './desktop-audio-device';

describe('desktop audio device', () => {
  it('takes the route each platform allows', () => {
    expect(desktopAudioRoute('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/156.0')).toBe('monitor');
    expect(desktopAudioRoute('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/156.0')).toBe('loopback');
    // macOS: the desktop app answers with the system's sound from macOS 13 (main/loopback.ts).
    expect(desktopAudioRoute('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/156.0')).toBe('loopback');
    expect(desktopAudioRoute('Mozilla/5.0 (Linux; Android 14) Chrome/156.0')).toBe('none');
  });

  it('follows the default output unless one is chosen', () => {
    expect(outputDeviceId(AUDIO_OUTPUT_CAPTURE.defaults)).toBe('default');
    expect(outputDeviceId({ device_id: '' })).toBe('default');
    expect(outputDeviceId({ device_id: 'alsa_output.pci.analog-stereo.monitor' })).toBe('alsa_output.pci.analog-stereo.monitor');
  });

  it('finds the capture device made over the chosen monitor by its label', () => {
    const devices = [
      { kind: 'audioinput', deviceId: 'default', label: 'Default' },
      { kind: 'audiooutput', deviceId: 'o1', label: desktopAudioLabel('default') },
      { kind: 'audioinput', deviceId: 'm1', label: desktopAudioLabel('default') },
      { kind: 'audioinput', deviceId: 'm2', label: desktopAudioLabel('hdmi.monitor') },
    ];
    expect(findMonitorDevice(devices, 'default')).toBe('m1');
    expect(findMonitorDevice(devices, 'hdmi.monitor')).toBe('m2');
    expect(findMonitorDevice(devices, 'usb.monitor')).toBeNull();
    // Before capture permission the labels are empty, and nothing is guessed.
    expect(findMonitorDevice([{ kind: 'audioinput', deviceId: 'x', label: '' }], 'default')).toBeNull();
  });

  it('opens exactly that device without call-style processing', () => {
    expect(monitorConstraints('m1')).toMatchObject({ deviceId: { exact: 'm1' }, echoCancellation: false, noiseSuppression: false, autoGainControl: false });
  });

  it('says why a loopback capture brought no sound', () => {
    const mac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/156.0';
    expect(noLoopbackAudio(mac, false)).toMatch(/only from macOS 13, in the desktop app; otherwise .*BlackHole/);
    expect(noLoopbackAudio(mac, true)).toMatch(/Privacy & Security › Screen & System Audio Recording/);
    expect(noLoopbackAudio('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/156.0', false)).toBe('the system gave no sound to capture');
  });

  it('says what to do where there is no desktop audio', () => {
    expect(noDesktopAudio('none', 'default')).toMatch(/loopback device/);
    expect(noDesktopAudio('monitor', 'default')).toMatch(/PulseAudio\/PipeWire monitor of the default output/);
    expect(noDesktopAudio('monitor', 'hdmi.monitor')).toMatch(/"hdmi.monitor"/);
  });
});
