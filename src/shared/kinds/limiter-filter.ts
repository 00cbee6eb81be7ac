import type { KindDescriptor } from '../kinds';

/** OBS's limiter_filter: nothing leaves louder than the threshold (after a 1 ms attack). */
export const LIMITER_FILTER: KindDescriptor = {
  id: 'limiter_filter',
  category: 'filter',
  displayName: 'Limiter',
  video: false,
  audio: true,
  defaults: { threshold: -6, release_time: 60 },
  properties: [
    { type: 'float', name: 'threshold', label: 'Threshold', min: -60, max: 0, step: 0.1, suffix: 'dB' },
    { type: 'int', name: 'release_time', label: 'Release', min: 1, max: 1000, suffix: 'ms' },
  ],
};
