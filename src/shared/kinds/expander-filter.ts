import type { KindDescriptor } from '../kinds';

/** OBS's expander_filter: turns quiet passages down further below the threshold (a gate at high ratios). */
export const EXPANDER_FILTER: KindDescriptor = {
  id: 'expander_filter',
  category: 'filter',
  displayName: 'Expander',
  video: false,
  audio: true,
  defaults: { presets: 'expander', ratio: 2, threshold: -40, attack_time: 10, release_time: 50, output_gain: 0, detector: 'RMS' },
  properties: [
    {
      type: 'list',
      name: 'presets',
      label: 'Presets',
      options: [
        { label: 'Expander', value: 'expander' },
        { label: 'Gate', value: 'gate' },
      ],
    },
    { type: 'float', name: 'ratio', label: 'Ratio', min: 1, max: 20, step: 0.1, suffix: ':1' },
    { type: 'float', name: 'threshold', label: 'Threshold', min: -60, max: 0, step: 0.1, suffix: 'dB' },
    { type: 'int', name: 'attack_time', label: 'Attack', min: 1, max: 100, suffix: 'ms' },
    { type: 'int', name: 'release_time', label: 'Release', min: 1, max: 1000, suffix: 'ms' },
    { type: 'float', name: 'output_gain', label: 'Output gain', min: -32, max: 32, step: 0.1, suffix: 'dB' },
    {
      type: 'list',
      name: 'detector',
      label: 'Detection',
      options: [
        { label: 'RMS', value: 'RMS' },
        { label: 'Peak', value: 'peak' },
      ],
    },
  ],
};
