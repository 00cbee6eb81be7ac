import type { KindDescriptor } from '../kinds';

/** OBS's clut_filter ("Apply LUT"): a .cube or .png lookup table mixed in by clut_amount. */
export const CLUT_FILTER: KindDescriptor = {
  id: 'clut_filter',
  category: 'filter',
  displayName: 'Apply LUT',
  video: true,
  audio: false,
  defaults: { image_path: '', clut_amount: 1, passthrough_alpha: false },
  properties: [
    { type: 'path', name: 'image_path', label: 'Path', filter: 'LUTs (*.cube *.png)' },
    { type: 'float', name: 'clut_amount', label: 'Amount', min: 0, max: 1, step: 0.0001 },
    { type: 'bool', name: 'passthrough_alpha', label: 'Passthrough alpha' },
  ],
};
