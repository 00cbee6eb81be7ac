import type { KindDescriptor } from '../kinds';

/** OBS's fade_transition: a cross-fade from the old scene to the new one. */
export const FADE_TRANSITION: KindDescriptor = {
  id: 'fade_transition',
  category: 'transition',
  displayName: 'Fade',
  video: true,
  audio: false,
  defaults: {},
  properties: [],
};
