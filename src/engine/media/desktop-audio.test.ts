import { describe, expect, it } from 'vitest';
import { desktopAudioLabel, type StudioDocument } from '../../shared';
import { isOutputName, parseSinks, remapArgs, remapName, wantedDevices } from './desktop-audio';

const input = (uuid: string, kind: string, settings: Record<string, unknown>) => ({ uuid, name: uuid, kind, settings });
const doc = (...inputs: ReturnType<typeof input>[]) => ({ inputs }) as unknown as StudioDocument;

describe('desktop audio (engine side)', () => {
  it('reads the outputs with a monitor from pactl -f json list sinks (PulseAudio 16.1)', () => {
    const json = JSON.stringify([
      { index: 0, name: 'alsa_output.pci.analog-stereo', description: 'Built-in Audio', monitor_source: 'alsa_output.pci.analog-stereo.monitor' },
      { index: 1, name: 'hdmi', description: '', monitor_source: 'hdmi.monitor' },
      { index: 2, name: 'odd', description: 'No monitor' },
    ]);
    expect(parseSinks(json)).toEqual([
      { monitor: 'alsa_output.pci.analog-stereo.monitor', description: 'Built-in Audio' },
      { monitor: 'hdmi.monitor', description: 'hdmi.monitor' },
    ]);
    expect(parseSinks('{}')).toEqual([]);
  });

  it('loads a remap source over the default monitor, or the chosen one, labelled for the renderer', () => {
    expect(remapArgs('default')).toEqual([
      'load-module',
      'module-remap-source',
      'master=@DEFAULT_MONITOR@',
      'source_name=broadcast_studio_desktop.default',
      `source_properties="device.description='${desktopAudioLabel('default')}'"`,
    ]);
    expect(remapArgs('hdmi.monitor')[2]).toBe('master=hdmi.monitor');
    // A name PulseAudio would refuse is made safe; quotes never break out of the arguments.
    expect(remapName('a b/c')).toBe('broadcast_studio_desktop.a_b_c');
    expect(remapArgs(`x'"y`)[4]).toBe(`source_properties="device.description='${desktopAudioLabel('xy')}'"`);
  });

  it('hands pactl only names a monitor source can have', () => {
    expect(isOutputName('alsa_output.pci-0000_00_1f.3.analog-stereo.monitor')).toBe(true);
    expect(isOutputName('bluez_output.00:11:22:33:44:55.1.monitor')).toBe(true);
    expect(isOutputName('default')).toBe(true);
    expect(isOutputName('x rate=1')).toBe(false);
    expect(isOutputName(`x'y`)).toBe(false);
    expect(isOutputName('')).toBe(false);
  });

  it('wants each output once, "default" for an unset device, and nothing for other kinds', () => {
    const d = doc(
      input('a', 'audio_output_capture', { device_id: 'default' }),
      input('b', 'audio_output_capture', {}),
      input('c', 'audio_output_capture', { device_id: 'hdmi.monitor' }),
      input('m', 'audio_input', { device_id: 'default' }),
    );
    expect([...wantedDevices(d)]).toEqual(['default', 'hdmi.monitor']);
  });
});
