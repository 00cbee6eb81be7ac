import type { KindDescriptor } from '../kinds';

/**
 * The luma images shipped in resources/luma_wipes (drawn by scripts/make-luma-wipes.mjs), named as
 * OBS names pictures of the same kind. `luma_image` is one of these file names, as in OBS.
 */
export const LUMA_WIPE_IMAGES: readonly { file: string; label: string }[] = [
  { file: 'linear-h.png', label: 'Linear, horizontal' },
  { file: 'linear-v.png', label: 'Linear, vertical' },
  { file: 'linear-topleft.png', label: 'Linear, from the top left' },
  { file: 'linear-topright.png', label: 'Linear, from the top right' },
  { file: 'barndoor-h.png', label: 'Barn door, horizontal' },
  { file: 'barndoor-v.png', label: 'Barn door, vertical' },
  { file: 'circle.png', label: 'Circle' },
  { file: 'clock.png', label: 'Clock' },
];

/** Where the renderer asks the engine for a luma image (served from resources/luma_wipes). */
export const LUMA_WIPES_PREFIX = 'luma_wipes/';

/**
 * OBS's luma_wipe_transition: the new scene replaces the old where the luma image is darker than
 * the progress (lighter last), with a soft edge `luma_softness` wide; `luma_invert` reverses it.
 */
export const LUMA_WIPE_TRANSITION: KindDescriptor = {
  id: 'luma_wipe_transition',
  category: 'transition',
  displayName: 'Luma Wipe',
  video: true,
  audio: false,
  defaults: { luma_image: 'linear-h.png', luma_invert: false, luma_softness: 0.03 },
  properties: [
    { type: 'list', name: 'luma_image', label: 'Image', options: LUMA_WIPE_IMAGES.map((i) => ({ label: i.label, value: i.file })) },
    { type: 'bool', name: 'luma_invert', label: 'Invert' },
    { type: 'float', name: 'luma_softness', label: 'Softness', min: 0, max: 1, step: 0.01 },
  ],
};
