import type { KindDescriptor } from '../kinds';

/** OBS's color_filter_v2 ("Color Correction"): gamma, contrast, brightness, saturation, hue, opacity, tint. */
export const COLOR_FILTER: KindDescriptor = {
  id: 'color_filter_v2',
  category: 'filter',
  displayName: 'Color Correction',
  video: true,
  audio: false,
  defaults: {
    gamma: 0,
    contrast: 0,
    brightness: 0,
    saturation: 0,
    hue_shift: 0,
    opacity: 1,
    color_multiply: 0x00ffffff,
    color_add: 0x00000000,
  },
  properties: [
    { type: 'float', name: 'gamma', label: 'Gamma', min: -3, max: 3, step: 0.01 },
    { type: 'float', name: 'contrast', label: 'Contrast', min: -4, max: 4, step: 0.01 },
    { type: 'float', name: 'brightness', label: 'Brightness', min: -1, max: 1, step: 0.0001 },
    { type: 'float', name: 'saturation', label: 'Saturation', min: -1, max: 5, step: 0.01 },
    { type: 'float', name: 'hue_shift', label: 'Hue shift', min: -180, max: 180, step: 0.01, suffix: '°' },
    { type: 'float', name: 'opacity', label: 'Opacity', min: 0, max: 1, step: 0.0001 },
    { type: 'color', name: 'color_multiply', label: 'Color multiply', alpha: false },
    { type: 'color', name: 'color_add', label: 'Color add', alpha: false },
  ],
};
