import type { KindDescriptor } from '../kinds';

/** OBS's chroma_key_filter_v2: keys out a hue (chroma distance), with smoothing and spill reduction. */
export const CHROMA_KEY_FILTER: KindDescriptor = {
  id: 'chroma_key_filter_v2',
  category: 'filter',
  displayName: 'Chroma Key',
  video: true,
  audio: false,
  defaults: {
    key_color_type: 'green',
    key_color: 0x00ff00,
    similarity: 400,
    smoothness: 80,
    spill: 100,
    opacity: 1,
    contrast: 0,
    brightness: 0,
    gamma: 0,
  },
  properties: [
    {
      type: 'list',
      name: 'key_color_type',
      label: 'Key color type',
      options: [
        { label: 'Green', value: 'green' },
        { label: 'Blue', value: 'blue' },
        { label: 'Magenta', value: 'magenta' },
        { label: 'Custom color', value: 'custom' },
      ],
    },
    { type: 'color', name: 'key_color', label: 'Key color', alpha: false },
    { type: 'int', name: 'similarity', label: 'Similarity', min: 1, max: 1000 },
    { type: 'int', name: 'smoothness', label: 'Smoothness', min: 1, max: 1000 },
    { type: 'int', name: 'spill', label: 'Key color spill reduction', min: 1, max: 1000 },
    { type: 'float', name: 'opacity', label: 'Opacity', min: 0, max: 1, step: 0.0001 },
    { type: 'float', name: 'contrast', label: 'Contrast', min: -4, max: 4, step: 0.01 },
    { type: 'float', name: 'brightness', label: 'Brightness', min: -1, max: 1, step: 0.0001 },
    { type: 'float', name: 'gamma', label: 'Gamma', min: -1, max: 1, step: 0.01 },
  ],
};
