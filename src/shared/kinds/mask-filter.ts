import type { KindDescriptor } from '../kinds';

/** OBS's mask_filter_v2 ("Image Mask/Blend"): type names OBS's effect file, as OBS stores it. */
export const MASK_FILTER: KindDescriptor = {
  id: 'mask_filter_v2',
  category: 'filter',
  displayName: 'Image Mask/Blend',
  video: true,
  audio: false,
  defaults: { type: 'mask_color_filter.effect', image_path: '', color: 0xffffff, opacity: 1, stretch: false },
  properties: [
    {
      type: 'list',
      name: 'type',
      label: 'Type',
      options: [
        { label: 'Alpha mask (color channel)', value: 'mask_color_filter.effect' },
        { label: 'Alpha mask (alpha channel)', value: 'mask_alpha_filter.effect' },
        { label: 'Blend (multiply)', value: 'blend_mul_filter.effect' },
        { label: 'Blend (addition)', value: 'blend_add_filter.effect' },
        { label: 'Blend (subtraction)', value: 'blend_sub_filter.effect' },
      ],
    },
    { type: 'path', name: 'image_path', label: 'Path', filter: 'Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)' },
    { type: 'color', name: 'color', label: 'Color' },
    { type: 'float', name: 'opacity', label: 'Opacity', min: 0, max: 1, step: 0.0001 },
    { type: 'bool', name: 'stretch', label: 'Stretch image (discard aspect ratio)' },
  ],
};
