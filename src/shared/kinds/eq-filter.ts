import type { KindDescriptor } from '../kinds';

/** OBS's basic_eq_filter ("3-Band Equalizer"): low, mid and high bands, each −20..20 dB. */
export const EQ_FILTER: KindDescriptor = {
  id: 'basic_eq_filter',
  category: 'filter',
  displayName: '3-Band Equalizer',
  video: false,
  audio: true,
  defaults: { low: 0, mid: 0, high: 0 },
  properties: [
    { type: 'float', name: 'low', label: 'Low', min: -20, max: 20, step: 0.1, suffix: 'dB' },
    { type: 'float', name: 'mid', label: 'Mid', min: -20, max: 20, step: 0.1, suffix: 'dB' },
    { type: 'float', name: 'high', label: 'High', min: -20, max: 20, step: 0.1, suffix: 'dB' },
  ],
};
