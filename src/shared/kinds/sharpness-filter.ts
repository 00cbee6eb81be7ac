import type { KindDescriptor } from '../kinds';

/** OBS's sharpness_filter_v2: an unsharp mask over the four direct neighbours. */
export const SHARPNESS_FILTER: KindDescriptor = {
  id: 'sharpness_filter_v2',
  category: 'filter',
  displayName: 'Sharpen',
  video: true,
  audio: false,
  defaults: { sharpness: 0.08 },
  properties: [{ type: 'float', name: 'sharpness', label: 'Sharpness', min: 0, max: 1, step: 0.01 }],
};
