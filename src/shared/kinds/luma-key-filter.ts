import type { KindDescriptor } from '../kinds';

/** OBS's luma_key_filter_v2: pixels brighter than luma_max or darker than luma_min become transparent. */
export const LUMA_KEY_FILTER: KindDescriptor = {
  id: 'luma_key_filter_v2',
  category: 'filter',
  displayName: 'Luma Key',
  video: true,
  audio: false,
  defaults: { luma_max: 1, luma_max_smooth: 0, luma_min: 0, luma_min_smooth: 0 },
  properties: [
    { type: 'float', name: 'luma_max', label: 'Luma max', min: 0, max: 1, step: 0.0001 },
    { type: 'float', name: 'luma_max_smooth', label: 'Luma max smooth', min: 0, max: 1, step: 0.0001 },
    { type: 'float', name: 'luma_min', label: 'Luma min', min: 0, max: 1, step: 0.0001 },
    { type: 'float', name: 'luma_min_smooth', label: 'Luma min smooth', min: 0, max: 1, step: 0.0001 },
  ],
};
