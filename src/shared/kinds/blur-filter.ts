import type { KindDescriptor } from '../kinds';

/**
 * Our own blur (OBS users install a plugin for it): separable Gaussian or box over the whole
 * picture, or only inside a region (rectangle or ellipse, in source pixels) — to hide a face or a
 * screen corner.
 */
export const BLUR_FILTER: KindDescriptor = {
  id: 'blur_filter',
  category: 'filter',
  displayName: 'Blur',
  video: true,
  audio: false,
  defaults: { type: 'gaussian', radius: 8, region: 'none', region_x: 0, region_y: 0, region_cx: 0, region_cy: 0 },
  properties: [
    {
      type: 'list',
      name: 'type',
      label: 'Type',
      options: [
        { label: 'Gaussian', value: 'gaussian' },
        { label: 'Box', value: 'box' },
      ],
    },
    { type: 'int', name: 'radius', label: 'Radius', min: 0, max: 64, suffix: 'px' },
    {
      type: 'list',
      name: 'region',
      label: 'Area',
      options: [
        { label: 'Whole picture', value: 'none' },
        { label: 'Rectangle', value: 'rect' },
        { label: 'Ellipse', value: 'ellipse' },
      ],
    },
    { type: 'int', name: 'region_x', label: 'Area left', min: 0, max: 8192, suffix: 'px' },
    { type: 'int', name: 'region_y', label: 'Area top', min: 0, max: 8192, suffix: 'px' },
    { type: 'int', name: 'region_cx', label: 'Area width', min: 0, max: 8192, suffix: 'px' },
    { type: 'int', name: 'region_cy', label: 'Area height', min: 0, max: 8192, suffix: 'px' },
  ],
};
