import type { KindDescriptor } from '../kinds';

/**
 * OBS's scale_filter ("Scaling/Aspect Ratio"): resolution is "None", "WxH" (e.g. "640x360") or an
 * aspect "16:9" (height kept); sampling picks the resampler.
 */
export const SCALE_FILTER: KindDescriptor = {
  id: 'scale_filter',
  category: 'filter',
  displayName: 'Scaling/Aspect Ratio',
  video: true,
  audio: false,
  defaults: { sampling: 'bicubic', resolution: 'None', undistort: false },
  properties: [
    {
      type: 'list',
      name: 'sampling',
      label: 'Scale filtering',
      options: [
        { label: 'Point', value: 'point' },
        { label: 'Bilinear', value: 'bilinear' },
        { label: 'Bicubic', value: 'bicubic' },
        { label: 'Lanczos', value: 'lanczos' },
        { label: 'Area', value: 'area' },
      ],
    },
    { type: 'text', name: 'resolution', label: 'Resolution (None, 1280x720 or 16:9)', maxLength: 32 },
    { type: 'bool', name: 'undistort', label: 'Undistort center' },
  ],
};
