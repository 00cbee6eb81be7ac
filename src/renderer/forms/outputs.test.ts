import { describe, expect, it } from 'vitest';
import { outputOptions } from './outputs';

const fixed = [{ label: 'Default', value: 'default' }];
const speakers = { monitor: 'studio_speakers.monitor', description: 'Speakers' };
const hdmi = { monitor: 'alsa_output.hdmi.monitor', description: 'HDMI' };

describe('outputOptions', () => {
  it('lists Default first, then each output by description, valued by its monitor source', () => {
    expect(outputOptions(fixed, [speakers, hdmi], 'default')).toEqual([
      { label: 'Default', value: 'default' },
      { label: 'Speakers', value: 'studio_speakers.monitor' },
      { label: 'HDMI', value: 'alsa_output.hdmi.monitor' },
    ]);
  });

  it('marks a chosen output the engine no longer lists as gone, naming it', () => {
    expect(outputOptions(fixed, [hdmi], 'studio_speakers.monitor')).toEqual([
      { label: 'Default', value: 'default' },
      { label: 'HDMI', value: 'alsa_output.hdmi.monitor' },
      { label: 'Not connected (studio_speakers.monitor)', value: 'studio_speakers.monitor' },
    ]);
  });

  it('shows a chosen output by name while the list is not known yet', () => {
    expect(outputOptions(fixed, null, 'studio_speakers.monitor')).toEqual([
      { label: 'Default', value: 'default' },
      { label: 'studio_speakers.monitor', value: 'studio_speakers.monitor' },
    ]);
  });

  it('has only Default where the system has no outputs to capture', () => {
    expect(outputOptions(fixed, [], 'default')).toEqual(fixed);
    expect(outputOptions(fixed, [], '')).toEqual(fixed);
  });

  it('falls back to the monitor name for an output without a description, and lists each monitor once', () => {
    expect(outputOptions(fixed, [{ monitor: 'x.monitor', description: '' }, { monitor: 'x.monitor', description: 'Again' }], 'default')).toEqual([
      { label: 'Default', value: 'default' },
      { label: 'x.monitor', value: 'x.monitor' },
    ]);
  });
});
