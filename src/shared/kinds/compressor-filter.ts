import type { KindDescriptor } from '../kinds';

/**
 * OBS's compressor_filter. sidechain_source ('none' or another input's name, as OBS stores it) makes
 * that input's sound drive the compression: ducking music under a voice.
 */
export const COMPRESSOR_FILTER: KindDescriptor = {
  id: 'compressor_filter',
  category: 'filter',
  displayName: 'Compressor',
  video: false,
  audio: true,
  defaults: { ratio: 10, threshold: -18, attack_time: 6, release_time: 60, output_gain: 0, sidechain_source: 'none' },
  properties: [
    { type: 'float', name: 'ratio', label: 'Ratio', min: 1, max: 32, step: 0.5, suffix: ':1' },
    { type: 'float', name: 'threshold', label: 'Threshold', min: -60, max: 0, step: 0.1, suffix: 'dB' },
    { type: 'int', name: 'attack_time', label: 'Attack', min: 1, max: 500, suffix: 'ms' },
    { type: 'int', name: 'release_time', label: 'Release', min: 1, max: 1000, suffix: 'ms' },
    { type: 'float', name: 'output_gain', label: 'Output gain', min: -32, max: 32, step: 0.1, suffix: 'dB' },
    { type: 'text', name: 'sidechain_source', label: 'Sidechain/ducking source (an input’s name, or none)', maxLength: 256 },
  ],
};
