import type { KindDescriptor } from '../kinds';

/** OBS's gain_filter: a fixed gain in dB. */
export const GAIN_FILTER: KindDescriptor = {
  id: 'gain_filter',
  category: 'filter',
  displayName: 'Gain',
  video: false,
  audio: true,
  defaults: { db: 0 },
  properties: [{ type: 'float', name: 'db', label: 'Gain', min: -30, max: 30, step: 0.1, suffix: 'dB' }],
};
