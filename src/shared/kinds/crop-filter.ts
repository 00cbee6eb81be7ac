import type { KindDescriptor } from '../kinds';

/**
 * OBS's crop_filter ("Crop/Pad"): relative crops each edge (a negative value pads with transparency);
 * absolute places a cx × cy window at (left, top). cx/cy 0 = the rest of the source.
 */
export const CROP_FILTER: KindDescriptor = {
  id: 'crop_filter',
  category: 'filter',
  displayName: 'Crop/Pad',
  video: true,
  audio: false,
  defaults: { relative: true, left: 0, top: 0, right: 0, bottom: 0, cx: 0, cy: 0 },
  properties: [
    { type: 'bool', name: 'relative', label: 'Relative' },
    { type: 'int', name: 'left', label: 'Left', min: -8192, max: 8192, suffix: 'px' },
    { type: 'int', name: 'top', label: 'Top', min: -8192, max: 8192, suffix: 'px' },
    { type: 'int', name: 'right', label: 'Right', min: -8192, max: 8192, suffix: 'px' },
    { type: 'int', name: 'bottom', label: 'Bottom', min: -8192, max: 8192, suffix: 'px' },
    { type: 'int', name: 'cx', label: 'Width', min: 0, max: 8192, suffix: 'px' },
    { type: 'int', name: 'cy', label: 'Height', min: 0, max: 8192, suffix: 'px' },
  ],
};
