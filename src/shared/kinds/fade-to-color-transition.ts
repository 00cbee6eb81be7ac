import type { KindDescriptor } from '../kinds';

/** OBS's fade_to_color_transition: out to a color, then in, the scene switching at switch_point %. */
export const FADE_TO_COLOR_TRANSITION: KindDescriptor = {
  id: 'fade_to_color_transition',
  category: 'transition',
  displayName: 'Fade to Color',
  video: true,
  audio: false,
  defaults: { color: 0xff000000, switch_point: 50 },
  properties: [
    { type: 'color', name: 'color', label: 'Color' },
    { type: 'int', name: 'switch_point', label: 'Peak color point', min: 0, max: 100, suffix: '%' },
  ],
};
